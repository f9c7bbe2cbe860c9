package dev.lane.status;

import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimState;
import dev.lane.claim.ClaimStore;
import dev.lane.core.Host;
import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import dev.lane.inbox.Inbox;
import dev.lane.integrate.RecordedOutcome;
import dev.lane.intent.LandedIntents;
import dev.lane.json.JsonFields;
import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.submit.DamagedSubmission;
import dev.lane.submit.Submission;
import dev.lane.submit.SubmissionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of every lane of a wave, read from the inbox (claims, submissions, integrator outcomes; what of a lane's
 * intents landed with its earlier submissions comes from its submission's {@code landed} record and its outcome, see
 * {@link dev.lane.intent.LandedIntents}). Read-only:
 * takes no lock, so it may show a claim or submission that is being written as its previous state. A claim or
 * submission record that cannot be read shows as its lane's row in state damaged, naming the file; it hides no
 * other lane.
 *
 * @param wave  the wave
 * @param lanes its lanes in claim order, then the lanes whose claim record cannot be read (state damaged), by name
 * @param pass  its integrate pass that has not finished (running, or stopped by a crash), if any
 * @param refused its latest integrate pass, if that ended refused or aborted with nothing changed
 */
public record WaveStatus(WaveId wave, List<LaneView> lanes, Optional<IntegratePass> pass,
                         Optional<RefusedPass> refused) {
    private static final Set<LedgerEvent> PASS_EVENTS = EnumSet.of(LedgerEvent.INTEGRATE_STARTED,
            LedgerEvent.MAIN_MOVED, LedgerEvent.INTEGRATE_FINISHED, LedgerEvent.INTEGRATE_REFUSED,
            LedgerEvent.INTEGRATE_ABORTED);

    public static WaveStatus read(Inbox inbox, WaveId wave) {
        ClaimStore claims = new ClaimStore(inbox);
        SubmissionStore submissions = new SubmissionStore(inbox);
        List<LaneView> views = new ArrayList<>();
        ClaimStore.WaveClaims scanned = claims.scanWave(wave);
        for (ClaimRecord c : scanned.claims()) {
            LaneId lane = new LaneId(c.lane());
            Optional<Submission> s;
            try {
                s = submissions.submission(wave, lane);
            } catch (LaneException unreadable) {
                DamagedSubmission d = new DamagedSubmission(c.lane(), c.worktree(), unreadable);
                views.add(new LaneView(c.lane(), c.agent(), LaneState.DAMAGED,
                        changedAt(inbox.submission(wave, lane).getParent()), null, 0, d.problem() + ". "
                        + d.remedy() + ".", c.worktree(), null, null));
                continue;
            }
            views.add(view(c, s, inbox.outcome(wave, lane), wave));
        }
        for (ClaimStore.DamagedClaim d : scanned.damaged()) {
            views.add(new LaneView(d.lane(), null, LaneState.DAMAGED, changedAt(d.file().getParent()), null, 0,
                    d.problem() + ". " + d.remedy() + ".", null, null, null));
        }
        List<LedgerReader.Recorded> ledger = lastPassEvent(inbox.ledger(wave));
        return new WaveStatus(wave, views, IntegratePass.read(inbox, wave, ledger), RefusedPass.of(ledger));
    }

    /**
     * The ledger's last entry about a pass (started, main moved, finished, refused, aborted), if any: the only entry
     * {@link IntegratePass} and {@link RefusedPass} look at (both scan back to the last such entry and skip every other
     * kind). Read a line at a time, keeping that one entry: a wave's ledger grows for as long as the wave lives.
     */
    private static List<LedgerReader.Recorded> lastPassEvent(Path ledger) {
        List<LedgerReader.Recorded> last = new ArrayList<>(1);
        LedgerReader.forEach(ledger, r -> {
            if (PASS_EVENTS.contains(r.entry().event())) {
                last.clear();
                last.add(r);
            }
        });
        return last;
    }

    /** When a folder last changed, or null if that cannot be read. */
    private static Instant changedAt(Path dir) {
        try {
            return Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    /** How many lanes are in each state. */
    public Map<LaneState, Integer> counts() {
        Map<LaneState, Integer> counts = new EnumMap<>(LaneState.class);
        for (LaneView v : lanes) {
            counts.merge(v.state(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * A lane's view. An outcome.json that cannot be read (edited by hand, say) does not hide the wave: it is a report
     * the next integrate rewrites (see {@code OutcomeRecorder}), so the lane shows as submitted, saying so.
     */
    private static LaneView view(ClaimRecord c, Optional<Submission> s, Path outcomeFile, WaveId wave) {
        if (s.isEmpty()) {
            LaneState state = c.state() == ClaimState.CLAIMING ? LaneState.CLAIMING : LaneState.CLAIMED;
            // A claim still being set up whose claimant (of this host) is gone will never finish: say so, and how out.
            String dead = state == LaneState.CLAIMING && Host.stateOf(c.host(), c.pid()) == Host.ProcessState.GONE
                    ? "its claimant (pid " + c.pid() + " on " + c.host() + ") is gone: this claim will never finish; "
                            + "lane release --wave " + wave + " --lane " + c.lane() + " --force frees the lane, or "
                            + "lane claim takes it over"
                    : null;
            return new LaneView(c.lane(), c.agent(), state, c.claimedAt(), null, 0, dead, c.worktree(), null, null);
        }
        Submission sub = s.get();
        LaneState state = LaneState.SUBMITTED;
        Instant since = sub.submittedAt();
        String reason = null;
        String note = null;
        LandedIntents landed = sub.landed();
        try {
            // An outcome counts only for the submission it was about; a later resubmission is waiting again. One
            // copied in from another lane or wave (or naming another head) is about none of this lane's submissions.
            Optional<RecordedOutcome> read = RecordedOutcome.read(outcomeFile);
            Optional<String> foreign = read.flatMap(r -> r.foreignTo(wave.value(), c.lane(), sub.sequence(),
                    sub.head()));
            Optional<RecordedOutcome> o = read.filter(r -> foreign.isEmpty() && r.sequence() == sub.sequence());
            reason = foreign.orElse(null);
            if (foreign.isEmpty() && read.isPresent() && read.get().sequence() < sub.sequence()) {
                // what the pass of an earlier submission applied, recorded after this submission was made
                landed = landed.with(read.get().appliedLanded());
            }
            if (o.isPresent()) {
                state = o.get().status().map(status -> switch (status) {
                    case INTEGRATED -> LaneState.INTEGRATED;
                    case ALREADY_INTEGRATED -> LaneState.ALREADY_INTEGRATED;
                    case PARKED -> LaneState.PARKED;
                }).orElse(LaneState.SUBMITTED);
                reason = o.get().reason();
                note = o.get().note();
                since = o.get().time();
            }
        } catch (LaneException unreadable) {
            reason = "its outcome.json is unreadable (" + unreadable.getMessage() + "); lane integrate --wave " + wave
                    + " rewrites it";
        }
        return new LaneView(c.lane(), c.agent(), state, since, sub.head(), sub.sequence(), reason, c.worktree(),
                sub.intents(), note, landed);
    }
}
