package dev.lane.inbox;

import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.nio.file.Path;

/**
 * The layout of the inbox: one folder per wave, one claim folder per lane, and the wave's ledger.
 *
 * <pre>
 * &lt;inbox&gt;/&lt;wave&gt;/AGENT_LEDGER.md           the wave's ledger (append-only)
 * &lt;inbox&gt;/&lt;wave&gt;/&lt;lane&gt;/claim.json       who claimed the lane, when, from which base
 * &lt;inbox&gt;/&lt;wave&gt;/&lt;lane&gt;/intents.json     shared-file intents collected by submit
 * &lt;inbox&gt;/&lt;wave&gt;/&lt;lane&gt;/submission.json  the latest submission (head commit + intents)
 * &lt;inbox&gt;/&lt;wave&gt;/&lt;lane&gt;/outcome.json     what the integrator did with the lane
 * &lt;inbox&gt;/&lt;wave&gt;/.released/&lt;lane&gt;.&lt;ms&gt;/  claim folders of released lanes, kept for the record
 * &lt;inbox&gt;/&lt;wave&gt;/.integrate.lock          the wave's integrator lock
 * &lt;inbox&gt;/&lt;wave&gt;/.integrate-pass.json     what a pass moving main will record, until it has (PassRecord)
 * &lt;inbox&gt;/&lt;wave&gt;/.&lt;lane&gt;.claim.lock      held from a claim's mkdir until its claim.json exists
 * &lt;inbox&gt;/&lt;wave&gt;/.&lt;lane&gt;.work.lock       held by a submit, sync or release of the lane while it runs
 * &lt;inbox&gt;/&lt;wave&gt;/.check-logs/run-N.log   output of the latest pass's failing runs of the check: command
 * &lt;inbox&gt;/&lt;wave&gt;/.check-logs-dry-run/     the same for the latest dry run
 * &lt;inbox&gt;/.gitignore                     "*": keeps an inbox inside the main checkout out of git
 * &lt;inbox&gt;/.worktrees.lock                 held around every git worktree add/remove/prune lane runs
 * &lt;inbox&gt;/.checkout.lock                  held by an integrate pass while it moves main and the main checkout
 * &lt;inbox&gt;/.integrate-checkout             journal: what that pass is doing to the main checkout
 * </pre>
 * Names that start with '.' can never be wave or lane names, so bookkeeping entries cannot collide with them.
 *
 * @param root the inbox folder (absolute)
 */
public record Inbox(Path root) {
    /** The wave's ledger file: the one name in a wave folder that no lane may have ({@link LaneId} refuses it). */
    public static final String LEDGER_FILE = LaneId.LEDGER_FILE;

    public Path waveDir(WaveId wave) {
        return root.resolve(wave.value());
    }

    public Path claimDir(WaveId wave, LaneId lane) {
        return waveDir(wave).resolve(lane.value());
    }

    public Path claimRecord(WaveId wave, LaneId lane) {
        return claimDir(wave, lane).resolve("claim.json");
    }

    public Path intents(WaveId wave, LaneId lane) {
        return claimDir(wave, lane).resolve("intents.json");
    }

    public Path submission(WaveId wave, LaneId lane) {
        return claimDir(wave, lane).resolve("submission.json");
    }

    public Path outcome(WaveId wave, LaneId lane) {
        return claimDir(wave, lane).resolve("outcome.json");
    }

    public Path ledger(WaveId wave) {
        return waveDir(wave).resolve(LEDGER_FILE);
    }

    public Path releasedDir(WaveId wave) {
        return waveDir(wave).resolve(".released");
    }

    public Path integrateLock(WaveId wave) {
        return waveDir(wave).resolve(".integrate.lock");
    }

    /**
     * What a pass of the wave that moves main will record (its outcomes and {@code main-moved} entry), from just before
     * main moves until its ledger block is written, for the next pass if it stops in between (see {@code PassRecord}).
     */
    public Path passRecord(WaveId wave) {
        return waveDir(wave).resolve(".integrate-pass.json");
    }

    /** Held by a claimant from its mkdir until its claim record is written (see {@code ClaimService}). */
    public Path claimLock(WaveId wave, LaneId lane) {
        return waveDir(wave).resolve("." + lane.value() + ".claim.lock");
    }

    /**
     * Held by an integrate pass of any wave while it moves main and the main checkout (one checkout serves every
     * wave; see {@code MainUpdater}).
     */
    public Path checkoutLock() {
        return root.resolve(".checkout.lock");
    }

    /** What a pass is doing to the main checkout while it moves main, for the next pass if it stops (see MainUpdater). */
    public Path checkoutJournal() {
        return root.resolve(".integrate-checkout");
    }

    /**
     * The output of each run of the {@code check:} command that did not pass, in the latest pass of the wave that ran
     * it ({@code run-<n>.log}; see {@code CheckCommand}); a dry run keeps its own, so it never replaces the logs a
     * real pass's reasons and ledger entries name.
     */
    public Path checkLogs(WaveId wave, boolean dryRun) {
        return waveDir(wave).resolve(dryRun ? ".check-logs-dry-run" : ".check-logs");
    }

    /** Held by a submit, sync or release of the lane while it runs (see {@code LaneWorkLock}). */
    public Path workLock(WaveId wave, LaneId lane) {
        return waveDir(wave).resolve("." + lane.value() + ".work.lock");
    }

    /**
     * Serialises lane's own changes to the repository's worktree list: parallel {@code git worktree add} calls
     * read each other's half-written admin files and fail, and a {@code prune} can remove an admin folder another
     * add has just made.
     */
    public Path worktreesLock() {
        return root.resolve(".worktrees.lock");
    }
}
