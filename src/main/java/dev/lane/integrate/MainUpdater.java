package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import dev.lane.repo.GitCli;
import dev.lane.repo.WorktreeList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

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
 * old files over the wave). So before main moves, a main checkout that has main checked out gets its HEAD detached
 * at the base ({@code git update-ref --no-deref HEAD base base}: a compare-and-swap on what HEAD resolves to,
 * touching no file); then main moves. A clean one (no tracked file changed; untracked files such as the inbox do
 * not count) then has its index and files moved from the base to the result ({@code git read-tree -m -u base
 * result}) and its HEAD put back on main. A dirty one, or a clean one whose read-tree fails (an untracked file in the
 * way, say), stays detached at the base, and the note tells the user to run {@code git checkout main}, which carries
 * their changes onto the new main or refuses without losing any. If main cannot move, HEAD goes back on main while
 * main is still at the base, and otherwise stays where its files are, which the error says. A checkout on another
 * branch, or switched to one during the pass (seen again right before each change), is left alone, as is a
 * detached one. If the main checkout is on another branch, a linked worktree of the user's that has main checked out
 * is "the checkout of main" instead, kept to the same rule (git lets only one worktree have a branch checked out).
 * A checkout of main in the middle of a merge, cherry-pick, revert or {@code git am} stops the pass before main
 * moves (contention): detaching it would take the commit that finishes it off main. So does a rebase of main in the
 * main checkout or any linked worktree (its HEAD is detached, but aborting the rebase would put main back where the
 * rebase started, taking the wave off main).
 *
 * <p>Who may write. There is one main checkout for every wave, so all of this runs under the repository's checkout
 * lock ({@code <inbox>/.checkout.lock}, a {@code HolderLock} naming its holder, which the kernel drops if it dies),
 * which {@link Integrator} takes at the start of every pass to run {@link #recover} and again for step 7, from
 * {@link #recover} through {@link #updateCheckout}; passes of different waves take turns.
 *
 * <p>Crash safety. Before HEAD is detached, the pending change is written to the repository's journal
 * ({@code <inbox>/.integrate-checkout}: a first line {@code update <base> <result>} for a clean checkout or
 * {@code detached <base>} for a dirty one, and a second line naming the checkout's folder, which {@link #recover}
 * acts on); it is deleted when the pass is done with the checkout. So at
 * every instant the checkout is either as the user left it or detached at the base, with its files at the base, or
 * (between the read-tree and putting HEAD back) at main's new commit. The next pass of any wave, under the checkout
 * lock and before it looks at the checkout, finishes what the journal says if HEAD is still detached at the base: if
 * main never moved, HEAD goes back on main; for {@code update}, files exactly at the base are moved to main's current
 * commit and HEAD goes back on main, files already there only need HEAD back, and anything else stays detached with
 * a note; for {@code detached}, the note says what to run. A crash inside {@code git read-tree} itself leaves git's
 * own {@code index.lock}, which git names in its error.
 */
final class MainUpdater {
    private final RepoAccess access;
    private final GitCli git;
    private final String mainRef;
    private final Path journal;
    /**
     * The checkout of main this pass deals with: the main checkout, or the user's own linked worktree that has main
     * checked out while the main checkout is on another branch (see {@link #inspect}).
     */
    private GitCli target;

    MainUpdater(RepoAccess access, GitCli git, String mainRef, Path journal) {
        this.access = access;
        this.git = git;
        this.mainRef = mainRef;
        this.journal = journal;
        this.target = git;
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
            /** a clean checkout, detached at base, whose files are to move from base to result, then back on main */
            UPDATE,
            /** a dirty checkout, detached at base, whose files stay */
            DETACHED
        }

        String line() {
            return kind == Kind.UPDATE ? "update " + base.name() + " " + result.name() + "\n"
                    : "detached " + base.name() + "\n";
        }

        /** The journal's pending change, or empty if the text is not one. */
        static Optional<Pending> parse(String text) {
            String[] w = text.strip().split(" ");
            if (w.length == 3 && w[0].equals("update") && ObjectId.isId(w[1]) && ObjectId.isId(w[2])) {
                return Optional.of(new Pending(Kind.UPDATE, ObjectId.fromString(w[1]), ObjectId.fromString(w[2])));
            }
            if (w.length == 2 && w[0].equals("detached") && ObjectId.isId(w[1])) {
                return Optional.of(new Pending(Kind.DETACHED, ObjectId.fromString(w[1]), null));
            }
            return Optional.empty();
        }
    }

    /**
     * Finishes what a stopped pass left in the journal (see the class comment). Returns a note for the user if the
     * checkout needs their action, else empty. Leaves no journal.
     */
    Optional<String> recover() {
        Optional<String> text = SafeFiles.readIfExists(journal);
        Optional<Pending> pending = text.flatMap(t -> Pending.parse(t.lines().findFirst().orElse("")));
        target = text.flatMap(t -> t.lines().skip(1).findFirst()).map(Path::of)
                .filter(dir -> !dir.equals(git.dir()) && Files.isDirectory(dir)).map(git::in).orElse(git);
        Optional<String> note = Optional.empty();
        Optional<ObjectId> main = access.resolveRef(mainRef);
        if (pending.isPresent() && main.isPresent() && headDetachedAt(pending.get().base())) {
            Pending p = pending.get();
            if (main.get().equals(p.base())) {
                reattach(); // main never moved: back where the user left it
            } else if (p.kind() == Pending.Kind.DETACHED) {
                note = Optional.of("an earlier pass that was stopped had detached " + where()
                        + " at the old main (" + abbrev(p.base()) + "), where its uncommitted changes belong. "
                        + catchUp());
            } else {
                note = Optional.ofNullable(finishUpdate(p.base(), main.get()));
            }
        }
        deleteJournal();
        return note;
    }

    /**
     * A stopped clean update, HEAD still detached at {@code base}: files exactly at base are moved to {@code main}
     * and HEAD goes back on main; files already at main (the read-tree ran) only need HEAD back; anything else stays.
     */
    private String finishUpdate(ObjectId base, ObjectId main) {
        target.run("update-index", "-q", "--refresh");
        if (exactlyAt(base)) {
            GitCli.Result r = target.run("read-tree", "-m", "-u", base.name(), main.name());
            if (!r.ok()) {
                return stayedDetached(base, "an earlier pass moved main but could not update the files of the main "
                        + "checkout " + target.dir() + " (" + r.err().strip() + ")");
            }
            reattach();
            return null;
        }
        if (exactlyAt(main)) {
            reattach();
            return null;
        }
        return stayedDetached(base, "an earlier pass that was stopped moved main, and " + where()
                + " has changed since");
    }

    /** The index and the tracked files are exactly {@code commit}'s tree. */
    private boolean exactlyAt(ObjectId commit) {
        return indexAt(commit) && target.run("diff-files", "--quiet").ok();
    }

    /** The index is exactly {@code commit}'s tree. */
    private boolean indexAt(ObjectId commit) {
        return target.run("diff-index", "--quiet", "--cached", commit.name(), "--").ok();
    }

    /** The target's HEAD: the branch it is on (null if detached) and its commit (null if unborn). */
    private record Head(String branch, ObjectId commit) {
    }

    /** Reads the target's HEAD: with JGit for the main checkout (no git process), with git for a linked worktree. */
    private Head head() {
        if (target.dir().equals(git.dir())) {
            try {
                Ref head = access.repository().exactRef(Constants.HEAD);
                if (head == null) {
                    return new Head(null, null);
                }
                return new Head(head.isSymbolic() ? head.getTarget().getName() : null, head.getObjectId());
            } catch (IOException e) {
                throw RepoAccess.io("read HEAD", e);
            }
        }
        GitCli.Result branch = target.run("symbolic-ref", "-q", "HEAD");
        GitCli.Result commit = target.run("rev-parse", "-q", "--verify", "HEAD^{commit}");
        return new Head(branch.ok() ? branch.line() : null, commit.ok() ? ObjectId.fromString(commit.line()) : null);
    }

    /** Whether the target's HEAD is the main branch. */
    private boolean mainCheckedOut() {
        return mainRef.equals(head().branch());
    }

    private boolean headDetachedAt(ObjectId commit) {
        Head h = head();
        return h.branch() == null && commit.equals(h.commit());
    }

    /** No tracked file differs from HEAD (git status refreshes the index's file stats itself before comparing). */
    private boolean cleanOnMain() {
        GitCli.Result status = target.run("status", "--porcelain=v1", "--untracked-files=no");
        return status.ok() && status.out().isBlank();
    }

    /**
     * How the checkout of main stands: the main checkout if it has main checked out, else a linked worktree of the
     * user's that has (lane's own lane worktrees never do). Contention (nothing changed) if it is in the middle of a
     * merge, cherry-pick, revert or {@code git am}: detaching it would take the commit that finishes it off main.
     */
    CheckoutState inspect() {
        target = git;
        refuseRebaseOfMain();
        if (!mainCheckedOut()) {
            Optional<Path> linked = linkedWorktreeOnMain();
            if (linked.isEmpty()) {
                return CheckoutState.OTHER;
            }
            target = git.in(linked.get());
        }
        Path gitDir = target == git ? access.repository().getDirectory().toPath()
                : Path.of(target.ok("rev-parse", "--absolute-git-dir").line());
        Map<String, String> operations = Map.of("MERGE_HEAD", "merge", "CHERRY_PICK_HEAD", "cherry-pick",
                "REVERT_HEAD", "revert", "rebase-apply", "git am");
        for (Map.Entry<String, String> op : operations.entrySet()) {
            Path marker = gitDir.resolve(op.getKey());
            if (Files.exists(marker)) {
                throw LaneException.contention(where() + " is in the middle of a "
                        + op.getValue() + " (" + marker + " exists); finish or abort it there, then run integrate "
                        + "again. Nothing was changed.");
            }
        }
        return cleanOnMain() ? CheckoutState.CLEAN_ON_MAIN : CheckoutState.DIRTY_ON_MAIN;
    }

    /**
     * Contention (nothing changed) if the main checkout or a linked worktree is in the middle of a rebase of main
     * ({@code rebase-merge/head-name} or {@code rebase-apply/head-name} names main in its git folder). git detaches
     * HEAD while it rebases, so such a checkout does not look like a checkout of main, but {@code git rebase --abort}
     * there would put main back where the rebase started, taking the wave off main without a word (and
     * {@code --continue} would fail to move it).
     */
    private void refuseRebaseOfMain() {
        Path common = access.repository().getDirectory().toPath();
        List<Path> gitDirs = new ArrayList<>(List.of(common));
        Path worktrees = common.resolve("worktrees");
        if (Files.isDirectory(worktrees)) {
            try (Stream<Path> linked = Files.list(worktrees)) {
                linked.sorted().forEach(gitDirs::add);
            } catch (IOException e) {
                throw LaneException.internal("cannot list " + worktrees + ": " + e.getMessage(), e);
            }
        }
        for (Path gitDir : gitDirs) {
            for (String kind : List.of("rebase-merge", "rebase-apply")) {
                Path headName = gitDir.resolve(kind).resolve("head-name");
                if (SafeFiles.readIfExists(headName).map(String::strip).filter(mainRef::equals).isPresent()) {
                    String checkout = gitDir.equals(common) ? "the main checkout " + git.dir()
                            : SafeFiles.readIfExists(gitDir.resolve("gitdir")).map(String::strip)
                                    .map(dotGit -> "the worktree " + Path.of(dotGit).getParent())
                                    .orElse("the linked worktree of " + gitDir);
                    throw LaneException.contention(checkout + " is in the middle of a rebase of "
                            + Repository.shortenRefName(mainRef) + " (" + headName.getParent() + " exists); finish or "
                            + "abort it there (git rebase --continue, or git rebase --abort), then run integrate "
                            + "again. Nothing was changed.");
                }
            }
        }
    }

    /** The linked worktree that has main checked out, if any (read only when the repository has linked worktrees). */
    private Optional<Path> linkedWorktreeOnMain() {
        if (!Files.isDirectory(access.repository().getDirectory().toPath().resolve("worktrees"))) {
            return Optional.empty();
        }
        return WorktreeList.withBranch(git, mainRef, git.dir());
    }

    /**
     * Readies the checkout for main to move from {@code base} to {@code result}: journals the pending change and
     * detaches the checkout's HEAD at base, clean or dirty, so that until the files follow (or for good, if they do
     * not) HEAD names the commit they are at (see the class comment). Returns the state to move with: OTHER if the
     * user switched the checkout to another branch since {@link #inspect}. Throws contention (nothing changed) if
     * HEAD no longer resolves to base.
     */
    CheckoutState prepare(ObjectId base, ObjectId result, CheckoutState checkout) {
        if (checkout == CheckoutState.OTHER || !mainCheckedOut()) {
            return CheckoutState.OTHER; // not, or no longer, the checkout of main
        }
        Pending pending = checkout == CheckoutState.CLEAN_ON_MAIN ? new Pending(Pending.Kind.UPDATE, base, result)
                : new Pending(Pending.Kind.DETACHED, base, null);
        SafeFiles.writeAtomically(journal, pending.line() + target.dir() + "\n");
        if (!detachHead(base, base, "lane integrate: HEAD stays at the old main while main moves")) {
            deleteJournal();
            boolean mainMoved = !access.resolveRef(mainRef).map(base::equals).orElse(false);
            throw LaneException.contention((mainMoved ? "main moved while the pass ran (it is no longer at "
                    + abbrev(base) + ")" : where() + " changed while the pass ran (its HEAD "
                    + "no longer resolves to " + abbrev(base) + ")") + "; this pass changed nothing. Run integrate "
                    + "again.");
        }
        return checkout;
    }

    /**
     * Moves main from {@code base} to {@code result} with one compare-and-swap. If it cannot, main is as it was and
     * this throws (contention if main moved or is locked): the HEAD {@link #prepare} detached is put back on main if
     * main is still at base, and otherwise stays detached where its files are, which the error then says.
     */
    void move(ObjectId base, ObjectId result, String reflogMessage, CheckoutState checkout) {
        RefUpdate.Result r;
        try {
            RefUpdate u = access.repository().updateRef(mainRef);
            u.setExpectedOldObjectId(base);
            u.setNewObjectId(result);
            u.setRefLogMessage(reflogMessage, false);
            r = access.update(u);
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
                throw LaneException.contention(why + "; this pass did not move it. Run integrate again." + undo);
            }
            default -> throw LaneException.internal("moving " + mainRef + " failed: " + r
                    + undoPrepare(base, checkout), null);
        }
    }

    /**
     * After main could not move: drops the journal and puts the HEAD {@link #prepare} detached back on main if main is
     * still at base. Returns "" or, if HEAD must stay detached (main moved meanwhile, so the files no longer match
     * main), a sentence for the error saying so.
     */
    private String undoPrepare(ObjectId base, CheckoutState checkout) {
        String note = "";
        if (checkout != CheckoutState.OTHER && headDetachedAt(base)) {
            if (access.resolveRef(mainRef).map(base::equals).orElse(false)) {
                reattach();
            } else {
                note = " " + capitalized(where()) + " stays detached at " + abbrev(base) + ", the commit its "
                        + "files belong to. " + catchUp();
            }
        }
        deleteJournal();
        return note;
    }

    /**
     * After main moved: a clean checkout's files follow (then HEAD goes back on main); a dirty one stays detached at
     * base with its files. Returns a note for the user, if any. Leaves no journal.
     */
    Optional<String> updateCheckout(CheckoutState before, ObjectId base, ObjectId result) {
        String note = null;
        if (before == CheckoutState.OTHER) {
            // not a checkout of main: nothing to bring along
        } else if (headDetachedAt(base)) {
            if (before == CheckoutState.DIRTY_ON_MAIN) {
                note = "main moved, but " + where() + " has uncommitted changes, so lane left its "
                        + "files as they were and its HEAD at the old main (" + abbrev(base) + "), the commit they "
                        + "belong to (HEAD is detached there). " + catchUp();
            } else {
                GitCli.Result r = target.run("read-tree", "-m", "-u", base.name(), result.name());
                if (!r.ok()) {
                    note = stayedDetached(base, "main moved, but updating the files of " + where() + " failed ("
                            + r.err().strip() + ")");
                } else if (headDetachedAt(base)) { // seen again: the user may have moved HEAD during the read-tree
                    reattach();
                }
            }
        } else if (mainCheckedOut()) {
            // The user put HEAD back on main while main moved: its files must follow, or HEAD must name them again.
            target.run("update-index", "-q", "--refresh");
            String failed = null;
            if (exactlyAt(base)) {
                GitCli.Result r = target.run("read-tree", "-m", "-u", base.name(), result.name());
                failed = r.ok() ? null : "updating the files of " + where() + " failed (" + r.err().strip() + ")";
            } else if (!indexAt(result)) {
                failed = where() + " was put back on main by hand during the pass, with changes of its own";
            }
            if (failed != null
                    && detachHead(base, result, "lane integrate: the checkout's files stay at the old main")) {
                note = stayedDetached(base, "main moved, but " + failed);
            }
        } else {
            note = headOf().map(h -> where() + " is detached at " + h.substring(0, 12)
                    + " (a commit made while the pass ran?), not on main. " + catchUp()).orElse(null);
        }
        deleteJournal();
        return Optional.ofNullable(note);
    }

    /** The commit HEAD is detached at, or empty if it is on a branch (or unborn). */
    private Optional<String> headOf() {
        Head h = head();
        return h.branch() != null || h.commit() == null ? Optional.empty() : Optional.of(h.commit().name());
    }

    /** "the main checkout P", or "the worktree P (it has main checked out)" for a linked worktree of the user's. */
    private String where() {
        return target.dir().equals(git.dir()) ? "the main checkout " + target.dir()
                : "the worktree " + target.dir() + " (it has " + Repository.shortenRefName(mainRef) + " checked out)";
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The note for a checkout whose HEAD stays detached at {@code base} with its files after main moved. */
    private String stayedDetached(ObjectId base, String what) {
        return what + ", so lane left its HEAD at the old main (" + abbrev(base) + "), the commit its files belong to "
                + "(HEAD is detached there). " + catchUp();
    }

    private String catchUp() {
        String branch = Repository.shortenRefName(mainRef);
        String c = "git -C " + target.dir() + " ";
        return "To move onto the new main keeping your changes, run: " + c + "checkout " + branch + ". If git refuses "
                + "because a change of yours touches a file the wave changed, run " + c + "checkout --merge " + branch
                + " instead: it merges your changes into the new files and marks any conflict for you to resolve. If "
                + "it refuses because an untracked file is in the way, move that file aside first.";
    }

    /** Detaches HEAD at {@code at} if it still resolves to {@code expected}; false if it does not. */
    private boolean detachHead(ObjectId at, ObjectId expected, String reflogMessage) {
        return target.run("update-ref", "--no-deref", "-m", reflogMessage, "HEAD", at.name(), expected.name()).ok();
    }

    /** Puts HEAD back on main (after a detach this pass or a stopped one made). */
    private void reattach() {
        target.ok("symbolic-ref", "-m", "lane integrate: HEAD back on main", "HEAD", mainRef);
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
