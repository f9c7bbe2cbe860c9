package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import dev.lane.support.JvmProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --squash} keeps what a squash merge on a forge keeps: the squashed commit lists the subjects of the lane's
 * own commits (not lane's bookkeeping), is authored by the lane's work (other authors as Co-authored-by) and
 * committed by the integrator, and still carries the trailers re-integration reads back. The integrator's own
 * identity comes from git's environment variables before its config, as in git.
 */
class SquashedCommitTest {
    private static final String SUBJECT = "lane: integrate lane dimA of wave 45 (squashed)";

    @TempDir
    Path tmp;

    private static void commitAs(WaveFixture f, Path dir, String name, String message) {
        f.git(dir, "add", "-A");
        f.git(dir, "-c", "user.name=" + name, "-c", "user.email=" + name.toLowerCase() + "@example.org",
                "commit", "-qm", message);
    }

    /** A format of the latest commit of main's first-parent line whose subject is {@code subject}. */
    private static String squashed(WaveFixture f, String format) {
        return f.git(f.repo, "log", "-1", "--first-parent", "--fixed-strings", "--grep=" + SUBJECT,
                "--format=" + format, "main");
    }

    @Test
    void theReportOfASquashedPassSaysEachLaneWasSquashedNotMerged() {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", "src/a.txt", "A\n");

        String dry = f.integrate("--wave", "45", "--squash", "--dry-run").expect(0).out();
        String report = f.integrate("--wave", "45", "--squash").expect(0).out();

        String commit = squashed(f, "%h").strip();
        assertTrue(dry.contains("would land  would squash"), dry);
        assertTrue(report.contains("integrated  squashed as " + commit.substring(0, Math.min(12, commit.length()))),
                report);
        assertFalse(report.contains("merged as"), report);
    }

    @Test
    void theSquashedCommitListsTheLanesOwnSubjectsIsAuthoredByItsWorkAndKeepsItsTrailers() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.write(a, "src/a.txt", "A\n");
        commitAs(f, a, "Ada", "add feature A");
        f.write(a, "src/b.txt", "B\n");
        f.write(a, "server.json", WaveFixture.SERVER_JSON.replace("\"0.3.5\"", "\"0.3.6\""));
        commitAs(f, a, "Bob", "fix a typo and bump");
        f.lane(a, "submit").expect(0); // adds lane's bookkeeping commit: the version edit becomes an intent
        String head = f.git(a, "rev-parse", "HEAD").strip();

        f.integrate("--wave", "45", "--squash").expect(0);

        String body = squashed(f, "%B");
        assertTrue(body.contains("The lane's commits:\n* add feature A\n* fix a typo and bump\n"), body);
        assertFalse(body.contains("move shared-file edits"), "lane's bookkeeping commit is not the lane's work: "
                + body);
        assertEquals("Bob <bob@example.org> / integrator <integrator@lane.invalid>",
                squashed(f, "%an <%ae> / %cn <%ce>").strip());
        assertEquals("Ada <ada@example.org>", squashed(f, "%(trailers:key=Co-authored-by,valueonly)").strip());
        assertEquals("45", squashed(f, "%(trailers:key=Lane-Wave,valueonly)").strip());
        assertEquals("45/dimA@1", squashed(f, "%(trailers:key=Lane-Lane,valueonly)").strip());
        assertEquals("45/dimA " + head, squashed(f, "%(trailers:key=Lane-Squashed,valueonly)").strip());
    }

    @Test
    void aLaneSquashedAgainAfterMoreWorkListsOnlyItsNewCommitsAndLandsWithoutConflict() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.write(a, "src/app.txt", WaveFixture.APP.replace("line 2", "line 2 by A"));
        commitAs(f, a, "Ada", "first piece");
        f.lane(a, "submit").expect(0);
        f.integrate("--wave", "45", "--squash").expect(0);
        f.write(a, "src/app.txt", WaveFixture.APP.replace("line 2", "line 2 by A").replace("line 3", "line 3 by A"));
        commitAs(f, a, "Ada", "second piece");
        f.lane(a, "submit").expect(0);

        CliRun r = f.integrate("--wave", "45", "--squash").expect(0);

        String body = squashed(f, "%B");
        assertTrue(body.contains("The lane's commit:\n* second piece\n"), body);
        assertFalse(body.contains("first piece"), body);
        assertEquals(WaveFixture.APP.replace("line 2", "line 2 by A").replace("line 3", "line 3 by A"),
                f.onMain("src/app.txt"), r.out());
        assertTrue(f.integrate("--wave", "45", "--squash").expect(0).out().contains("already on main"),
                "the Lane-Squashed trailer is read back");
    }

    @Test
    void integrateCommitsTakeTheAuthorAndCommitterFromGitsEnvironmentVariables() {
        WaveFixture f = WaveFixture.create(tmp);
        f.git(f.repo, "config", "user.name", "Config Name");
        f.git(f.repo, "config", "user.email", "config@example.org");
        f.submitted("45", "dimA", "src/a.txt", "A\n");

        JvmProcess.Result r = JvmProcess.lane("integrate", "--wave", "45").in(f.repo).logs(tmp).name("integrate")
                .env("LANE_AGENT", "integrator").env("GIT_AUTHOR_NAME", "Env Author")
                .env("GIT_AUTHOR_EMAIL", "author@example.org").env("GIT_COMMITTER_NAME", "Env Committer")
                .env("GIT_COMMITTER_EMAIL", "committer@example.org").start().await(Duration.ofMinutes(2));

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("Env Author <author@example.org> / Env Committer <committer@example.org>",
                f.git(f.repo, "log", "-1", "--format=%an <%ae> / %cn <%ce>", "main").strip());
    }
}
