package dev.lane.submit;

import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import dev.lane.inbox.Inbox;
import dev.lane.integrate.RecordedOutcome;
import dev.lane.intent.Intents;
import dev.lane.intent.LandedIntents;
import dev.lane.json.Json;
import dev.lane.json.JsonFields;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads and atomically writes a lane's intents and submission files. Writing goes through the mapper; reading goes
 * through the streaming parser and the records' {@code fromJson} factories (no mapper start-up on the integrator's
 * path).
 */
public final class SubmissionStore {
    private final Inbox inbox;

    public SubmissionStore(Inbox inbox) {
        this.inbox = inbox;
    }

    public Optional<Submission> submission(WaveId wave, LaneId lane) {
        Path file = inbox.submission(wave, lane);
        return SafeFiles.readIfExists(file).map(t -> Submission.fromJson(JsonFields.of(t, file)));
    }

    /**
     * What a new submission of the lane follows.
     *
     * @param exists       whether the lane submitted before (then the new one is a resubmission)
     * @param nextSequence the new submission's number
     * @param unlogged     the lane's earlier submission if the wave's ledger has no submit entry of it (a submit
     *                     killed between writing it and logging it), else null
     * @param previous     the lane's earlier submission if its record can be read, else null
     */
    public record Earlier(boolean exists, int nextSequence, Submission unlogged, Submission previous) {
    }

    /**
     * What a new submission of the lane follows. A submission record that cannot be read (edited by hand, say) is
     * replaced, never a reason to refuse: the next number then follows the lane's submit entries in the wave's ledger
     * (one per submission, of every claim of the lane), so it is above the number of the record it replaces and of
     * the lane's outcome, which is what status and release compare it with. A readable record is looked for in the
     * ledger: its submit entry bears the record's own time.
     */
    public Earlier earlier(WaveId wave, LaneId lane) {
        Optional<Submission> previous;
        try {
            previous = submission(wave, lane);
        } catch (LaneException unreadable) {
            long submits = submitEntries(wave, lane).count();
            return new Earlier(true, (int) submits + 1, null, null);
        }
        if (previous.isEmpty()) {
            return new Earlier(false, 1, null, null);
        }
        Submission s = previous.get();
        Instant logged = s.submittedAt().truncatedTo(ChronoUnit.MILLIS); // the ledger's precision
        boolean inLedger = submitEntries(wave, lane).anyMatch(e -> e.time().equals(logged));
        return new Earlier(true, s.sequence() + 1, inLedger ? null : s, s);
    }

    /**
     * What of the lane's intents landed before its next submission (see {@link LandedIntents}): what the previous
     * submission's record says landed before it, what the lane's {@code outcome.json} says its pass applied if the lane
     * landed there, and, if that outcome is about the previous submission and says it landed, all of that
     * submission's intents (its bump only if the outcome does not note it as not applied). An outcome that cannot be
     * read, or is about another lane, adds nothing.
     *
     * @param previous the lane's previous submission, or null if it has none or its record cannot be read
     */
    public LandedIntents landedBefore(WaveId wave, LaneId lane, Submission previous) {
        LandedIntents landed = previous == null ? LandedIntents.none() : previous.landed();
        Optional<RecordedOutcome> outcome;
        try {
            outcome = RecordedOutcome.read(inbox.outcome(wave, lane));
        } catch (LaneException unreadable) {
            return landed; // the next integrate rewrites it; nothing is taken from it meanwhile
        }
        if (outcome.isEmpty() || outcome.get().foreignTo(wave.value(), lane.value(),
                previous == null ? 0 : previous.sequence(), previous == null ? null : previous.head()).isPresent()) {
            return landed;
        }
        RecordedOutcome o = outcome.get();
        landed = landed.with(o.appliedLanded());
        if (previous != null && o.landed(wave.value(), lane.value(), previous.sequence(), previous.head())) {
            Intents all = previous.intents();
            landed = landed.with(LandedIntents.of(o.note() == null ? all
                    : new Intents(all.manifest(), null, all.workflows())));
        }
        return landed;
    }

    private Stream<LedgerEntry> submitEntries(WaveId wave, LaneId lane) {
        return LedgerReader.read(inbox.ledger(wave)).stream().map(LedgerReader.Recorded::entry)
                .filter(e -> lane.value().equals(e.lane()) && (e.event() == LedgerEvent.SUBMITTED
                        || e.event() == LedgerEvent.RESUBMITTED));
    }

    public Intents intents(WaveId wave, LaneId lane) {
        Path file = inbox.intents(wave, lane);
        return SafeFiles.readIfExists(file).map(t -> Intents.fromJson(JsonFields.of(t, file))).orElse(Intents.none());
    }

    void writeIntents(WaveId wave, LaneId lane, Intents intents) {
        SafeFiles.writeAtomically(inbox.intents(wave, lane), Json.write(intents));
    }

    void writeSubmission(Submission submission) {
        SafeFiles.writeAtomically(inbox.submission(new WaveId(submission.wave()), new LaneId(submission.lane())),
                Json.write(submission));
    }
}
