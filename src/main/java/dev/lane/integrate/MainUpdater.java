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
import org.eclipse.jgit.lib.Repository;
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
 * <p>The checkout. The rule it keeps: the main checkout's HEAD always names the commit its index and files were
 * made from, so a commit made there can never undo landed work (a HEAD moved under a stale index would commit the
 * old files over the wave). If the main checkout has main checked out and no tracked file changed (untracked files,
 * such as the inbox, do not count), its index and files are moved from the base to the result with
 * {@code git read-tree -m -u base result}. If tracked files are changed, lane first detaches its HEAD at the base
 * ({@code git update-ref --no-deref HEAD base base}: a compare-and-swap on what HEAD resolves to, touching no file),
 * then moves main; the note tells the user to run {@code git checkout main}, which carries their changes onto the
 * new main or refuses without losing any. If the read-tree of a clean checkout fails, its HEAD is detached at the
 * base the same way. If main cannot be moved, a HEAD this pass detached is put back on main while main is still at
 * the base, and otherwise stays where its files are, which the error says. A checkout switched to another branch
 * during the pass (seen again right before each change) is left alone, as is a detached one.
 *
 * <p>Who may write. There is one main checkout for every wave, so all of this runs under the repository's checkout
 * lock ({@code <inbox>/.checkout.lock}, a POSIX lock the kernel drops if its holder dies), held by
 * {@link Integrator} from {@link #recover} through {@link #updateCheckout}; passes of different waves take turns.
 *
 * <p>Crash safety. Before main moves, the pending change to the checkout is written to the repository's journal
 * ({@code <inbox>/.integrate-checkout}: {@code update <base> <result>} for a clean checkout, {@code detached <base>}
 * for a dirty one); it is deleted when the pass is done with the checkout. The next pass of any wave, under the
 * checkout lock and before it looks at the checkout itself, finishes what the journal says: for {@code update}, if
 * main moved and the checkout still has main checked out, it moves the files to main's current commit when they are
 * exactly at the base, leaves a checkout that is already clean on main alone, and otherwise detaches HEAD at the
 * base; for {@code detached}, it puts HEAD back on main if main never moved, and otherwise says what to run. A crash
 * inside {@code git read-tree} itself leaves git's own {@code index.lock}, which git names in its error.
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

    /** How the main checkout stood before main moved. */
    enum CheckoutState {
        /** main is checked out and no tracked file is changed: its files follow main. */
        CLEAN_ON_MAIN,
        /** main is checked out but tracked files are changed: HEAD is detached at the base, the files stay. */
        DIRTY_ON_MAIN,
        /** another branch (or a detached HEAD) is checked out: nothing to update. */
        OTHER
    }

    /** What a pass was about to do to the main checkout, as its journal says. */
    private record Pending(Kind kind, ObjectId base, ObjectId result) {
        enum Kind {
            /** a clean checkout's files are to move from base to result */
            UPDATE,
            /** a dirty checkout's HEAD was (or was about to be) detached at base */
            DETACHED
        }

        String line() {
            return kind == Kind.UPDATE ? "update " + base.name() + " " + result.name() + "\n"
                    : "detached " + base.name() + "\n";
        }

        /** The journal's pending change, or empty if the text is not one (a journal of an older lane: "base result"). */
        static Optional<Pending> parse(String text) {
            String[] w = text.strip().split(" ");
            if (w.length == 3 && w[0].equals("update") && ObjectId.isId(w[1]) && ObjectId.isId(w[2])) {
                return Optional.of(new Pending(Kind.UPDATE, ObjectId.fromString(w[1]), ObjectId.fromString(w[2])));
            }
            if (w.length == 2 && ObjectId.isId(w[0]) && ObjectId.isId(w[1])) {
                return Optional.of(new Pending(Kind.UPDATE, ObjectId.fromString(w[0]), ObjectId.fromString(w[1])));
            }
            if (w.length == 2 && w[0].equals("detached") && ObjectId.isId(w[1])) {
                return Optional.of(new Pending(Kind.DETACHED, ObjectId.fromString(w[1]), null));
            }
            return Optional.empty();
        }
    }

    /**
     * Finishes what a stopped pass left in its journal (see the class comment). Returns a note for the user if the
     * checkout needs their action, else empty. Leaves no journal.
     */
    Optional<String> recover() {
        Optional<Pending> pending = SafeFiles.readIfExists(journal).flatMap(Pending::parse);
        Optional<String> note = Optional.empty();
        Optional<ObjectId> main = access.resolveRef(mainRef);
        if (pending.isPresent() && main.isPresent()) {
            Pending p = pending.get();
            boolean mainMoved = !main.get().equals(p.base());
            if (p.kind() == Pending.Kind.DETACHED) {
                if (headDetachedAt(p.base())) {
                    if (mainMoved) {
                        note = Optional.of("an earlier pass that was stopped had detached the main checkout "
                                + git.dir() + " at the old main (" + abbrev(p.base()) + "), where its uncommitted "
                                + "changes belong. " + catchUp());
                    } else {
                        reattach();
                    }
                }
            } else if (mainMoved && mainCheckedOut() && access.isAncestor(p.result(), main.get())) {
                note = Optional.ofNullable(finishUpdate(p.base(), main.get()));
            }
        }
        deleteJournal();
        return note;
    }

    /** A crashed clean update: move files still exactly at base to {@code main}; detach HEAD at base otherwise. */
    private String finishUpdate(ObjectId base, ObjectId main) {
        git.run("update-index", "-q", "--refresh");
        boolean atBase = git.run("diff-index", "--quiet", "--cached", base.name(), "--").ok()
                && git.run("diff-files", "--quiet").ok();
        if (atBase) {
            GitCli.Result r = git.run("read-tree", "-m", "-u", base.name(), main.name());
            return r.ok() ? null : detachAfterFailedUpdate(base, main, "an earlier pass moved main but could not "
                    + "update the files of the main checkout " + git.dir() + " (" + r.err().strip() + ")");
        }
        if (cleanOnMain()) {
            return null; // someone already brought the checkout to main
        }
        return detachAfterFailedUpdate(base, main, "an earlier pass that was stopped moved main, and the main "
                + "checkout " + git.dir() + " has changed since");
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

    private boolean headDetachedAt(ObjectId commit) {
        try {
            Ref head = access.repository().exactRef(Constants.HEAD);
            return head != null && !head.isSymbolic() && commit.equals(head.getObjectId());
        } catch (IOException e) {
            throw RepoAccess.io("read HEAD", e);
        }
    }

    /** No tracked file differs from HEAD (git status refreshes the index's file stats itself before comparing). */
    private boolean cleanOnMain() {
        GitCli.Result status = git.run("status", "--porcelain=v1", "--untracked-files=no");
        return status.ok() && status.out().isBlank();
    }

    CheckoutState inspect() {
        if (!mainCheckedOut()) {
            return CheckoutState.OTHER;
        }
        return cleanOnMain() ? CheckoutState.CLEAN_ON_MAIN : CheckoutState.DIRTY_ON_MAIN;
    }

    /**
     * Readies the checkout for main to move from {@code base} to {@code result}: journals the pending change and, for
     * a dirty checkout, detaches its HEAD at base (see the class comment). Returns the state to move with: OTHER if
     * the user switched the checkout to another branch since {@link #inspect}. Throws contention (nothing changed)
     * if the checkout's HEAD no longer resolves to base.
     */
    CheckoutState prepare(ObjectId base, ObjectId result, CheckoutState checkout) {
        if (checkout != CheckoutState.OTHER && !mainCheckedOut()) {
            return CheckoutState.OTHER; // switched meanwhile: no longer the checkout of main
        }
        switch (checkout) {
            case CLEAN_ON_MAIN -> SafeFiles.writeAtomically(journal,
                    new Pending(Pending.Kind.UPDATE, base, result).line());
            case DIRTY_ON_MAIN -> {
                SafeFiles.writeAtomically(journal, new Pending(Pending.Kind.DETACHED, base, null).line());
                if (!detachHead(base, base, "lane integrate: the main checkout has uncommitted changes; HEAD stays "
                        + "at the old main while main moves")) {
                    deleteJournal();
                    throw LaneException.contention("the main checkout " + git.dir() + " changed while the pass "
                            + "ran (its HEAD no longer resolves to " + abbrev(base) + "); nothing was changed. Run "
                            + "integrate again.");
                }
            }
            case OTHER -> {
            }
        }
        return checkout;
    }

    /**
     * Moves main from {@code base} to {@code result} with one compare-and-swap. If it cannot, main is as it was and
     * this throws (contention if main moved or is locked): a HEAD that {@link #prepare} detached is put back on main
     * if main is still at base, and otherwise stays detached where its files are, which the error then says.
     */
    void move(ObjectId base, ObjectId result, String reflogMessage, CheckoutState checkout) {
        RefUpdate.Result r;
        try (RevWalk rw = new RevWalk(access.repository())) {
            RefUpdate u = access.repository().updateRef(mainRef);
            u.setExpectedOldObjectId(base);
            u.setNewObjectId(result);
            u.setRefLogMessage(reflogMessage, false);
            r = u.update(rw);
        } catch (IOException e) {
            String undo = undoPrepare(base, checkout);
            throw LaneException.internal("cannot move " + mainRef + ": " + e.getMessage() + undo, e);
        }
        switch (r) {
            case FAST_FORWARD, FORCED, NEW -> {
                return;
            }
            case LOCK_FAILURE -> {
                String undo = undoPrepare(base, checkout);
                String now = access.resolveRef(mainRef).map(MainUpdater::abbrev).orElse("(gone)");
                Path lock = access.repository().getDirectory().toPath().resolve(mainRef + ".lock");
                String why = now.equals(abbrev(base))
                        ? "main is locked by another process" + (Files.exists(lock) ? " (" + lock
                                + " exists; if no git process is running, a crashed one left it: remove it)" : "")
                        : "main moved while the pass ran (from " + abbrev(base) + " to " + now + ")";
                throw LaneException.contention(why + "; this pass changed nothing. Run integrate again." + undo);
            }
            default -> throw LaneException.internal("moving " + mainRef + " failed: " + r
                    + undoPrepare(base, checkout), null);
        }
    }

    /**
     * After main could not move: drops the journal and puts a HEAD that {@link #prepare} detached back on main if
     * main is still at base. Returns "" or, if HEAD must stay detached (main moved meanwhile, so its files no longer
     * match main), a sentence for the error saying so.
     */
    private String undoPrepare(ObjectId base, CheckoutState checkout) {
        String note = "";
        if (checkout == CheckoutState.DIRTY_ON_MAIN && headDetachedAt(base)) {
            if (access.resolveRef(mainRef).map(base::equals).orElse(false)) {
                reattach();
            } else {
                note = " The main checkout " + git.dir() + " stays detached at " + abbrev(base) + ", the commit its "
                        + "files belong to. " + catchUp();
            }
        }
        deleteJournal();
        return note;
    }

    /** Brings the checkout's files up to date if {@code before} allows; returns a note for the user, if any. */
    Optional<String> updateCheckout(CheckoutState before, ObjectId base, ObjectId result) {
        String note = switch (before) {
            case OTHER -> null;
            case DIRTY_ON_MAIN -> "main moved, but the main checkout " + git.dir() + " has uncommitted changes, so "
                    + "lane left its files as they were and its HEAD at the old main (" + abbrev(base) + "), the "
                    + "commit they belong to (HEAD is detached there). " + catchUp();
            case CLEAN_ON_MAIN -> {
                if (!mainCheckedOut()) {
                    yield null; // switched to another branch meanwhile: not the checkout of main any more
                }
                GitCli.Result r = git.run("read-tree", "-m", "-u", base.name(), result.name());
                yield r.ok() ? null : detachAfterFailedUpdate(base, result, "main moved, but updating the files of "
                        + "the main checkout " + git.dir() + " failed (" + r.err().strip() + ")");
            }
        };
        deleteJournal();
        return Optional.ofNullable(note);
    }

    /** After main moved to {@code main} and the files stayed at {@code base}: HEAD goes back to them. */
    private String detachAfterFailedUpdate(ObjectId base, ObjectId main, String what) {
        if (detachHead(base, main, "lane integrate: the main checkout's files stay at the old main")) {
            return what + ", so lane left its HEAD at the old main (" + abbrev(base) + "), the commit its files "
                    + "belong to (HEAD is detached there). " + catchUp();
        }
        return what + "; its HEAD is no longer on main's new commit, so lane left it alone: check git -C "
                + git.dir() + " status before you commit there.";
    }

    private String catchUp() {
        String branch = Repository.shortenRefName(mainRef);
        String c = "git -C " + git.dir() + " ";
        return "To move onto the new main keeping your changes, run: " + c + "checkout " + branch + " (if git "
                + "refuses because a change of yours touches a file the wave changed, or an untracked file is in the "
                + "way: " + c + "stash --include-untracked, then " + c + "checkout " + branch + ", then " + c
                + "stash pop).";
    }

    /** Detaches HEAD at {@code at} if it still resolves to {@code expected}; false if it does not. */
    private boolean detachHead(ObjectId at, ObjectId expected, String reflogMessage) {
        return git.run("update-ref", "--no-deref", "-m", reflogMessage, "HEAD", at.name(), expected.name()).ok();
    }

    /** Puts HEAD back on main (after a detach this pass or a stopped one made, when main did not move). */
    private void reattach() {
        git.ok("symbolic-ref", "-m", "lane integrate: main did not move; HEAD back on main", "HEAD", mainRef);
    }

    private void deleteJournal() {
        try {
            Files.deleteIfExists(journal);
        } catch (IOException e) {
            throw LaneException.internal("cannot remove " + journal + ": " + e.getMessage(), e);
        }
    }

    private static String abbrev(ObjectId id) {
        return id.name().substring(0, 12);
    }
}
