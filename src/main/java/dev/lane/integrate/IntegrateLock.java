package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.fs.HolderLock;
import dev.lane.fs.SafeFiles;
import dev.lane.inbox.Inbox;
import dev.lane.names.WaveId;
import java.time.Duration;
import java.time.Instant;

/**
 * The wave's integrator lock, {@code <inbox>/<wave>/.integrate.lock}: at most one integrate pass per wave at a time,
 * and no release of one of the wave's lanes while a pass runs (the pass might land the lane being released).
 *
 * <p>Protocol. A {@link HolderLock}: taken without waiting once the wave's folder is known to exist (a busy lock is
 * contention, exit 3, quoting the holder's line), held for the whole pass (or release), and dropped by the kernel
 * when the holder exits, even on kill -9, so a crashed pass never leaves a stale lock. The holder's line names what
 * it is doing, its agent, process, host and start time. A release holds it while it checks and removes one lane's
 * worktree (releases of one wave take turns), so a pass or a release that finds a release holding it tries again for
 * up to 30 s; one that finds a pass holding it gives up at once.
 */
public final class IntegrateLock implements AutoCloseable {
    /** What a release's holder line starts with ({@link #acquire} callers describe a release so). */
    public static final String RELEASE = "release of lane ";

    /** How long a pass or a release waits for a release of the wave to finish before giving up (exit 3). */
    private static final Duration RELEASE_PATIENCE = Duration.ofSeconds(30);

    private final HolderLock lock;

    private IntegrateLock(HolderLock lock) {
        this.lock = lock;
    }

    /** Takes the wave's lock for an integrate pass by {@code agent} now, or throws contention naming the holder. */
    public static IntegrateLock acquire(Inbox inbox, WaveId wave, String agent, Instant now) {
        return acquire(inbox, wave, "integrate", "integrate", agent, now);
    }

    /**
     * Takes the wave's lock for {@code doing} (what the holder line says it does, e.g. "release of lane dimA") by
     * {@code agent} now, or throws contention naming the holder and telling to run {@code command} again.
     */
    public static IntegrateLock acquire(Inbox inbox, WaveId wave, String doing, String command, String agent,
                                        Instant now) {
        SafeFiles.ensureDirectory(inbox.waveDir(wave));
        // In seconds: people read it, and lane status tells a pass's own line by it (see IntegratePass).
        String me = HolderLock.line(doing, agent, now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        return new IntegrateLock(HolderLock.acquire(inbox.integrateLock(wave), me, holder -> LaneException.contention(
                "wave " + wave + " is busy: " + holder + " (lock " + inbox.integrateLock(wave).toAbsolutePath()
                        .normalize() + "). Wait for it to finish and run " + command + " again."),
                holder -> holder.startsWith(RELEASE), RELEASE_PATIENCE));
    }

    @Override
    public void close() {
        lock.close();
    }
}
