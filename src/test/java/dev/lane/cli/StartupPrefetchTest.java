package dev.lane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import dev.lane.support.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace of the current folder is read on a second thread while the command line is parsed: what a user
 * sees must be exactly what they would see without that (errors included, and only for the repository they act on).
 */
class StartupPrefetchTest {

    @Test
    void aBrokenLanesYmlInTheCurrentRepositoryIsReportedWithItsLineAndExit2(@TempDir Path temp) {
        TestRepo repo = TestRepo.create(temp.resolve("a"));
        repo.writeConfig("inbox: one\ninbox: two\n");
        CliRun r = repo.lane("status", "--wave", "45");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("lane: lanes.yml line 2: key 'inbox' is given twice\n", r.err());
    }

    @Test
    void withRepoTheCurrentFoldersBrokenConfigIsNotReported(@TempDir Path temp) {
        TestRepo here = TestRepo.create(temp.resolve("here"));
        here.writeConfig("inbox: one\ninbox: two\n");
        TestRepo there = TestRepo.create(temp.resolve("there"));
        CliRun r = CliRun.run(here.root(), "--repo", there.root().toString(), "claim", "--wave", "45", "--lane", "dimA");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Files.isDirectory(there.claimDir("45", "dimA")), "the claim lands in the repository named");
        assertTrue(!Files.exists(here.inbox()), "nothing is written in the current folder's repository");
    }

    @Test
    void helpOutsideAnyRepositoryPrintsHelpAndNoErrorAboutTheMissingRepository(@TempDir Path temp) {
        CliRun r = CliRun.run(temp, "claim", "--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("Usage: lane claim"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void integrateOfAnotherRepositoryWithRepoLandsThere(@TempDir Path temp) throws Exception {
        TestRepo here = TestRepo.create(temp.resolve("here"));
        dev.lane.support.Git.ok(here.root(), "commit", "-q", "--allow-empty", "-m", "here moves on");
        String hereBefore = here.mainHead();
        TestRepo there = TestRepo.create(temp.resolve("there"));
        assertEquals(0, there.lane("claim", "--wave", "45", "--lane", "dimA").exitCode());
        Path wt = there.worktree("45", "dimA");
        Files.writeString(wt.resolve("src/lane.py"), "print('lane')\n");
        assertEquals(0, there.laneIn(wt, "submit", "-m", "lane work").exitCode());
        String thereBefore = there.mainHead();

        CliRun r = CliRun.run(here.root(), "--repo", there.root().toString(), "integrate", "--wave", "45");

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(thereBefore, dev.lane.support.Git.ok(there.root(), "rev-parse", "main^").strip(),
                "the lane lands on the named repository's main");
        assertEquals("print('lane')\n", there.onMain("src/lane.py"));
        assertEquals(hereBefore, here.mainHead(), "the current folder's repository is not touched");
        assertTrue(!Files.exists(here.inbox()), "nothing is written in the current folder's repository");
    }

    @Test
    void aClaimWithRepoBranchesFromThatRepositorysMainNotFromTheCurrentOnes(@TempDir Path temp) throws Exception {
        TestRepo here = TestRepo.create(temp.resolve("here"));
        TestRepo there = TestRepo.create(temp.resolve("there"));
        dev.lane.support.Git.ok(here.root(), "commit", "-q", "--allow-empty", "-m", "here moves on");
        String thereHead = there.mainHead();

        CliRun r = CliRun.run(here.root(), "--repo", there.root().toString(), "--json", "claim", "--wave", "45",
                "--lane", "dimA");

        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"base\" : \"" + thereHead + "\""), r.out());
        assertEquals(thereHead, dev.lane.support.Git.ok(there.worktree("45", "dimA"), "rev-parse", "HEAD").strip());
        assertTrue(!Files.exists(here.inbox()), "nothing is written in the current folder's repository");
    }
}
