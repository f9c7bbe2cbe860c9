package dev.lane.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.ledger.LedgerReader;
import dev.lane.ledger.LedgerReader.Verification;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import dev.lane.support.JvmProcess;
import dev.lane.support.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code lane sync} killed with kill -9 at each step (stopped at a {@code LANE_CRASH_AT} point, then SIGKILLed),
 * then run again: the lane contains main, its committed shared-file edits are in its intents once, its branch carries
 * none of them, and the submit that follows lands them.
 */
class SyncCrashTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{1} killed at {0}")
    @CsvSource({"shared-edits-after-intents,merge", "sync-after-move,merge", "sync-after-merge,merge",
            "sync-after-merge,rebase"})
    void aSyncKilledAtAnyStepIsFinishedBySyncingAgain(String point, String mode) throws Exception {
        TestRepo repo = TestRepo.create(temp);
        repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1").expect(0);
        Path wt = repo.worktree("45", "dimA");
        TestRepo.write(wt, TestRepo.MANIFEST, TestRepo.read(wt, TestRepo.MANIFEST) + "252_law_jorei_pref.sql\n");
        TestRepo.write(wt, "scripts/migrations/252_law_jorei_pref.sql", "create table law(x int);\n");
        TestRepo.write(wt, "src/law.py", "LAW = 1\n");
        Git.ok(wt, "add", "-A");
        Git.ok(wt, "-c", "user.name=x", "-c", "user.email=x@y", "commit", "-q", "-m", "laws");
        repo.write("src/app.py", "print('main moved')\n");
        repo.git("-c", "user.name=x", "-c", "user.email=x@y", "commit", "-q", "-am", "main moves");
        String main = repo.mainHead();
        String[] sync = mode.equals("rebase") ? new String[] {"sync", "--rebase"} : new String[] {"sync"};

        JvmProcess crasher = JvmProcess.lane(sync).in(wt).logs(temp.resolve("logs"))
                .name("crasher").killedAt(point);

        CliRun again = repo.laneIn(wt, sync).expect(0);
        assertTrue(Git.run(wt, "merge-base", "--is-ancestor", main, "HEAD").ok(), "the lane contains main: " + again);
        assertEquals("", Git.ok(wt, "status", "--porcelain"), again::toString);
        assertEquals("", Git.ok(wt, "diff", "--name-only", main, "HEAD", "--", TestRepo.MANIFEST),
                "the branch carries no shared-file edit");

        CliRun submit = repo.laneIn(wt, "submit", "--json").expect(0);
        JsonNode doc = new ObjectMapper().readTree(submit.out());
        assertEquals(List.of("252_law_jorei_pref.sql"),
                new ObjectMapper().convertValue(doc.get("intents").get("manifest"), List.class));
        assertTrue(LedgerReader.verify(repo.ledger("45")) instanceof Verification.Intact);

        repo.lane("integrate", "--wave", "45").expect(0);
        assertTrue(repo.onMain(TestRepo.MANIFEST).endsWith("075_am_amendment_diff.sql\n252_law_jorei_pref.sql\n"),
                repo.onMain(TestRepo.MANIFEST));
        assertEquals("print('main moved')\n", repo.onMain("src/app.py"));
        assertEquals("LAW = 1\n", repo.onMain("src/law.py"));
    }
}
