package dev.lane.inbox;

import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which repository an inbox outside the main checkout belongs to. Such an inbox ({@code inbox: /srv/lanes} in
 * {@code lanes.yml}) could be named by two repositories (a {@code lanes.yml} copied from one to the other); each would
 * then take the other's claims, submissions and ledgers for its own: claims refused as held, lanes of the other
 * repository listed by {@code lane status} and parked by {@code lane integrate} as missing their branch. So the inbox
 * names its repository in {@code <inbox>/.lane-repository} (the real path of the repository's git folder, one line),
 * and every command of another repository is refused (exit 2) before it reads or writes anything there. An inbox
 * inside the main checkout belongs to that checkout by where it is, and has no such file.
 *
 * <p>Protocol. The file is written by the first claim into the inbox, before the claim makes anything: to a private
 * temporary file, forced to disk, then linked into place with one {@code link(2)}, which fails if the file exists, so
 * of two repositories claiming into a new inbox at once exactly one names it, and the other is refused. A crash leaves
 * at most the temporary file. The file is never rewritten: a repository moved elsewhere is refused too, and the
 * message says to delete the file in that case.
 */
public final class InboxOwner {
    static final String FILE = ".lane-repository";

    private InboxOwner() {
    }

    /**
     * Refuses (exit 2) an inbox outside {@code workTree} (the main checkout) that names another repository than the
     * one whose git folder is {@code gitDir}; an unnamed inbox, or one inside the checkout, passes.
     */
    public static void check(Path inboxRoot, Path workTree, Path gitDir) {
        if (!inboxRoot.startsWith(workTree)) {
            check(inboxRoot, gitDir);
        }
    }

    /**
     * For a claim: names the repository in an inbox outside {@code workTree} (creating the inbox folder if needed), as
     * {@link #claimFor(Path, Path)} says; an inbox inside the checkout is left alone.
     */
    public static void claimFor(Path inboxRoot, Path workTree, Path gitDir) {
        if (!inboxRoot.startsWith(workTree)) {
            SafeFiles.ensureDirectory(inboxRoot);
            claimFor(inboxRoot, gitDir);
        }
    }

    private static void check(Path inboxRoot, Path gitDir) {
        Path file = inboxRoot.resolve(FILE);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) { // a link or a file is read (or refused) below
            throw LaneException.refused(file + " is a folder, not the one-line file lane writes there to name the "
                    + "inbox's repository; refusing to use the inbox. Remove it (it was not made by lane) and retry.");
        }
        Optional<String> owner = SafeFiles.readIfExists(file).map(String::strip);
        String me = identity(gitDir);
        if (owner.isPresent() && !owner.get().equals(me)) {
            throw LaneException.usage("the inbox " + inboxRoot + " belongs to the repository whose git folder is "
                    + owner.get() + " (it says so in " + file + "), not to this one (" + me
                    + "): two repositories sharing one inbox would take each other's lanes for their own. Give this "
                    + "repository an inbox: of its own in lanes.yml (if that repository was moved here, delete that "
                    + "file).");
        }
    }

    /**
     * Names {@code gitDir}'s repository in the inbox if no repository is named yet, then {@link #check}s: refused if
     * another repository named it first. The inbox folder must exist.
     */
    private static void claimFor(Path inboxRoot, Path gitDir) {
        Path file = inboxRoot.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            Path tmp = inboxRoot.resolve(FILE + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            try {
                SafeFiles.writeAtomically(tmp, identity(gitDir) + "\n");
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException namedMeanwhile) {
                // another claim named it first: checked below
            } catch (IOException e) {
                throw LaneException.internal("cannot write " + file + ": " + e.getMessage(), e);
            } finally {
                SafeFiles.deleteQuietly(tmp); // a stray temporary file is harmless
            }
        }
        check(inboxRoot, gitDir);
    }

    private static String identity(Path gitDir) {
        try {
            return gitDir.toRealPath().toString();
        } catch (IOException e) {
            return gitDir.toAbsolutePath().normalize().toString();
        }
    }
}
