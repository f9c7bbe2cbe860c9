package dev.lane.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.ledger.LedgerReader.Verification;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import dev.lane.support.JvmProcess;
import dev.lane.support.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code lane submit} killed with kill -9 at each step of its protocol (stopped at a {@code LANE_CRASH_AT} point,
 * then SIGKILLed), then run again the same way: the lane ends submitted with its intents once, its branch free of
 * shared-file edits, and a ledger that logs every submission it holds and still verifies.
 */
class SubmitCrashTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"submit-after-commit", "shared-edits-after-intents", "submit-after-restore",
            "submit-after-submission"})
    void aSubmitKilledAtAnyStepIsFinishedBySubmittingAgain(String point) throws Exception {
        TestRepo repo = TestRepo.create(temp);
        repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1").expect(0);
        Path wt = repo.worktree("45", "dimA");
        String base = Git.ok(wt, "rev-parse", "HEAD").strip();
        TestRepo.write(wt, TestRepo.MANIFEST, TestRepo.read(wt, TestRepo.MANIFEST) + "252_law_jorei_pref.sql\n");
        TestRepo.write(wt, "scripts/migrations/252_law_jorei_pref.sql", "create table law(x int);\n");
        TestRepo.write(wt, "pyproject.toml", TestRepo.PYPROJECT.replace("0.3.5", "0.4.0"));
        TestRepo.write(wt, "src/law.py", "LAW = 1\n");

        JvmProcess crasher = JvmProcess.lane("submit", "-m", "laws").in(wt)
                .logs(temp.resolve("logs")).name("crasher").killedAt(point);

        CliRun again = repo.laneIn(wt, "submit", "--json", "-m", "laws").expect(0);

        JsonNode doc = new ObjectMapper().readTree(again.out());
        String head = Git.ok(wt, "rev-parse", "HEAD").strip();
        assertEquals(head, doc.get("head").asText());
        assertEquals(List.of("252_law_jorei_pref.sql"),
                new ObjectMapper().convertValue(doc.get("intents").get("manifest"), List.class));
        assertEquals("minor", doc.get("intents").get("bump").asText());
        assertEquals("", Git.ok(wt, "diff", "--name-only", base, head, "--", TestRepo.MANIFEST, "pyproject.toml"),
                "the lane's branch carries no shared-file edit");
        assertEquals("1", Git.ok(wt, "rev-list", "--count", "--grep=into intents", base + "..HEAD").strip(),
                "one commit moved the edits into intents");
        assertEquals("", Git.ok(wt, "status", "--porcelain"));
        assertTrue(Files.readString(repo.claimDir("45", "dimA").resolve("submission.json")).contains(head));

        List<LedgerEntry> submits = LedgerReader.read(repo.ledger("45")).stream().map(LedgerReader.Recorded::entry)
                .filter(e -> e.event() == LedgerEvent.SUBMITTED || e.event() == LedgerEvent.RESUBMITTED).toList();
        int sequence = doc.get("sequence").asInt();
        assertEquals(sequence, submits.size(), () -> "every submission the lane made is in the ledger: " + submits);
        assertEquals(LedgerEvent.SUBMITTED, submits.get(0).event(), () -> "the first is logged as such: " + submits);
        assertTrue(submits.get(submits.size() - 1).detail().startsWith("head " + head.substring(0, 12)),
                () -> submits.toString());
        assertTrue(LedgerReader.verify(repo.ledger("45")) instanceof Verification.Intact,
                () -> LedgerReader.verify(repo.ledger("45")).toString());
    }
}
