package dev.lane.cli;

import dev.lane.claim.ClaimService;
import dev.lane.claim.MainHeadRead;
import dev.lane.config.ConfigLoader;
import dev.lane.core.Background;
import dev.lane.core.Workspace;
import dev.lane.core.LaneException;
import dev.lane.integrate.RepositoryOpening;
import dev.lane.repo.MainRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Start-up work a lane run begins on a second thread before picocli builds its model: finding the repository that
 * contains the current folder and reading its {@code lanes.yml}, which nearly every command does first; for
 * {@code claim}, then starting the read of main's head ({@link MainHeadRead}) and, on a third short-lived thread,
 * readying what a claim builds late ({@link ClaimService#readyAhead}); and, for {@code integrate}, opening that
 * repository with JGit (see {@link RepositoryOpening}). The read of main's head is a process, so it is not part of
 * the workspace value: this object owns it until a claim takes it, and {@link #close} closes it otherwise, and stops
 * the workspace thread from starting one after the run has ended.
 *
 * <p>Protocol: that of {@link Background}. The work only reads. A command that acts on another folder
 * ({@code --repo}) loads its own workspace and never waits for this one. A failure (not inside a repository, a bad
 * {@code lanes.yml}) reaches only a command that asks for this workspace, with the message and exit code it would
 * have had without the prefetch; a command that does not ask (help, init) never sees it. A read of main's head that
 * no claim took is closed with the prefetch.
 */
final class StartupPrefetch implements AutoCloseable {
    private final Path cwd;
    private final Clock clock;
    private final Background<Workspace> workspace;
    private RepositoryOpening repository;
    private MainHeadRead mainHead; // all three guarded by this
    private boolean mainHeadTaken;
    private boolean closed;

    private StartupPrefetch(Path cwd, Clock clock, boolean claim) {
        this.cwd = cwd.toAbsolutePath().normalize();
        this.clock = clock;
        this.workspace = Background.start("workspace", () -> {
            Workspace ws = load(this.cwd, clock);
            if (claim) {
                startClaimWork(ws);
            }
            return ws;
        });
    }

    /**
     * Starts loading the workspace of the context's folder, and opening its repository with JGit if the arguments
     * may be an {@code integrate} (any argument spelled so: a wrong guess only costs the second core some work, and
     * the command line is parsed by picocli as always).
     */
    static StartupPrefetch start(CliContext ctx, String... args) {
        List<String> given = Arrays.asList(args);
        StartupPrefetch prefetch = new StartupPrefetch(ctx.cwd(), ctx.clock(), given.contains("claim"));
        if (given.contains("integrate")) {
            prefetch.openRepository();
        }
        return prefetch;
    }

    /**
     * Also starts opening the current folder's repository with JGit, for {@code integrate} (see
     * {@link RepositoryOpening}); a folder outside any repository opens nothing.
     */
    private void openRepository() {
        try {
            repository = RepositoryOpening.start(MainRepository.locate(cwd)); // JGit does not need lanes.yml
        } catch (LaneException notARepository) {
            repository = null; // the command will say so when it looks for its workspace
        }
    }

    /** The repository opening started by {@link #openRepository}, or null. */
    RepositoryOpening repository() {
        return repository;
    }

    /**
     * The read of main's head started for a claim in {@code ws}, if {@code ws} is the prefetched workspace and the
     * read was started and not yet taken; the caller owns it then.
     */
    synchronized Optional<MainHeadRead> takeMainHeadRead(Workspace ws) {
        if (mainHeadTaken || mainHead == null || !mainHead.isFor(ws)) {
            return Optional.empty();
        }
        mainHeadTaken = true;
        return Optional.of(mainHead);
    }

    /**
     * For a claim: starts the read of main's head (the process's first spawn, here rather than on the claim's path)
     * and readies what the claim builds late, on a thread of its own so the workspace is not held up. Not once the
     * run has ended ({@link #close}), so nothing is started that nobody would close. If git cannot be started, the
     * claim starts its own read and reports that; a command that only looked like a claim never hears of it.
     */
    private synchronized void startClaimWork(Workspace ws) {
        if (closed) {
            return;
        }
        try {
            mainHead = MainHeadRead.start(ws);
        } catch (LaneException cannotRunGit) {
            return;
        }
        Background.start("claim-ready", () -> {
            ClaimService.readyAhead();
            return null;
        });
    }

    /** The workspace that contains {@code start}: the prefetched one if {@code start} is the context's folder. */
    Workspace workspace(Path start) {
        return start.toAbsolutePath().normalize().equals(cwd) ? workspace.get() : load(start, clock);
    }

    /**
     * Closes what no command took (a usage error, say): the repository opening and a main-head read, so no handle or
     * git process outlives the run; and stops the start-up thread from starting a main-head read after this.
     */
    @Override
    public void close() {
        if (repository != null) {
            repository.close();
        }
        synchronized (this) {
            closed = true;
            if (mainHead != null && !mainHeadTaken) {
                mainHeadTaken = true;
                mainHead.close();
            }
        }
    }

    /** Loads the workspace that contains {@code start}, on the caller's thread. */
    static Workspace load(Path start, Clock clock) {
        MainRepository repo = MainRepository.locate(start);
        return new Workspace(repo, ConfigLoader.load(repo.workTree()), clock);
    }
}
