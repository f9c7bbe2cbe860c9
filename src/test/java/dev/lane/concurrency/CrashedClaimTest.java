package dev.lane.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.ledger.LedgerReader.Verification;
import dev.lane.support.CliRun;
import dev.lane.support.JvmProcess;
import dev.lane.support.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import dev.lane.support.StartGate;
import java.util.ArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claiming process killed with kill -9 part-way through its claim (stopped at a {@code LANE_CRASH_AT} point,
 * then SIGKILLed) leaves a half-made claim; the next claim of that lane takes it over and succeeds.
 */
class CrashedClaimTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"claim-after-mkdir", "claim-after-record", "claim-after-branch", "claim-after-worktree-add"})
    void aClaimantKilledMidClaimNeverBlocksTheLane(String point) throws Exception {
        TestRepo repo = TestRepo.create(temp);
        JvmProcess crasher = JvmProcess.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "crasher")
                .in(repo.root()).logs(temp.resolve("logs")).name("crasher").killedAt(point);
        assertTrue(Files.isDirectory(repo.claimDir("45", "dimA")), "the dead claimant left its claim folder");

        CliRun next = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "survivor");

        assertEquals(0, next.exitCode(), next::toString);
        Path worktree = repo.worktree("45", "dimA");
        assertEquals(worktree.toString(), next.out().strip());
        assertEquals(List.of(repo.root().toRealPath(), worktree.toRealPath()),
                ConcurrentClaimTest.realPaths(repo.worktrees()), "one worktree: the survivor's");
        assertEquals(List.of("lane/45/dimA", "main"), repo.branches());
        assertEquals(repo.mainHead(), dev.lane.support.Git.ok(worktree, "rev-parse", "HEAD").strip());
        String record = Files.readString(repo.claimDir("45", "dimA").resolve("claim.json"));
        assertTrue(record.contains("\"survivor\"") && record.contains("\"CLAIMED\""), record);
        assertFalse(ConcurrentClaimTest.names(repo.waveDir("45")).stream().anyMatch(n -> n.startsWith(".dead-")),
                "the dead claim's folder is cleaned up");

        var events = LedgerReader.read(repo.ledger("45")).stream().map(r -> r.entry().event()).toList();
        assertEquals(List.of(LedgerEvent.CLAIM_ROLLED_BACK, LedgerEvent.CLAIMED), events,
                "the ledger tells that a half-made claim was removed, then who claimed");
        assertEquals(new Verification.Intact(2), LedgerReader.verify(repo.ledger("45")));

        CliRun again = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "third");
        assertEquals(3, again.exitCode(), "the survivor's live claim is not taken over: " + again);
        assertTrue(again.err().contains("held by agent survivor"), again::toString);
    }

    @Test
    void eightProcessesRacingToTakeOverADeadHalfMadeClaimGiveExactlyOneWinner() throws Exception {
        TestRepo repo = TestRepo.create(temp);
        JvmProcess crasher = JvmProcess.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "crasher")
                .in(repo.root()).logs(temp.resolve("logs"))
                .name("crasher").killedAt("claim-after-worktree-add");

        int n = 8;
        List<JvmProcess> racers = new ArrayList<>();
        List<JvmProcess.Result> results;
        try (StartGate gate = StartGate.closed(temp.resolve("gate"))) {
            for (int i : IntStream.range(0, n).toArray()) {
                racers.add(JvmProcess.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "racer-" + i)
                        .in(repo.root()).name("racer-" + i).logs(temp.resolve("logs")).gate(gate).start());
            }
            gate.awaitArrivals(n, racers, Duration.ofMinutes(2));
            gate.open();
            results = JvmProcess.awaitAll(racers, Duration.ofMinutes(2));
        } finally {
            JvmProcess.killAll(racers);
        }

        List<JvmProcess.Result> winners = results.stream().filter(r -> r.exitCode() == 0).toList();
        assertEquals(1, winners.size(), () -> "exactly one racer takes the dead claim over: " + results);
        String winner = winners.get(0).name();
        for (JvmProcess.Result r : results) {
            if (r != winners.get(0)) {
                assertEquals(3, r.exitCode(), r::toString);
                assertTrue(r.err().contains("held by agent " + winner), r::toString);
            }
        }
        assertEquals(2, repo.worktrees().size(), "one worktree: the winner's");
        assertEquals(List.of("lane/45/dimA", "main"), repo.branches());
        var events = LedgerReader.read(repo.ledger("45")).stream().map(r -> r.entry().event()).toList();
        assertEquals(List.of(LedgerEvent.CLAIM_ROLLED_BACK, LedgerEvent.CLAIMED), events);
    }
}
