package dev.lane.submit;

import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import dev.lane.inbox.Inbox;
import dev.lane.intent.Intents;
import dev.lane.json.Json;
import dev.lane.json.JsonFields;
import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.nio.file.Path;
import java.util.Optional;

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
     */
    public record Earlier(boolean exists, int nextSequence) {
    }

    /**
     * What a new submission of the lane follows. A submission record that cannot be read (edited by hand, say) is
     * replaced, never a reason to refuse: the next number then follows the lane's submit entries in the wave's ledger
     * (one per submission, of every claim of the lane), so it is above the number of the record it replaces and of
     * the lane's outcome, which is what status and release compare it with.
     */
    public Earlier earlier(WaveId wave, LaneId lane) {
        try {
            return submission(wave, lane).map(s -> new Earlier(true, s.sequence() + 1)).orElse(new Earlier(false, 1));
        } catch (LaneException unreadable) {
            long submits = LedgerReader.read(inbox.ledger(wave)).stream().map(LedgerReader.Recorded::entry)
                    .filter(e -> lane.value().equals(e.lane()) && (e.event() == LedgerEvent.SUBMITTED
                            || e.event() == LedgerEvent.RESUBMITTED))
                    .count();
            return new Earlier(true, (int) submits + 1);
        }
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
