package dev.lane.core;

import dev.lane.config.LaneConfig;
import dev.lane.inbox.Inbox;
import dev.lane.inbox.InboxOwner;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.repo.GitCli;
import dev.lane.repo.MainRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything a lane operation needs, passed in explicitly: the main repository, its configuration, the clock, and
 * a git runner for the main checkout. No command reads global state.
 */
public record Workspace(MainRepository repo, LaneConfig config, Clock clock, GitCli git) {

    public Workspace(MainRepository repo, LaneConfig config, Clock clock) {
        this(repo, config, clock, new GitCli(repo.workTree()));
    }

    /**
     * The inbox, resolved against the main checkout. Refused (exit 2, before anything is touched) unless it is a folder
     * of its own: lane takes every folder in it for a wave, so the main checkout itself or a folder above it (other
     * repositories, system folders) or git's own folder would be read, locked and written as waves. lanes.yml refuses
     * the plain cases ({@code /}, {@code .}) when it loads; this catches what needs the checkout's path
     * ({@code ..}, an absolute path to the checkout). An inbox outside the checkout that another repository's claims
     * named as theirs is refused too ({@link InboxOwner}).
     */
    public Inbox inbox() {
        Path inbox = repo.workTree().resolve(config.inbox()).normalize();
        Path gitDir = repo.gitDir().toAbsolutePath().normalize();
        if (repo.workTree().startsWith(inbox) || inbox.startsWith(gitDir)) {
            throw LaneException.usage("lanes.yml: key 'inbox' is '" + config.inbox() + "', which is "
                    + (inbox.startsWith(gitDir) ? "inside git's own folder " + gitDir
                            : inbox.equals(repo.workTree()) ? "the repository's root" : "above the repository, "
                                    + inbox) + "; " + LaneConfig.inboxRule());
        }
        InboxOwner.check(inbox, repo.workTree(), gitDir);
        return new Inbox(inbox);
    }

    /**
     * The inbox as a path in the repository ({@code tools/offline/_inbox}, {@code /}-separated), if it lies inside the
     * main checkout, where a lane's branch could hold files at that path; empty for an inbox outside it.
     */
    public Optional<String> inboxInCheckout() {
        Path top = repo.workTree();
        Path root = inbox().root();
        if (!root.startsWith(top) || root.equals(top)) {
            return Optional.empty();
        }
        return Optional.of(top.relativize(root).toString().replace(java.io.File.separatorChar, '/'));
    }

    /** The worktree folder of a lane, from the {@code worktree} template. */
    public Path worktreePath(WaveId wave, LaneId lane) {
        String path = expand(config.worktree(), wave, lane);
        return repo.workTree().resolve(path).normalize();
    }

    /** The branch name of a lane, from the {@code branch} template. */
    public String branchName(WaveId wave, LaneId lane) {
        return expand(config.branch(), wave, lane);
    }

    /** The error for a repository without the configured main branch (a usage error: lanes.yml or the repo). */
    public LaneException mainMissing() {
        String main = config.main();
        String todo;
        if (main.startsWith("refs/")) {
            todo = "main: in lanes.yml takes a branch's name, not a ref (main: "
                    + main.substring(main.startsWith("refs/heads/") ? "refs/heads/".length() : "refs/".length()) + ")";
        } else if (git().run("rev-parse", "--verify", "--quiet", "HEAD").exitCode() != 0
                && git().ok("for-each-ref", "--count=1", "refs/heads").out().isBlank()) {
            todo = "the repository has no commit yet: make a first commit on " + main + ", then run lane again";
        } else {
            todo = "set main: in lanes.yml or create the branch";
        }
        return LaneException.usage("the main branch '" + main + "' does not exist in " + repo.workTree() + "; " + todo);
    }

    /** The full ref of the main branch. */
    public String mainRef() {
        return "refs/heads/" + config.main();
    }

    private String expand(String template, WaveId wave, LaneId lane) {
        return template.replace("{repo}", repo.name()).replace("{wave}", wave.value()).replace("{lane}", lane.value());
    }
}
