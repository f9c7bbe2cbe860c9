package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReintegrateTest {
    @TempDir
    Path tmp;

    @Test
    void aParkedLaneThatSyncsAndResubmitsLandsOnTopAndOnlyNewIntentsAreApplied() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "src/app.txt", WaveFixture.APP.replace("line 3", "line 3 by A"));
        f.write(a, "scripts/migrations/260_a.sql", "-- 260\n");
        f.submit(a, "--bump", "minor");
        f.write(b, "src/app.txt", WaveFixture.APP.replace("line 3", "line 3 by B"));
        f.write(b, "scripts/migrations/261_b.sql", "-- 261\n");
        f.write(b, ".github/workflows/deploy.yml", WaveFixture.DEPLOY.replace("make deploy", "make deploy-safe"));
        f.submit(b, "--bump", "patch");
        f.integrate("--wave", "45").expect(4);
        String afterFirst = f.mainHead();
        assertTrue(f.onMain("pyproject.toml").contains("\"0.4.0\""));

        CliRun sync = f.lane(b, "sync").expect(4);
        assertTrue(sync.out().contains("src/app.txt"), sync.out());
        f.write(b, "src/app.txt", WaveFixture.APP.replace("line 3", "line 3 by A and B"));
        f.git(b, "add", "src/app.txt");
        f.git(b, "commit", "-q", "--no-edit");
        f.submit(b);
        f.write(a, "scripts/migrations/262_a2.sql", "-- 262\n");
        f.submit(a);

        CliRun second = f.integrate("--wave", "45").expect(0);

        List<String> subjects = f.firstParentSubjects();
        assertEquals("lane: shared files of wave 45 (2 lanes)", subjects.get(0), second.out());
        assertEquals(afterFirst, f.git(f.repo, "rev-parse", "refs/heads/main~3").strip(), "lands on top of pass 1");
        assertTrue(f.onMain("src/app.txt").contains("line 3 by A and B"));
        assertTrue(f.onMain(WaveFixture.MANIFEST).endsWith("252_law_jorei_pref.sql\n260_a.sql\n261_b.sql\n"
                + "262_a2.sql\n"), f.onMain(WaveFixture.MANIFEST));
        assertEquals(WaveFixture.PYPROJECT.replace("0.3.5", "0.4.0"), f.onMain("pyproject.toml"),
                "patch after minor in the same wave: no second bump");
        assertEquals(WaveFixture.DEPLOY.replace("make deploy", "make deploy-safe"),
                f.onMain(".github/workflows/deploy.yml"));
        String message = f.git(f.repo, "log", "-1", "--format=%B", "refs/heads/main");
        assertTrue(message.contains("Lane-Intents: 45/dimA@2") && message.contains("Lane-Intents: 45/dimB@2"),
                message);
        assertTrue(!message.contains("Lane-Bump") && !message.contains("260_a.sql"), message);
    }

    @Test
    void aLaterPassOfTheSameWaveBumpsAgainOnlyForAStrictlyHigherRequest() {
        WaveFixture f = WaveFixture.create(tmp);
        String[][] passes = {{"dimA", "minor", "0.4.0"}, {"dimB", "patch", "0.4.0"}, {"dimC", "0.4.0", "0.4.0"},
            {"dimD", "major", "1.0.0"}, {"dimE", "minor", "1.0.0"}};
        Map<String, Path> worktrees = new HashMap<>();
        for (String[] pass : passes) { // all from 0.3.5: an explicit 0.4.0 is a real request there, not a no-op
            worktrees.put(pass[0], f.claim("45", pass[0]));
        }
        for (String[] pass : passes) {
            Path wt = worktrees.get(pass[0]);
            f.write(wt, "src/" + pass[0] + ".txt", pass[0] + "\n");
            f.submit(wt, "--bump", pass[1]);
            f.integrate("--wave", "45").expect(0);
            assertTrue(f.onMain("pyproject.toml").contains("version = \"" + pass[2] + "\""),
                    pass[0] + " asks " + pass[1] + ": " + f.onMain("pyproject.toml"));
            assertTrue(f.onMain("server.json").contains("\"version\": \"" + pass[2] + "\""));
        }
        assertEquals(3, f.git(f.repo, "log", "--format=%s", "refs/heads/main", "--", "pyproject.toml").lines().count(),
                "initial, 0.4.0, 1.0.0");
    }

    @Test
    void anotherWaveBumpsFromWhereTheFirstWaveLeftTheVersion() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.write(a, "src/a.txt", "A\n");
        f.submit(a, "--bump", "minor");
        f.integrate("--wave", "45").expect(0);
        Path b = f.claim("46", "dimB");
        f.write(b, "src/b.txt", "B\n");
        f.submit(b, "--bump", "patch");

        f.integrate("--wave", "46").expect(0);

        assertTrue(f.onMain("pyproject.toml").contains("version = \"0.4.1\""), f.onMain("pyproject.toml"));
    }

    @Test
    void anUnreadableOutcomeFileShowsInStatusAndTheNextPassRewritesIt() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.write(a, "src/app.txt", WaveFixture.APP.replace("line 3", "line 3 by A"));
        f.submit(a);
        f.integrate("--wave", "45").expect(0);
        f.write(f.repo, "tools/offline/_inbox/45/dimA/outcome.json", ""); // emptied by hand, or a full disk

        CliRun status = f.lane(f.repo, "status", "--wave", "45").expect(0);
        assertTrue(status.out().contains("dimA") && status.out().contains("submitted")
                && status.out().contains("outcome.json is unreadable")
                && status.out().contains("lane integrate --wave 45 rewrites it"), status.out());

        String main = f.mainHead();
        f.integrate("--wave", "45").expect(0);
        assertEquals(main, f.mainHead(), "the lane is in main already: nothing lands twice");
        CliRun after = f.lane(f.repo, "status", "--wave", "45").expect(0);
        assertTrue(after.out().contains("already-integrated") && !after.out().contains("unreadable"), after.out());
    }
}
