package dev.lane.claim;

import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.repo.GitCli;

/**
 * Main's head, read by one {@code git rev-parse} that is started ahead of the claim that needs it, so that git
 * runs while the claim does other work: the CLI starts it on its start-up thread as soon as the workspace is known
 * (the first process a JVM starts costs some milliseconds of its own), or the claim starts it before it takes the
 * claim lock. The base of the new lane is main's head when the read ran, a few milliseconds before the claim.
 *
 * <p>Protocol. The process only reads. {@link #base} waits for it and answers the commit, a usage error if main does
 * not exist, or an internal error quoting git; asking again answers the same. {@link #close} waits for a read nobody
 * asked for, so no process outlives its owner. A JVM killed meanwhile leaves a git that ends by itself.
 */
public final class MainHeadRead implements AutoCloseable {
    private final Workspace ws;
    private final Process process;
    private GitCli.Result result;

    private MainHeadRead(Workspace ws, Process process) {
        this.ws = ws;
        this.process = process;
    }

    /** Starts reading main's head in {@code ws}'s repository. */
    public static MainHeadRead start(Workspace ws) {
        return new MainHeadRead(ws, ws.git().start("rev-parse", "--verify", "-q", ws.mainRef() + "^{commit}"));
    }

    /** Whether this reads the main branch of {@code other}. */
    public boolean isFor(Workspace other) {
        return ws == other;
    }

    /** Main's commit; waits for git if it is still running. */
    public synchronized String base() {
        GitCli.Result head = awaited();
        if (head.ok()) {
            return head.line();
        }
        if (head.err().isBlank()) { // -q: a ref that does not exist (or is no commit) fails without a word
            throw ws.mainMissing();
        }
        throw LaneException.internal("git rev-parse " + ws.mainRef() + " failed in " + ws.repo().workTree() + ": "
                + head.err().strip(), null);
    }

    /** Waits for the read if nobody has; its answer is dropped. */
    @Override
    public synchronized void close() {
        awaited();
    }

    private GitCli.Result awaited() {
        if (result == null) {
            result = GitCli.await(process);
        }
        return result;
    }
}
