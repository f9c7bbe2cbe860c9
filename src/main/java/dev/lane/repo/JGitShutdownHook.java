package dev.lane.repo;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.internal.util.CleanupService;

/**
 * Registers JGit's shutdown cleanup with the JVM in place of JGit, without the start-up cost JGit pays for it.
 *
 * <p>On first use JGit registers a JVM shutdown hook ({@code CleanupService}) that releases the lock files it holds
 * ({@code LockFile}: a ref being updated, say) and stops its thread pools, so that a Ctrl-C or {@code kill} does not
 * leave a {@code .lock} behind that would block git. Before registering it, JGit loads its whole message bundle
 * ({@code JGitText}, 927 strings read from the jar by reflection) in case the hook later runs in a class loader
 * that is gone (a Maven plug-in's): ~21 ms of a 50-lane {@code lane integrate} on the thread opening the repository,
 * which the pass waits for (async-profiler, wall clock), plus the JIT work it brings (docs/benchmarks.md, eleventh
 * session). Under OSGi JGit instead lets the framework make the service and call its {@code shutDown} when the bundle
 * stops. {@link #install} does what OSGi does, for a plain JVM: it makes the service that way (JGit then only
 * remembers its cleanup) and registers a JVM shutdown hook that calls {@code shutDown}. JGit's message bundle is then
 * loaded only if JGit has a message to give.
 *
 * <p>Protocol: {@link #install} is called before JGit's first use in a run (by {@code RepositoryOpening}, on the thread
 * that opens the repository: only integrate opens a repository or takes JGit lock files; submit uses JGit's diff code
 * alone), and acts once per JVM, since a JVM has one set of shutdown hooks; later calls do nothing. If JGit's cleanup
 * service was made before the first call (another thread, a test JVM), JGit's own hook is registered already and
 * stays: the call then only adds a hook with nothing to do, and either way a signal runs JGit's cleanup exactly once.
 * What a signal leaves: the same as with JGit's own hook; the hook runs JGit's cleanup (lock files of this process
 * deleted), and JGit reports a cleanup that fails, as before. A normal exit halts the JVM without running shutdown
 * hooks ({@code Main}), as before: by then every lock file is committed or released. If JGit's service is not what
 * this class expects (a JGit upgrade changed it), the hook does nothing and says so on stderr; the
 * {@code JGitShutdownHookTest} fails first.
 */
public final class JGitShutdownHook {
    /** Whether this JVM has the hook: one per JVM, as the JVM's shutdown hooks are (see the protocol above). */
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private JGitShutdownHook() {
    }

    /**
     * Makes JGit's cleanup service in its OSGi mode and registers a JVM shutdown hook that runs its cleanup, the first
     * time it is called in this JVM; then does nothing.
     */
    public static void install() {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        CleanupService service = new CleanupService(); // JGit's constructor for OSGi: it becomes JGit's instance
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(service), "lane-jgit-cleanup"));
    }

    /** Runs JGit's cleanup; its {@code shutDown} is package-private, as OSGi calls it. */
    private static void shutDown(CleanupService service) {
        try {
            Method shutDown = CleanupService.class.getDeclaredMethod("shutDown");
            shutDown.setAccessible(true);
            shutDown.invoke(service);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("lane: cannot run JGit's shutdown cleanup (" + e + "); a .lock file of this process may "
                    + "be left in the repository's .git folder");
        }
    }
}
