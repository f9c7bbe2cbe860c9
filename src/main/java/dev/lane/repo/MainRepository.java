package dev.lane.repo;

import dev.lane.core.LaneException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The main checkout of a repository: the folder whose {@code .git} is a real directory. Lane state (inbox, ledger,
 * config) always lives here, never in a lane's linked worktree, so every command finds the same state whether it
 * runs from the main checkout, from a lane's worktree or from a sub-folder of either.
 *
 * @param workTree the main checkout's top folder
 * @param gitDir   its {@code .git} directory (the common directory shared by all worktrees)
 */
public record MainRepository(Path workTree, Path gitDir) {

    /** The folder name of the main checkout: {@code {repo}} in path templates. */
    public String name() {
        return workTree.getFileName().toString();
    }

    /**
     * Finds the main repository that contains {@code start} (a folder inside the main checkout or inside any of
     * its linked worktrees). Throws a usage error if {@code start} is not inside a git checkout.
     */
    public static MainRepository locate(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw LaneException.usage(Files.exists(dir) ? dir + " is not a folder; pass --repo with the repository's "
                    + "folder" : "repository folder " + dir + " does not exist");
        }
        for (Path d = dir; d != null; d = d.getParent()) {
            Path dotGit = d.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return new MainRepository(d, dotGit);
            }
            if (Files.isRegularFile(dotGit)) {
                return fromLinkedWorktree(dotGit);
            }
        }
        for (Path d = dir; d != null; d = d.getParent()) {
            if (isBareRepository(d)) {
                throw LaneException.usage(d + " is a bare git repository: it has no checkout for lane to work in. "
                        + "Run lane in a clone of it that has a working tree (git clone " + d + "), or pass --repo "
                        + "with one");
            }
        }
        throw LaneException.usage(dir + " is not inside a git repository: run lane from inside the repository or "
                + "pass --repo DIR");
    }

    /** A git directory of its own (HEAD, objects, refs) not named .git: a bare repository, as git itself finds one. */
    private static boolean isBareRepository(Path d) {
        return !".git".equals(String.valueOf(d.getFileName())) && Files.isRegularFile(d.resolve("HEAD"))
                && Files.isDirectory(d.resolve("objects")) && Files.isDirectory(d.resolve("refs"));
    }

    /** The top folder of the checkout (main or linked) that contains {@code start}, if any. */
    public static Path checkoutTop(Path start) {
        for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return null;
    }

    /**
     * If {@code worktree} is a linked worktree whose {@code .git} file points to a folder that does not exist (its
     * repository was moved or renamed, or deleted, or the worktree pruned), a sentence saying so; else empty.
     */
    public static Optional<String> danglingLink(Path worktree) {
        Path dotGit = worktree.resolve(".git");
        if (!Files.isRegularFile(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            String line = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
            if (!line.startsWith("gitdir:")) {
                return Optional.empty();
            }
            Path gitDir = worktree.resolve(line.substring("gitdir:".length()).trim()).normalize();
            return Files.isDirectory(gitDir) ? Optional.empty() : Optional.of(brokenLink(worktree, gitDir));
        } catch (IOException e) {
            return Optional.empty(); // git itself then says what is wrong with it
        }
    }

    private static String brokenLink(Path worktree, Path gitDir) {
        return worktree + " is a linked worktree whose .git file points to " + gitDir + ", which does not exist: its "
                + "repository was moved or deleted (or the worktree was pruned).";
    }

    private static MainRepository fromLinkedWorktree(Path dotGitFile) {
        try {
            String line = Files.readString(dotGitFile, StandardCharsets.UTF_8).trim();
            if (!line.startsWith("gitdir:")) {
                throw LaneException.usage(dotGitFile + " is not a git worktree link (no 'gitdir:' line)");
            }
            Path worktreeGitDir = dotGitFile.getParent().resolve(line.substring("gitdir:".length()).trim()).normalize();
            if (!Files.isDirectory(worktreeGitDir)) {
                throw LaneException.usage(brokenLink(dotGitFile.getParent(), worktreeGitDir) + " If the repository "
                        + "was moved, run git worktree repair " + dotGitFile.getParent() + " in the repository's new "
                        + "folder (git -C NEW-FOLDER worktree repair " + dotGitFile.getParent() + "; it repairs every "
                        + "lane worktree named), then run lane again. Nothing was changed.");
            }
            Path commondirFile = worktreeGitDir.resolve("commondir");
            Path common = Files.exists(commondirFile)
                    ? worktreeGitDir.resolve(Files.readString(commondirFile, StandardCharsets.UTF_8).trim()).normalize()
                    : worktreeGitDir;
            Path top = common.getParent();
            if (!common.getFileName().toString().equals(".git") || top == null) {
                throw LaneException.usage("the repository at " + common + " has no main checkout (bare repository?); "
                        + "pass --repo with a checkout");
            }
            return new MainRepository(top, common);
        } catch (IOException e) {
            throw LaneException.internal("cannot read " + dotGitFile + ": " + e.getMessage(), e);
        }
    }
}
