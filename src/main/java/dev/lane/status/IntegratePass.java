package dev.lane.status;

import dev.lane.fs.HolderLock;
import dev.lane.inbox.Inbox;
import dev.lane.json.Labelled;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.names.WaveId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An integrate pass of a wave that has not finished: one running now, or one whose process stopped (killed, crashed,
 * the machine went down) before it could say how it ended. Read without taking any lock, so that a status never makes
 * a pass starting at the same instant find the wave busy: the wave's ledger says whether its latest pass ended (a
 * {@code main-moved}, {@code integrate-finished}, {@code -refused} or {@code -aborted} entry after the last
 * {@code integrate-started}), and the integrator lock file names its last holder, whose process runs as long as it
 * holds the lock. A dry run writes no ledger entry and never shows. The line in the lock file is the pass's own only
 * while no one took the lock after it: a pass takes the lock (writing its line, since a time in seconds) before its
 * {@code integrate-started} entry (in milliseconds), so a line by another holder than an integrate pass of that
 * agent (a release), or since a later second (a dry run, a release), was written after the pass's process let go of
 * the lock: the pass stopped, whether that later holder still runs or not, and the line is not shown as the pass's.
 *
 * <p>The pass's process can be told running or gone only if it is of this host: a holder line naming another host
 * (the inbox on a shared file system) makes the state {@link State#UNKNOWN}, never "running" on a guess.
 *
 * @param state   running, stopped without finishing, or unknown (its process is of another host)
 * @param started when the pass started (its ledger entry)
 * @param holder  the lock file's line about the pass's process (who, pid, host, since) and what this machine can
 *                tell of that process, or null if no line of the pass's is there
 */
public record IntegratePass(State state, Instant started, HolderLock.LastHolder holder) {
    private static final Set<LedgerEvent> ENDS = EnumSet.of(LedgerEvent.MAIN_MOVED, LedgerEvent.INTEGRATE_FINISHED,
            LedgerEvent.INTEGRATE_REFUSED, LedgerEvent.INTEGRATE_ABORTED);

    /** Where an unfinished pass is. */
    public enum State implements Labelled {
        /** Its process, of this host, runs. */
        RUNNING,
        /** Its process is gone: main moved fully or not at all, and the next {@code lane integrate} finishes it. */
        STOPPED,
        /** Its process is of another host: this machine cannot tell whether it still runs. */
        UNKNOWN;
    }

    /** The wave's unfinished pass, or empty if its latest pass ended (or it never had one). */
    public static Optional<IntegratePass> read(Inbox inbox, WaveId wave) {
        return read(inbox, wave, LedgerReader.read(inbox.ledger(wave)));
    }

    /** The wave's unfinished pass, from the wave's ledger {@code entries} (already read). */
    static Optional<IntegratePass> read(Inbox inbox, WaveId wave, List<LedgerReader.Recorded> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            LedgerEvent event = entries.get(i).entry().event();
            if (ENDS.contains(event)) {
                return Optional.empty();
            }
            if (event == LedgerEvent.INTEGRATE_STARTED) {
                LedgerEntry start = entries.get(i).entry();
                Optional<HolderLock.LastHolder> holder = HolderLock.lastHolder(inbox.integrateLock(wave))
                        .filter(h -> isThePass(h, start));
                State state = holder.map(h -> switch (h.process()) {
                    case RUNS -> State.RUNNING;
                    case GONE -> State.STOPPED;
                    case ON_ANOTHER_HOST -> State.UNKNOWN;
                }).orElse(State.STOPPED); // another holder took the lock since: the pass's process let go of it
                return Optional.of(new IntegratePass(state, start.time(), holder.orElse(null)));
            }
        }
        return Optional.empty();
    }

    /** The lock file's line about the pass's process, or null if none of the pass's is there. */
    public String holderLine() {
        return holder == null ? null : holder.line();
    }

    /** The host of the pass's process as its line names it, or null if unknown. */
    public String host() {
        return holder == null ? null : holder.host();
    }

    /**
     * Whether a lock file's line is the one the pass that wrote {@code start} wrote: an integrate pass of the same
     * agent, holding the lock since no later than that entry (see the class comment).
     */
    private static boolean isThePass(HolderLock.LastHolder holder, LedgerEntry start) {
        return holder.written().filter(w -> w.doing().equals("integrate") && w.agent().equals(start.agent())
                && !w.since().isAfter(start.time())).isPresent();
    }
}
