package dev.lane.inbox;

import dev.lane.fs.SafeFiles;
import dev.lane.repo.GitCli;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Keeps an inbox inside the main checkout out of git without editing any file of the user's: the inbox holds its own
 * {@code .gitignore} that ignores everything in it, itself included (as Python's venv and pytest's cache folders
 * do). Without it, a repository whose {@code .gitignore} does not name the inbox ({@code lane init} adds it there; a
 * repository used without {@code init} lacks it) shows lane's state as untracked in the main checkout, and one
 * {@code git add -A} there commits claims, ledgers and lock files to main.
 *
 * <p>Protocol. Written by a claim that finds it missing, atomically (write, then rename into place): a crash leaves
 * it absent, for the next claim to write, or complete. Concurrent writers write the same bytes. An inbox outside the
 * main checkout is none of git's business and gets none. Nor does an inbox in which git tracks a file (a ledger the
 * team commits, a README): there the user keeps files in git on purpose, and a {@code *} would hide every new one
 * from {@code git status} and {@code git add -A}; it is asked (one {@code git ls-files}) only while the file is
 * missing.
 */
public final class InboxGitignore {
    static final String FILE = ".gitignore";
    static final String CONTENT = "# Written by lane: the inbox (claims, intents, ledgers, locks) is local state, never committed.\n*\n";

    private InboxGitignore() {
    }

    /**
     * Writes {@code <inbox>/.gitignore} if the inbox is inside {@code workTree}, has none, and holds no file git
     * tracks ({@code git} runs in the main checkout); the inbox must exist.
     */
    public static void ensure(Inbox inbox, Path workTree, GitCli git) {
        Path root = inbox.root();
        if (!root.startsWith(workTree) || root.equals(workTree)) {
            return;
        }
        Path file = root.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !tracksAnyFileIn(git.in(workTree),
                workTree.relativize(root))) {
            SafeFiles.writeAtomically(file, CONTENT);
        }
    }

    /** Whether git tracks a file under {@code folder} (relative to the main checkout); true if git cannot say. */
    private static boolean tracksAnyFileIn(GitCli git, Path folder) {
        GitCli.Result listed = git.run("--literal-pathspecs", "ls-files", "-z", "--", folder.toString());
        return !listed.ok() || !listed.out().isEmpty();
    }
}
