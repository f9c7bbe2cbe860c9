package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.config.ConfigLoader;
import dev.lane.core.ExitCode;
import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.fs.SafeFiles;
import dev.lane.names.AgentId;
import dev.lane.names.WaveId;
import dev.lane.repo.MainRepository;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main checkout during integrate: its HEAD always names the commit its files were made from, so a commit made
 * there can never undo landed work, whether the checkout was dirty, a pass was stopped, or the note was ignored.
 */
class MainCheckoutTest {
    private static final Path JOURNAL = Path.of("tools/offline/_inbox/.integrate-checkout");

    @TempDir
    Path tmp;

    /** A fresh sample repository with {@code lane} of wave 45 submitted, adding {@code file}. */
    private static WaveFixture submitted(Path tmp, String lane, String file, String content) {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", lane, file, content);
        return f;
    }

    /** Lane dimB submitted, with a check: that fails on any tree once {@code refuse} exists. */
    private static WaveFixture submittedWithCheck(Path tmp, Path refuse) {
        WaveFixture f = WaveFixture.create(tmp, "check: \"test ! -e '" + refuse + "'\"\n");
        f.submitted("45", "dimB", "src/b.txt", "B\n");
        return f;
    }

    /** Lane dimB submitted (it adds src/b.txt), and an uncommitted edit of src/other.txt in the main checkout. */
    private static WaveFixture dirtyCheckout(Path tmp) {
        WaveFixture f = submitted(tmp, "dimB", "src/b.txt", "B\n");
        f.write(f.repo, "src/other.txt", "local edit\n");
        return f;
    }

    private static String head(WaveFixture f) {
        return f.git(f.repo, "rev-parse", "HEAD").strip();
    }

    private static boolean onBranch(WaveFixture f) {
        return Git.run(f.repo, "symbolic-ref", "-q", "HEAD").exitCode() == 0;
    }

    private static String trackedChanges(WaveFixture f) {
        return f.git(f.repo, "status", "--porcelain", "--untracked-files=no");
    }

    /** The main checkout is on main at its head, no tracked file differs, and no journal is left. */
    private static void assertOnMainUpToDate(WaveFixture f, String context) {
        assertEquals("refs/heads/main", f.git(f.repo, "symbolic-ref", "HEAD").strip(), context);
        assertEquals(f.mainHead(), head(f), context);
        assertEquals("", trackedChanges(f), "no landed file shows as changed: " + context);
        assertFalse(Files.exists(f.repo.resolve(JOURNAL)), context);
    }

    @Test
    void aDirtyMainCheckoutStaysAtTheOldMainWithItsChangesAndCheckingOutMainCarriesThemOntoTheWave() {
        WaveFixture f = dirtyCheckout(tmp);
        String base = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertEquals("B\n", f.onMain("src/b.txt"));
        assertEquals(base, head(f), "HEAD names the commit the files were made from");
        assertFalse(onBranch(f), "HEAD is detached, so a commit there does not go on main");
        assertEquals(" M src/other.txt\n", trackedChanges(f), "only the user's own change shows");
        assertTrue(r.err().contains("left its files as they were and its HEAD at the old main (" + base.substring(0, 12)
                + ")") && r.err().contains("git -C " + f.repo + " checkout main"), r.err());

        f.git(f.repo, "checkout", "-q", "main");

        assertEquals("B\n", f.read(f.repo, "src/b.txt"));
        assertEquals("local edit\n", f.read(f.repo, "src/other.txt"));
        f.git(f.repo, "-c", "user.name=op", "-c", "user.email=op@x", "commit", "-qam", "operator's edit");
        assertEquals("B\n", f.onMain("src/b.txt"), "the operator's commit keeps the landed lane");
        assertFalse(Files.exists(f.repo.resolve(JOURNAL)));
    }

    @Test
    void aSecondPassAfterAnIgnoredNoteNeitherTouchesTheCheckoutNorLetsItRevertTheFirstPass() {
        WaveFixture f = dirtyCheckout(tmp);
        String base = f.mainHead();
        f.integrate("--wave", "45").expect(0);
        Path c = f.submitted("45", "dimC", "src/c.txt", "C\n");

        CliRun second = f.integrate("--wave", "45").expect(0);

        assertEquals("C\n", f.onMain("src/c.txt"));
        assertEquals(base, head(f), "the checkout stays where its files are");
        assertEquals(" M src/other.txt\n", trackedChanges(f), "no landed file shows as deleted");
        assertFalse(second.err().contains("main checkout"), "nothing to say about a detached checkout: "
                + second.err());
        f.git(f.repo, "checkout", "-q", "main");
        assertEquals("B\n", f.read(f.repo, "src/b.txt"));
        assertEquals("C\n", f.read(f.repo, "src/c.txt"));
        assertEquals("local edit\n", f.read(f.repo, "src/other.txt"));
    }

    @Test
    void aCleanCheckoutWhoseFilesCannotBeUpdatedIsLeftAtTheOldMainAndToldWhy() throws IOException {
        WaveFixture f = submitted(tmp, "dimB", "src/b.txt", "B\n");
        String base = f.mainHead();
        Files.writeString(f.repo.resolve("src/b.txt"), "untracked, in the way\n"); // untracked: the checkout is clean

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertEquals("B\n", f.onMain("src/b.txt"));
        assertEquals(base, head(f));
        assertEquals("", trackedChanges(f));
        assertEquals("untracked, in the way\n", f.read(f.repo, "src/b.txt"));
        assertTrue(r.err().contains("updating the files of the main checkout") && r.err().contains("move that "
                + "file aside first") && !r.err().contains("stash"), r.err());
        assertFalse(Files.exists(f.repo.resolve(JOURNAL)));
    }

    @Test
    void aDirtyCheckoutIsPutBackOnMainWhenMainCannotMove() throws IOException {
        WaveFixture f = dirtyCheckout(tmp);
        String base = f.mainHead();
        Path mainLock = f.repo.resolve(".git/refs/heads/main.lock");
        StepHook lockMain = step -> {
            if (step == Step.COMMITS_WRITTEN) {
                try {
                    Files.writeString(mainLock, "held\n");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        LaneException e = assertThrows(LaneException.class, () -> new Integrator(workspace(f), lockMain)
                .integrate(IntegrateRequest.of(new WaveId("45"), new AgentId("integrator"))));

        assertEquals(ExitCode.CONTENTION, e.exitCode());
        assertTrue(e.getMessage().contains("main is locked"), e.getMessage());
        assertEquals(base, f.mainHead());
        assertEquals("refs/heads/main", f.git(f.repo, "symbolic-ref", "HEAD").strip());
        assertEquals(" M src/other.txt\n", trackedChanges(f));
        assertFalse(Files.exists(f.repo.resolve(JOURNAL)));
        Files.delete(mainLock);
    }

    @Test
    void aPassKilledAfterMovingMainPastADirtyCheckoutLeavesItAtTheOldMainAndTheNextPassSaysSo() throws Exception {
        WaveFixture f = dirtyCheckout(tmp);
        String base = f.mainHead();

        f.integrateKilledAt(Step.MAIN_MOVED, "45");

        assertEquals("B\n", f.onMain("src/b.txt"));
        assertEquals(base, head(f));
        assertEquals(" M src/other.txt\n", trackedChanges(f));
        Path c = f.claim("45", "dimC"); // the rerun lands more, and still says where the checkout was left
        f.write(c, "src/c.txt", "C\n");
        f.submit(c);
        CliRun again = f.integrate("--wave", "45").expect(0);
        assertTrue(again.err().contains("an earlier pass that was stopped had detached the main checkout"),
                again.err());
        assertEquals("C\n", f.onMain("src/c.txt"));
        assertFalse(Files.exists(f.repo.resolve(JOURNAL)));
        assertEquals(base, head(f));
    }

    @Test
    void aPassStoppedAfterMovingMainLeavesTheCheckoutConsistentAndEvenARefusedPassPutsItRight() throws Exception {
        Path refuse = tmp.resolve("refuse-every-check");
        WaveFixture f = submittedWithCheck(tmp, refuse);
        String base = f.mainHead();

        f.integrateKilledAt(Step.MAIN_MOVED, "45");

        assertEquals(base, head(f), "HEAD still names the commit the files are at, not the moved main");
        assertEquals("", trackedChanges(f), "no landed file shows as deleted in the meantime");
        Files.writeString(refuse, "");
        f.submitted("46", "dimW", "src/w.txt", "W\n");

        f.integrate("--wave", "46").expect(5); // refused: the check fails on main itself

        assertOnMainUpToDate(f, "after the refused pass");
        assertEquals("B\n", f.read(f.repo, "src/b.txt"));
    }

    @Test
    void aRefusedPassStillSaysWhereAStoppedPassLeftADirtyCheckout() throws Exception {
        Path refuse = tmp.resolve("refuse-every-check");
        WaveFixture f = submittedWithCheck(tmp, refuse);
        f.write(f.repo, "src/other.txt", "local edit\n");
        f.integrateKilledAt(Step.MAIN_MOVED, "45");
        Files.writeString(refuse, "");
        f.submitted("46", "dimW", "src/w.txt", "W\n");

        CliRun r = f.integrate("--wave", "46").expect(5);

        assertTrue(r.err().contains("an earlier pass that was stopped had detached the main checkout"), r.err());
        assertFalse(Files.exists(f.repo.resolve(JOURNAL)));
    }

    @Test
    void aWorktreeOfTheUsersThatHasMainCheckedOutIsKeptToTheSameRule() {
        WaveFixture f = submitted(tmp, "dimB", "src/b.txt", "B\n");
        WaveFixture g = submitted(tmp.resolve("other"), "dimC", "src/c.txt", "C\n");
        f.git(f.repo, "checkout", "-q", "-b", "feature");
        Path clean = tmp.resolve("main-worktree");
        f.git(f.repo, "worktree", "add", "-q", clean.toString(), "main");
        g.git(g.repo, "checkout", "-q", "-b", "feature");
        Path dirty = tmp.resolve("other-main-worktree");
        g.git(g.repo, "worktree", "add", "-q", dirty.toString(), "main");
        g.write(dirty, "src/other.txt", "local edit\n");
        String gBase = g.mainHead();

        f.integrate("--wave", "45").expect(0);
        CliRun r = g.integrate("--wave", "45").expect(0);

        assertEquals("refs/heads/main", f.git(clean, "symbolic-ref", "HEAD").strip());
        assertEquals(f.mainHead(), f.git(clean, "rev-parse", "HEAD").strip());
        assertEquals("", f.git(clean, "status", "--porcelain", "--untracked-files=no"), "its files followed main");
        assertEquals("B\n", f.read(clean, "src/b.txt"));
        assertEquals("refs/heads/feature", f.git(f.repo, "symbolic-ref", "HEAD").strip(), "the main checkout");
        assertEquals(gBase, g.git(dirty, "rev-parse", "HEAD").strip(), "the dirty one stays where its files are");
        assertEquals(" M src/other.txt\n", g.git(dirty, "status", "--porcelain", "--untracked-files=no"));
        assertTrue(r.err().contains("the worktree " + dirty + " (it has main checked out) has uncommitted changes"),
                r.err());
    }

    @Test
    void aMergeInProgressInTheMainCheckoutIsContentionAndNothingMoves() throws Exception {
        WaveFixture f = submitted(tmp, "dimB", "src/b.txt", "B\n");
        String base = f.mainHead();
        Files.writeString(f.repo.resolve(".git/MERGE_HEAD"), base + "\n"); // what git merge leaves mid-conflict

        CliRun r = f.integrate("--wave", "45").expect(3);

        assertTrue(r.err().contains("is in the middle of a merge") && r.err().contains("finish or abort it"),
                r.err());
        assertEquals(base, f.mainHead());
        assertEquals("refs/heads/main", f.git(f.repo, "symbolic-ref", "HEAD").strip());
        assertFalse(Files.exists(f.repo.resolve(JOURNAL)));
    }

    /** Starts a rebase of main in {@code dir} that stops (an --exec that fails) with main's last commit to redo. */
    private static void rebaseOfMainStopped(WaveFixture f, Path dir) {
        Git.Run r = Git.run(dir, "rebase", "--exec", "false", "HEAD~1");
        assertFalse(r.ok(), "the rebase stops: " + r.err());
        assertFalse(Git.run(dir, "symbolic-ref", "-q", "HEAD").ok(), "git detaches HEAD while it rebases main in " + dir);
    }

    @Test
    void aRebaseOfMainInProgressInTheMainCheckoutIsContentionSoAbortingItCannotRewindTheWave() {
        WaveFixture f = submitted(tmp, "dimB", "src/b.txt", "B\n");
        f.commitOnMain("src/other.txt", "operator's fix\n", "operator's fix");
        String base = f.mainHead();
        rebaseOfMainStopped(f, f.repo);

        CliRun r = f.integrate("--wave", "45").expect(3);

        assertTrue(r.err().contains("is in the middle of a rebase of main") && r.err().contains("finish or abort it"),
                r.err());
        assertEquals(base, f.mainHead(), "main did not move");
        f.git(f.repo, "rebase", "--abort");
        assertEquals(base, f.mainHead(), "git rebase --abort puts main back where the rebase started: nothing lost");
        f.integrate("--wave", "45").expect(0);
        assertEquals("B\n", f.onMain("src/b.txt"));
    }

    @Test
    void aRebaseOfMainInProgressInALinkedWorktreeIsContentionToo() {
        WaveFixture f = submitted(tmp, "dimB", "src/b.txt", "B\n");
        f.commitOnMain("src/other.txt", "operator's fix\n", "operator's fix");
        String base = f.mainHead();
        f.git(f.repo, "checkout", "-q", "-b", "feature");
        Path mainWorktree = tmp.resolve("main-worktree");
        f.git(f.repo, "worktree", "add", "-q", mainWorktree.toString(), "main");
        rebaseOfMainStopped(f, mainWorktree);

        CliRun r = f.integrate("--wave", "45").expect(3);

        assertTrue(r.err().contains(mainWorktree.toString()) && r.err().contains("is in the middle of a rebase of main"),
                r.err());
        assertEquals(base, f.mainHead(), "main did not move");
    }

    @Test
    void aUserWhoPutsHeadBackOnMainWhileMainMovesStillGetsFilesThatMatchIt() {
        WaveFixture f = submitted(tmp, "dimB", "src/b.txt", "B\n");
        StepHook userChecksOutMain = step -> {
            if (step == Step.CHECKOUT_PREPARED) {
                f.git(f.repo, "checkout", "-q", "main");
            }
        };

        new Integrator(workspace(f), userChecksOutMain).integrate(IntegrateRequest.of(new WaveId("45"),
                new AgentId("integrator")));

        assertOnMainUpToDate(f, "HEAD was put back on main by hand during the pass");
        assertEquals("B\n", f.read(f.repo, "src/b.txt"));
    }

    @Test
    void aDirtyCheckoutPutBackOnMainByHandWhileMainMovesIsLeftAtTheOldMainWithItsChanges() {
        WaveFixture f = dirtyCheckout(tmp);
        String base = f.mainHead();
        StepHook userChecksOutMain = step -> {
            if (step == Step.CHECKOUT_PREPARED) {
                f.git(f.repo, "checkout", "-q", "main");
            }
        };

        IntegrateResult r = new Integrator(workspace(f), userChecksOutMain).integrate(IntegrateRequest.of(
                new WaveId("45"), new AgentId("integrator")));

        assertEquals(base, head(f), "HEAD names the commit the files are at, not the moved main");
        assertFalse(onBranch(f));
        assertEquals(" M src/other.txt\n", trackedChanges(f), "no landed file shows as deleted");
        assertTrue(r.checkoutNote().contains("was put back on main by hand during the pass"), r.checkoutNote());
    }

    @Test
    void aWorktreeOnMainWhoseFolderWasDeletedIsNotTakenForTheCheckoutOfMain() {
        WaveFixture f = submitted(tmp, "dimB", "src/b.txt", "B\n");
        f.git(f.repo, "checkout", "-q", "-b", "feature");
        Path gone = tmp.resolve("deleted-main-worktree");
        f.git(f.repo, "worktree", "add", "-q", gone.toString(), "main");
        f.git(f.repo, "worktree", "lock", gone.toString()); // kept registered however git prunes
        SafeFiles.deleteTree(gone);

        f.integrate("--wave", "45").expect(0);

        assertEquals("B\n", f.onMain("src/b.txt"));
    }

    @Test
    void aCommitMadeInTheCheckoutWhileMainMovesStaysOffMainAndTheNoteSaysWhere() {
        WaveFixture f = submitted(tmp, "dimB", "src/b.txt", "B\n");
        StepHook userCommits = step -> {
            if (step == Step.CHECKOUT_PREPARED) {
                f.git(f.repo, "commit", "-q", "--allow-empty", "-m", "user work");
            }
        };

        IntegrateResult r = new Integrator(workspace(f), userCommits).integrate(IntegrateRequest.of(new WaveId("45"),
                new AgentId("integrator")));

        String userWork = head(f);
        assertFalse(onBranch(f));
        assertEquals("user work", f.git(f.repo, "log", "-1", "--format=%s", userWork).strip());
        assertTrue(r.checkoutNote().contains("is detached at " + userWork.substring(0, 12))
                && r.checkoutNote().contains("checkout main"), r.checkoutNote());
        assertEquals("B\n", f.onMain("src/b.txt"));
    }

    @Test
    void aPassKilledBetweenUpdatingTheFilesAndPuttingHeadBackOnMainIsFinishedByTheNextPass() throws Exception {
        WaveFixture f = submitted(tmp, "dimB", "src/b.txt", "B\n");
        String base = f.mainHead();
        f.integrateKilledAt(Step.MAIN_MOVED, "45");
        f.git(f.repo, "read-tree", "-m", "-u", base, "main"); // the stopped pass's read-tree, its reattach not done

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertOnMainUpToDate(f, r.err());
        assertFalse(r.err().contains("main checkout"), r.err());
    }

    @Test
    void aCheckoutChangedAfterAStoppedPassStaysDetachedWhereItsFilesAreAndTheNoteSaysSo() throws Exception {
        WaveFixture f = submitted(tmp, "dimB", "src/b.txt", "B\n");
        String base = f.mainHead();
        f.integrateKilledAt(Step.MAIN_MOVED, "45");
        f.write(f.repo, "src/other.txt", "edited after the stop\n");

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertTrue(r.err().contains("has changed since") && r.err().contains("checkout main"), r.err());
        assertEquals(base, head(f));
        assertFalse(onBranch(f));
        assertEquals(" M src/other.txt\n", trackedChanges(f));
        assertFalse(Files.exists(f.repo.resolve(JOURNAL)));
    }

    @Test
    void aPassOfAnotherWaveFirstFinishesTheCheckoutUpdateAStoppedPassLeft() throws Exception {
        WaveFixture f = submitted(tmp, "dimB", "src/b.txt", "B\n");
        f.integrateKilledAt(Step.MAIN_MOVED, "45"); // main moved; the clean checkout's files are still at the base
        f.submitted("46", "dimW", "src/w.txt", "W\n");

        CliRun r = f.integrate("--wave", "46").expect(0);

        assertOnMainUpToDate(f, r.err());
        assertEquals("B\n", f.read(f.repo, "src/b.txt"));
        assertEquals("W\n", f.read(f.repo, "src/w.txt"));
    }

    @Test
    void aDirtyCheckoutWhoseMainMovesRightAfterTheDetachStaysWithItsFilesAndTheErrorSaysHowToCatchUp() {
        WaveFixture f = dirtyCheckout(tmp);
        String base = f.mainHead();
        String someoneElse = f.git(f.repo, "commit-tree", base + "^{tree}", "-p", base, "-m", "someone else").strip();
        StepHook moveMain = step -> {
            if (step == Step.CHECKOUT_PREPARED) {
                f.git(f.repo, "update-ref", "refs/heads/main", someoneElse, base);
            }
        };

        LaneException e = assertThrows(LaneException.class, () -> new Integrator(workspace(f), moveMain)
                .integrate(IntegrateRequest.of(new WaveId("45"), new AgentId("integrator"))));

        assertEquals(ExitCode.CONTENTION, e.exitCode());
        assertTrue(e.getMessage().contains("main moved while the pass ran") && e.getMessage().contains("stays "
                + "detached at " + base.substring(0, 12)) && e.getMessage().contains("checkout main"), e.getMessage());
        assertEquals(someoneElse, f.mainHead());
        assertEquals(base, head(f), "HEAD stays where the files are, not on a main they do not match");
        assertFalse(onBranch(f));
        assertEquals(" M src/other.txt\n", trackedChanges(f));
        assertFalse(Files.exists(f.repo.resolve(JOURNAL)));
    }

    @Test
    void aPassKilledAfterDetachingADirtyCheckoutBeforeMainMovedLetsTheNextPassPutItBackOnMain() throws Exception {
        WaveFixture f = dirtyCheckout(tmp);
        String base = f.mainHead();

        f.integrateKilledAt(Step.CHECKOUT_PREPARED, "45");

        assertEquals(base, f.mainHead(), "main did not move");
        assertFalse(onBranch(f), "HEAD was detached at main's head");
        f.integrate("--wave", "45", "--dry-run").expect(0);
        assertFalse(onBranch(f), "a dry run changes nothing");
        f.git(f.repo, "checkout", "--", "src/other.txt"); // the user drops their change: the checkout is clean

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertOnMainUpToDate(f, r.err());
        assertEquals("B\n", f.read(f.repo, "src/b.txt"), "back on main, the clean checkout followed it");
    }

    private static Workspace workspace(WaveFixture f) {
        MainRepository repo = MainRepository.locate(f.repo);
        return new Workspace(repo, ConfigLoader.load(repo.workTree()), Clock.systemUTC());
    }
}
