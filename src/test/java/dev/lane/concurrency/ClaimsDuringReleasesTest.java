package dev.lane.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lane.ledger.LedgerReader.Verification;
import dev.lane.ledger.LedgerReader;
import dev.lane.support.CliRun;
import dev.lane.support.JvmProcess;
import dev.lane.support.StartGate;
import dev.lane.support.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases prune git's worktree list while other processes add to it: lane serialises its own worktree changes, so
 * neither side breaks the other.
 */
class ClaimsDuringReleasesTest {
    @TempDir
    Path temp;

    @Test
    void eightReleasesAndEightClaimsOfOtherLanesAtOnceAllSucceed() throws Exception {
        TestRepo repo = TestRepo.create(temp);
        int n = 8;
        for (int i = 0; i < n; i++) {
            CliRun claim = repo.lane("claim", "--wave", "48", "--lane", "old" + i, "--agent", "a" + i);
            assertEquals(0, claim.exitCode(), claim::toString);
        }

        List<JvmProcess> children = new ArrayList<>();
        List<JvmProcess.Result> results;
        try (StartGate gate = StartGate.closed(temp.resolve("gate"))) {
            for (int i = 0; i < n; i++) {
                children.add(JvmProcess.lane("release", "--wave", "48", "--lane", "old" + i, "--agent", "a" + i)
                        .in(repo.root()).name("release-old" + i).logs(temp.resolve("logs")).gate(gate).start());
                children.add(JvmProcess.lane("claim", "--wave", "48", "--lane", "new" + i, "--agent", "b" + i)
                        .in(repo.root()).name("claim-new" + i).logs(temp.resolve("logs")).gate(gate).start());
            }
            gate.awaitArrivals(children.size(), children, Duration.ofMinutes(2));
            gate.open();
            results = JvmProcess.awaitAll(children, Duration.ofMinutes(2));
        } finally {
            JvmProcess.killAll(children);
        }

        assertEquals(List.of(), results.stream().filter(r -> r.exitCode() != 0).toList(), "0 failures");
        Set<Path> expected = new TreeSet<>(List.of(repo.root().toRealPath()));
        for (int i = 0; i < n; i++) {
            expected.add(repo.worktree("48", "new" + i).toRealPath());
        }
        assertEquals(expected, new TreeSet<>(ConcurrentClaimTest.realPaths(repo.worktrees())),
                "exactly the new lanes' worktrees remain");
        assertEquals(n + 1, repo.branches().size(), () -> "the new lane branches + main: " + repo.branches());
        assertEquals(new Verification.Intact(3 * n), LedgerReader.verify(repo.ledger("48")));
    }
}
