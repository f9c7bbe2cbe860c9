package dev.lane.inbox;

import dev.lane.fs.SafeFiles;
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
 * main checkout is none of git's business and gets none.
 */
public final class InboxGitignore {
    static final String FILE = ".gitignore";
    static final String CONTENT = "# Written by lane: the inbox (claims, intents, ledgers, locks) is local state, never committed.\n*\n";

    private InboxGitignore() {
    }

    /** Writes {@code <inbox>/.gitignore} if the inbox is inside {@code workTree} and has none; the inbox must exist. */
    public static void ensure(Inbox inbox, Path workTree) {
        Path root = inbox.root();
        if (!root.startsWith(workTree) || root.equals(workTree)) {
            return;
        }
        Path file = root.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            SafeFiles.writeAtomically(file, CONTENT);
        }
    }
}
