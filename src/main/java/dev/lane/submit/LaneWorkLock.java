package dev.lane.submit;

import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimStore;
import dev.lane.core.LaneException;
import dev.lane.fs.HolderLock;
import dev.lane.inbox.Inbox;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.time.Instant;

/**
 * The lane's work lock, {@code <inbox>/<wave>/.<lane>.work.lock}: at most one {@code submit}, {@code sync} or
 * {@code release} of a lane at a time. The first two commit in the lane's worktree and rewrite its intents or
 * submission, and release removes that worktree; two at once would race on git's {@code index.lock}, on those
 * files, or on a worktree being removed.
 *
 * <p>Protocol. A {@link HolderLock}: taken without waiting once the lane is known to be claimed (so its wave folder
 * exists), after which the claim is read again and must be the one the command read before (else: exit 3, nothing
 * changed); held until the command has written its last file and ledger entry, and dropped by the kernel if the
 * holder dies. The holder writes one line naming the command, the agent, its process and the time; a second submit,
 * sync or release of the lane is refused with a contention error (exit 3, retryable) quoting that line, before it
 * changes anything. Lanes never share the lock, so submits of different lanes run side by side. Git processes a
 * killed holder had started (a commit, a merge, a worktree removal) may still run for a moment after the kernel
 * dropped the lock; a retry that meets their {@code index.lock} fails with git's own message.
 */
public final class LaneWorkLock implements AutoCloseable {
    private final HolderLock lock;

    private LaneWorkLock(HolderLock lock) {
        this.lock = lock;
    }

    /**
     * Takes the lane's lock for {@code command} ("submit", "sync", "release") now, or throws contention naming the
     * holder. {@code seen} is the claim the caller read before: if, once the lock is held, the lane's claim is no
     * longer that one (it was released, perhaps claimed again, in between), the lock is let go and this throws
     * contention too, so no command acts on a claim that is gone.
     */
    public static LaneWorkLock acquire(Inbox inbox, WaveId wave, LaneId lane, String command, String agent,
                                       ClaimRecord seen, Instant now) {
        String me = HolderLock.line(command, agent, now);
        HolderLock lock = HolderLock.acquire(inbox.workLock(wave, lane), me, holder -> LaneException.contention(
                "lane " + lane + " of wave " + wave + " is busy: another submit, sync or release of it is running ("
                        + holder + "; lock " + inbox.workLock(wave, lane) + "). Wait for it to finish, then retry."));
        boolean same;
        try {
            same = new ClaimStore(inbox).read(wave, lane).map(c -> c.claimedAt().equals(seen.claimedAt())
                    && c.pid() == seen.pid() && c.host().equals(seen.host())).orElse(false);
        } catch (LaneException unreadable) {
            lock.close();
            throw LaneException.refused("the claim record of lane " + lane + " of wave " + wave + " became unreadable "
                    + "while this " + command + " started (" + unreadable.getMessage() + "); nothing was changed.");
        }
        if (!same) {
            lock.close();
            throw LaneException.contention("lane " + lane + " of wave " + wave + " was released (or claimed again) "
                    + "while this " + command + " started; nothing was changed. Check lane status --wave " + wave
                    + ", then retry if the lane is yours.");
        }
        return new LaneWorkLock(lock);
    }

    @Override
    public void close() {
        lock.close();
    }
}
