package dev.lane.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.integrate.WaveFixture;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import dev.lane.support.JvmProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lane on a developer's machine, whose git is configured: hooks, commit signing, merge settings and git's
 * repository-selecting environment variables must not change what lane's own git commands do (docs/config.md, "Your
 * git configuration"). Each test sets the user's setting in the repository's own config (surefire switches the
 * machine's global config off) or in a child's environment.
 */
class UserGitConfigTest {
    @TempDir
    Path tmp;

    /** A hooks folder holding {@code hook}, which prints a line and fails, set as the repository's core.hooksPath. */
    private void failingHook(WaveFixture f, String hook) throws IOException {
        Path hooks = Files.createDirectories(tmp.resolve("hooks"));
        Path script = hooks.resolve(hook);
        Files.writeString(script, "#!/bin/sh\necho \"" + hook + " hook says no\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        f.git(f.repo, "config", "core.hooksPath", hooks.toString());
    }

    @Test
    void aFailingPostCheckoutHookDoesNotFailTheClaim() throws IOException {
        WaveFixture f = WaveFixture.create(tmp);
        failingHook(f, "post-checkout");

        CliRun r = f.lane(f.repo, "claim", "--wave", "45", "--lane", "dimA").expect(0);

        Path worktree = Path.of(r.out().strip());
        assertEquals(WaveFixture.APP, f.read(worktree, "src/app.txt"));
        assertEquals("lane/45/dimA", f.git(worktree, "symbolic-ref", "--short", "HEAD").strip());
    }

    @Test
    void aReferenceTransactionHookThatRefusesTheLaneBranchIsARefusalNamingTheHookAndLeavesNoClaim() throws IOException {
        WaveFixture f = WaveFixture.create(tmp);
        failingHook(f, "reference-transaction");

        CliRun r = f.lane(f.repo, "claim", "--wave", "45", "--lane", "dimA").expect(5);

        assertTrue(r.err().contains("git refused to create branch lane/45/dimA"), r.err());
        assertTrue(r.err().contains("reference-transaction hook says no"), "git's own words: " + r.err());
        assertTrue(r.err().contains(tmp.resolve("hooks").resolve("reference-transaction").toString()), r.err());
        assertFalse(r.err().contains("please report"), r.err());
        assertFalse(Files.exists(f.repo.resolve("tools/offline/_inbox/45/dimA")), "no claim is left");
        assertEquals("", f.git(f.repo, "branch", "--list", "lane/45/dimA").strip(), "no branch is left");
    }

    @Test
    void submitCommitsTheWorkWhenCommitSigningIsOnButNoKeyWorks() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.git(f.repo, "config", "commit.gpgSign", "true");
        f.git(f.repo, "config", "gpg.program", "false");
        f.write(a, "src/a.txt", "A\n");
        f.write(a, WaveFixture.MANIFEST, f.read(a, WaveFixture.MANIFEST) + "253_a.sql\n");
        f.write(a, "scripts/migrations/253_a.sql", "-- 253\n");

        CliRun r = f.lane(a, "submit", "-m", "A's work").expect(0);

        assertTrue(r.out().contains("manifest +1 (253_a.sql)"), r.out());
        assertEquals("", f.git(a, "status", "--porcelain"), "everything was committed");
        assertEquals("A\n", f.git(a, "show", "HEAD:src/a.txt"));
    }

    @Test
    void submitWithAMessageIsRefusedQuotingGitWhenGitWillNotStageAFileAndChangesNothing() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.git(f.repo, "config", "core.autocrlf", "true");
        f.git(f.repo, "config", "core.safecrlf", "true");
        f.write(a, "src/a.txt", "A\n"); // git would check it out with CRLF: safecrlf refuses to stage it
        String before = f.git(a, "status", "--porcelain");

        CliRun r = f.lane(a, "submit", "-m", "A's work").expect(5);

        assertTrue(r.err().contains("LF would be replaced by CRLF"), "git's own words: " + r.err());
        assertFalse(r.err().contains("please report"), r.err());
        assertEquals(before, f.git(a, "status", "--porcelain"), "nothing staged or committed");
        assertFalse(Files.exists(f.repo.resolve("tools/offline/_inbox/45/dimA/submission.json")));
    }

    @Test
    void syncMergesMainWhenGitIsToldToOnlyFastForward() {
        WaveFixture f = WaveFixture.create(tmp);
        Path b = f.claim("45", "dimB");
        f.write(b, "src/b.txt", "B\n");
        f.submit(b);
        f.commitOnMain("src/other.txt", "moved\n", "main moves");
        f.git(f.repo, "config", "merge.ff", "only");

        CliRun r = f.lane(b, "sync").expect(0);

        assertTrue(r.out().contains("merged main"), r.out());
        assertEquals("moved\n", f.read(b, "src/other.txt"));
        assertEquals("B\n", f.read(b, "src/b.txt"));
    }

    @Test
    void aFailingPreMergeCommitHookNeitherStopsSyncNorLeavesAMergeInProgress() throws IOException {
        WaveFixture f = WaveFixture.create(tmp);
        Path b = f.claim("45", "dimB");
        f.write(b, "src/b.txt", "B\n");
        f.submit(b);
        f.commitOnMain("src/other.txt", "moved\n", "main moves");
        failingHook(f, "pre-merge-commit");

        f.lane(b, "sync").expect(0);

        f.git(b, "merge-base", "--is-ancestor", "refs/heads/main", "HEAD");
        assertFalse(Git.run(b, "rev-parse", "-q", "--verify", "MERGE_HEAD").ok(), "no merge is left in progress");
        assertEquals("", f.git(b, "status", "--porcelain"));
    }

    @Test
    void aClaimRunWithGitDirExportedForAnotherRepositoryMakesItsBranchAndWorktreeInThisOne() {
        WaveFixture f = WaveFixture.create(tmp);
        Path other = tmp.resolve("other");
        Git.ok(tmp, "init", "-q", "-b", "main", other.toString());
        Git.ok(other, "commit", "-q", "--allow-empty", "-m", "another project");

        JvmProcess.Result r = JvmProcess.lane("claim", "--wave", "45", "--lane", "dimA").in(f.repo)
                .env("GIT_DIR", other.resolve(".git").toString()).logs(tmp.resolve("logs")).start()
                .await(Duration.ofMinutes(2));

        assertEquals(0, r.exitCode(), r.toString());
        Path worktree = Path.of(r.out().strip());
        assertEquals(WaveFixture.APP, f.read(worktree, "src/app.txt"));
        assertTrue(f.git(f.repo, "worktree", "list").contains(worktree.toString()), "the worktree is this repo's");
        assertEquals("", Git.ok(other, "for-each-ref", "refs/heads/lane"), "no lane branch in the other repo");
        assertFalse(Git.ok(other, "worktree", "list").contains(worktree.toString()));
    }

    @Test
    void syncMovesAnEditOfAWorkflowWithANonAsciiNameIntoIntentsWithGitsDefaultPathQuoting() {
        String workflow = ".github/workflows/récolte.yml";
        String base = "name: harvest\non:\n  workflow_dispatch:\njobs:\n  a:\n    runs-on: ubuntu-latest\n";
        WaveFixture f = WaveFixture.create(tmp);
        f.commitOnMain(workflow, base, "a workflow whose name git quotes (core.quotePath is true by default)");
        Path b = f.claim("45", "dimB");
        f.write(b, workflow, base.replace("ubuntu-latest", "ubuntu-24.04"));
        f.git(b, "commit", "-qam", "dimB pins the runner");
        f.commitOnMain(workflow, base.replace("ubuntu-latest", "ubuntu-22.04"), "main pins it otherwise");

        CliRun r = f.lane(b, "sync").expect(0);

        assertEquals("", f.git(b, "status", "--porcelain"), "no textual conflict on the workflow: " + r);
        assertEquals(f.onMain(workflow), f.read(b, workflow), "the lane's edit lives in its intents");
        assertTrue(f.read(f.repo, "tools/offline/_inbox/45/dimB/intents.json").contains("ubuntu-24.04"));
    }
}
