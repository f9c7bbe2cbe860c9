package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import dev.lane.repo.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Moves main, and then the main checkout's files.
 *
 * <p>Protocol. main moves with one compare-and-swap {@link RefUpdate} whose expected old value is the base of the
 * pass (JGit takes {@code main.lock}, re-reads the ref, and renames the lock over it only if the ref still holds
 * the base): the ref holds the base or the result, never anything in between, and a crash before the rename leaves
 * the base. If main moved meanwhile (or its lock is taken), nothing is changed and the caller gets exit 3. A
 * process killed inside the ref update itself can leave {@code refs/heads/main.lock}, as native git can; the error
 * then names that file so the user can remove it once no git process runs.
 *
 * <p>The checkout: if the main checkout has main checked out and no tracked file changed (untracked files, such
 * as the inbox, do not count), its index and files are moved from the base to the result with
 * {@code git read-tree -m -u base result}. If it is dirty, or on another branch, main still moves and the note
 * says what to run.
 *
 * <p>Crash between the two: before main moves, a clean checkout's pending update is written to a small journal
 * ({@code <inbox>/<wave>/.integrate-checkout}: "base result"); it is deleted once the files are updated. The next
 * pass of the wave, under the wave's lock, finds the journal and, if the checkout still has main checked out
 * with its index and files exactly at the base tree, finishes the update (to main's current commit); otherwise it
 * drops the journal and says what to run. A crash inside {@code git read-tree} itself leaves git's own
 * {@code index.lock}, which git names in its error.
 */
final class MainUpdater {
    private final RepoAccess access;
    private final GitCli git;
    private final String mainRef;
    private final Path journal;

    MainUpdater(RepoAccess access, GitCli git, String mainRef, Path journal) {
        this.access = access;
        this.git = git;
        this.mainRef = mainRef;
        this.journal = journal;
    }

    /**
     * Finishes a checkout update that a crashed pass left in its journal. Returns a note for the user if it could
     * not, else empty.
     */
    Optional<String> recover() {
        Optional<String> text = SafeFiles.readIfExists(journal);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] ids = text.get().strip().split(" ");
        Optional<String> note = Optional.empty();
        Optional<ObjectId> main = access.resolveRef(mainRef);
        if (ids.length == 2 && ObjectId.isId(ids[0]) && ObjectId.isId(ids[1]) && main.isPresent()
                && mainCheckedOut()
                && access.isAncestor(ObjectId.fromString(ids[1]), main.get())) {
            git.run("update-index", "-q", "--refresh");
            boolean atBase = git.run("diff-index", "--quiet", "--cached", ids[0], "--").ok()
                    && git.run("diff-files", "--quiet").ok();
            if (atBase) {
                GitCli.Result r = git.run("read-tree", "-m", "-u", ids[0], main.get().name());
                if (!r.ok()) {
                    note = Optional.of("an earlier pass moved main but could not update the main checkout's files ("
                            + r.err().strip() + "); run: git -C " + git.dir() + " read-tree -m -u " + ids[0] + " "
                            + main.get().name());
                }
            }
        }
        try {
            Files.deleteIfExists(journal);
        } catch (IOException e) {
            throw LaneException.internal("cannot remove " + journal + ": " + e.getMessage(), e);
        }
        return note;
    }

    /** Whether the main checkout's HEAD is the main branch (read with JGit: no git process for it). */
    private boolean mainCheckedOut() {
        try {
            Ref head = access.repository().exactRef(Constants.HEAD);
            return head != null && head.isSymbolic() && head.getTarget().getName().equals(mainRef);
        } catch (IOException e) {
            throw RepoAccess.io("read HEAD", e);
        }
    }

    /** How the main checkout stood before main moved. */
    enum CheckoutState {
        /** main is checked out and no tracked file is changed: its files follow main. */
        CLEAN_ON_MAIN,
        /** main is checked out but tracked files are changed: main moves, the files stay. */
        DIRTY_ON_MAIN,
        /** another branch (or a detached HEAD) is checked out: nothing to update. */
        OTHER
    }

    CheckoutState inspect() {
        if (!mainCheckedOut()) {
            return CheckoutState.OTHER;
        }
        // git status refreshes the index's file stats itself before comparing.
        GitCli.Result status = git.run("status", "--porcelain=v1", "--untracked-files=no");
        return status.ok() && status.out().isBlank() ? CheckoutState.CLEAN_ON_MAIN : CheckoutState.DIRTY_ON_MAIN;
    }

    /**
     * Moves main from {@code base} to {@code result}, or throws contention if main is no longer at base. For a
     * clean checkout on main, the pending file update is journaled first (see the class comment).
     */
    void move(ObjectId base, ObjectId result, String reflogMessage, CheckoutState checkout) {
        if (checkout == CheckoutState.CLEAN_ON_MAIN) {
            SafeFiles.writeAtomically(journal, base.name() + " " + result.name() + "\n");
        }
        try (RevWalk rw = new RevWalk(access.repository())) {
            RefUpdate u = access.repository().updateRef(mainRef);
            u.setExpectedOldObjectId(base);
            u.setNewObjectId(result);
            u.setRefLogMessage(reflogMessage, false);
            RefUpdate.Result r = u.update(rw);
            switch (r) {
                case FAST_FORWARD, FORCED, NEW -> {
                    return;
                }
                case LOCK_FAILURE -> {
                    Files.deleteIfExists(journal);
                    String now = access.resolveRef(mainRef).map(ObjectId::name).orElse("(gone)");
                    java.nio.file.Path lock = access.repository().getDirectory().toPath().resolve(mainRef + ".lock");
                    String why = now.equals(base.name())
                            ? "main is locked by another process" + (java.nio.file.Files.exists(lock) ? " (" + lock
                                    + " exists; if no git process is running, a crashed one left it: remove it)" : "")
                            : "main moved while the pass ran (from " + base.name().substring(0, 12) + " to "
                                    + (now.length() > 12 ? now.substring(0, 12) : now) + ")";
                    throw LaneException.contention(why + "; nothing was changed. Run integrate again.");
                }
                default -> throw LaneException.internal("moving " + mainRef + " failed: " + r, null);
            }
        } catch (IOException e) {
            throw RepoAccess.io("move " + mainRef, e);
        }
    }

    /** Brings the checkout's files up to date if {@code before} allows; returns a note for the user, or null. */
    String updateCheckout(CheckoutState before, ObjectId base, ObjectId result) {
        String checkout = git.dir().toString();
        String command = "git -C " + checkout + " read-tree -m -u " + base.name() + " " + result.name();
        return switch (before) {
            case OTHER -> null;
            case DIRTY_ON_MAIN -> "main moved, but the main checkout " + checkout + " has uncommitted changes, so "
                    + "its files were left as they were. To bring them up to date keeping your changes, run: "
                    + command;
            case CLEAN_ON_MAIN -> {
                GitCli.Result r = git.run("read-tree", "-m", "-u", base.name(), result.name());
                try {
                    Files.deleteIfExists(journal);
                } catch (IOException e) {
                    throw LaneException.internal("cannot remove " + journal + ": " + e.getMessage(), e);
                }
                yield r.ok() ? null : "main moved, but updating the files of the main checkout " + checkout
                        + " failed (" + r.err().strip() + "); run: " + command;
            }
        };
    }
}
