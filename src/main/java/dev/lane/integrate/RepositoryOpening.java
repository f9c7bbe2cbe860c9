package dev.lane.integrate;

import dev.lane.core.Background;
import dev.lane.repo.JGitShutdownHook;
import dev.lane.repo.MainRepository;

/**
 * The main repository being opened with JGit on another thread, so that an integrate pass finds it open: opening a
 * repository is the largest part of a pass's start-up in a fresh JVM (JGit's logging and file-system attributes, its
 * config files), and it needs nothing from the pass. The CLI starts it before it builds its own command model.
 *
 * <p>Protocol: that of {@link Background} (the opening only reads). After opening, the thread also reads
 * {@code HEAD} once, so that JGit's ref and object reading code is ready too; nothing read there is kept. The pass
 * that takes it over ({@link Integrator#integrate(IntegrateRequest, RepositoryOpening)}) owns the handle; an
 * opening nobody takes is closed by {@link #close}.
 */
public final class RepositoryOpening implements AutoCloseable {
    private final MainRepository repo;
    private final Background<RepoAccess> opening;

    private RepositoryOpening(MainRepository repo) {
        this.repo = repo;
        this.opening = Background.start("open-repository", () -> {
            JGitShutdownHook.install(); // before JGit's first use in this run: see there
            RepoAccess access = new RepoAccess(repo);
            access.resolveRef("HEAD").ifPresent(access::commit);
            return access;
        }, RepoAccess::close);
    }

    /** Starts opening {@code repo}. */
    public static RepositoryOpening start(MainRepository repo) {
        return new RepositoryOpening(repo);
    }

    /**
     * Whether this is the opening of {@code other}. Compared field by field: a record's own {@code equals} is linked
     * on its first call through {@code java.lang.runtime.ObjectMethods}, ~14 ms of the pass's main thread when it is
     * the first record compared in the run (async-profiler, docs/benchmarks.md).
     */
    boolean isOf(MainRepository other) {
        return repo.workTree().equals(other.workTree()) && repo.gitDir().equals(other.gitDir());
    }

    /** The open repository; the caller owns it from now on. Throws what opening it threw. */
    RepoAccess take() {
        return opening.get();
    }

    /** Closes the repository if nobody took it. */
    @Override
    public void close() {
        opening.close();
    }
}
