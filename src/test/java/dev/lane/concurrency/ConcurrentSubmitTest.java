package dev.lane.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import dev.lane.support.JvmProcess;
import dev.lane.support.StartGate;
import dev.lane.support.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submits of one lane made by separate JVMs released at the same instant through a {@link StartGate}: the lane's
 * work lock lets one run at a time, and a submit that finds the lane busy is told so (exit 3, retryable), never
 * git's {@code index.lock} as an internal error.
 */
class ConcurrentSubmitTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path temp;

    @Test
    void sixSubmitsOfOneLaneAtOnceEachSucceedOrExit3NamingTheBusyLaneAndNoneFails() throws IOException {
        TestRepo repo = TestRepo.create(temp);
        repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "agent-a").expect(0);
        Path worktree = repo.worktree("45", "dimA");
        Files.writeString(worktree.resolve("src/work.py"), "print('work')\n");
        String base = Git.ok(worktree, "rev-parse", "HEAD").strip();

        int n = 6;
        List<JvmProcess> children = new ArrayList<>();
        List<JvmProcess.Result> results;
        try (StartGate gate = StartGate.closed(temp.resolve("gate"))) {
            for (int i = 0; i < n; i++) {
                children.add(JvmProcess.lane("submit", "-m", "work " + i).name("submit-" + i).in(worktree)
                        .gate(gate).logs(temp.resolve("logs")).start());
            }
            gate.awaitArrivals(n, children, TIMEOUT);
            gate.open();
            results = JvmProcess.awaitAll(children, TIMEOUT);
        } finally {
            JvmProcess.killAll(children);
        }

        String all = results.stream().map(JvmProcess.Result::toString).collect(Collectors.joining("\n"));
        long succeeded = results.stream().filter(r -> r.exitCode() == 0).count();
        assertTrue(succeeded >= 1, () -> "at least one submit succeeds:\n" + all);
        for (JvmProcess.Result r : results) {
            assertTrue(r.exitCode() == 0 || r.exitCode() == 3, () -> "every submit exits 0 or 3, never 1:\n" + all);
            if (r.exitCode() == 3) {
                assertTrue(r.err().contains("lane dimA of wave 45 is busy: another submit, sync or release of it is "
                        + "running")
                        && r.err().contains("submit by agent agent-a, pid "),
                        () -> "a busy submit names the lane and what holds it:\n" + r);
                assertTrue(!r.err().contains("index.lock"), () -> r.toString());
            }
        }

        assertEquals("", Git.ok(worktree, "status", "--porcelain"), "the work is committed, nothing left over");
        String log = Git.ok(worktree, "log", "--format=%s", base + "..HEAD");
        assertEquals(1, log.lines().count(), () -> "the work is committed exactly once:\n" + log);
        long recorded = LedgerReader.read(repo.ledger("45")).stream()
                .filter(r -> r.entry().event() == LedgerEvent.SUBMITTED
                        || r.entry().event() == LedgerEvent.RESUBMITTED).count();
        assertEquals(succeeded, recorded, () -> "one ledger entry per successful submit:\n" + all);
        assertTrue(Files.readString(repo.claimDir("45", "dimA").resolve("submission.json"))
                .contains("\"sequence\" : " + succeeded), "the submission counts every successful submit");
        CliRun verify = repo.lane("ledger", "--verify", "--wave", "45").expect(0);
        assertTrue(verify.out().contains("intact"), verify::toString);
    }
}
