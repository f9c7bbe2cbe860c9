package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.fs.HolderLock;
import dev.lane.fs.SafeFiles;
import dev.lane.inbox.Inbox;
import dev.lane.names.WaveId;
import java.time.Instant;

/**
 * The wave's integrator lock, {@code <inbox>/<wave>/.integrate.lock}: at most one integrate pass per wave at a time.
 *
 * <p>Protocol. A {@link HolderLock}: taken without waiting once the wave's folder is known to exist (a busy lock is
 * contention, exit 3, quoting the holder's line), held for the whole pass, and dropped by the kernel when the holder
 * exits, even on kill -9, so a crashed pass never leaves a stale lock. The holder's line names its agent, process,
 * host and start time.
 */
public final class IntegrateLock implements AutoCloseable {
    private final HolderLock lock;

    private IntegrateLock(HolderLock lock) {
        this.lock = lock;
    }

    /** Takes the wave's lock now or throws a contention error naming the holder. */
    public static IntegrateLock acquire(Inbox inbox, WaveId wave, String agent, Instant now) {
        SafeFiles.ensureDirectory(inbox.waveDir(wave));
        String me = "agent " + agent + ", " + HolderLock.thisProcess() + ", since " + now;
        return new IntegrateLock(HolderLock.acquire(inbox.integrateLock(wave), me, holder -> LaneException.contention(
                "another integrate of wave " + wave + " is running: held by " + holder + " (lock "
                        + inbox.integrateLock(wave).toAbsolutePath().normalize() + "). Wait for it to finish and run "
                        + "integrate again.")));
    }

    @Override
    public void close() {
        lock.close();
    }
}
