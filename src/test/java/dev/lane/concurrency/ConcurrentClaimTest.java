package dev.lane.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.ledger.LedgerReader.Recorded;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims made by separate JVMs released at the same instant through a {@link StartGate}: the atomic mkdir decides
 * one lane, and claims of different lanes never get in each other's way (no race on {@code .git/config.lock}).
 */
class ConcurrentClaimTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path temp;

    @Test
    void twelveProcessesRacingForOneLaneGiveExactlyOneWinnerAndElevenContentionExitsNamingIt() throws IOException {
        TestRepo repo = TestRepo.create(temp);
        int n = 12;
        List<JvmProcess.Result> results = raceAll(IntStream.range(0, n).mapToObj(i ->
                JvmProcess.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "agent-" + i)
                        .name("claim-" + i).in(repo.root())).toList());

        List<JvmProcess.Result> winners = results.stream().filter(r -> r.exitCode() == 0).toList();
        assertEquals(1, winners.size(), () -> "exactly one claimant must win:\n" + all(results));
        JvmProcess.Result winner = winners.get(0);
        String winnerAgent = "agent-" + winner.name().substring("claim-".length());
        Path worktree = repo.worktree("45", "dimA");
        assertEquals(worktree.toString(), winner.out().strip(), "the winner prints its worktree");
        for (JvmProcess.Result r : results) {
            if (r == winner) {
                continue;
            }
            assertEquals(3, r.exitCode(), () -> "every loser exits 3 (contention):\n" + r);
            assertTrue(r.err().contains("held by agent " + winnerAgent + " since "),
                    () -> "a loser is told who holds the lane and since when:\n" + r);
            assertEquals("", r.out(), () -> "a loser prints nothing on stdout:\n" + r);
        }

        assertEquals(List.of(repo.root().toRealPath(), worktree.toRealPath()), realPaths(repo.worktrees()),
                "exactly one worktree besides the main checkout");
        assertEquals(List.of("lane/45/dimA", "main"), repo.branches(), "exactly one lane branch");
        List<Recorded> claimed = claimedEntries(repo, "45");
        assertEquals(1, claimed.size(), () -> "exactly one claimed ledger entry: " + claimed);
        assertEquals(winnerAgent, claimed.get(0).entry().agent());
        assertEquals(Set.of("AGENT_LEDGER.md", "dimA"), names(repo.waveDir("45")).stream()
                        .filter(name -> !name.endsWith(".lock")).collect(Collectors.toSet()),
                "nothing but the claim, the ledger and lock files is left in the wave folder");
        assertEquals(Set.of("claim.json"), names(repo.claimDir("45", "dimA")));
        assertTrue(Files.readString(repo.claimDir("45", "dimA").resolve("claim.json")).contains(winnerAgent));
    }

    @Test
    void thirtyTwoProcessesClaimingThirtyTwoLanesAtOnceAllSucceed() throws IOException {
        TestRepo repo = TestRepo.create(temp);
        int n = 32;
        List<String> lanes = IntStream.range(0, n).mapToObj(i -> "lane" + i).toList();
        List<JvmProcess.Result> results = raceAll(lanes.stream().map(l ->
                JvmProcess.lane("claim", "--wave", "46", "--lane", l, "--agent", "agent-" + l)
                        .name("claim-" + l).in(repo.root())).toList());

        List<JvmProcess.Result> failures = results.stream().filter(r -> r.exitCode() != 0).toList();
        assertEquals(List.of(), failures, () -> "0 failures expected, got " + failures.size() + ":\n" + all(failures));

        List<Path> expected = new ArrayList<>(List.of(repo.root().toRealPath()));
        for (String l : lanes) {
            expected.add(repo.worktree("46", l).toRealPath());
        }
        List<Path> listed = realPaths(repo.worktrees());
        assertEquals(n + 1, listed.size(), () -> "git worktree list shows 32 worktrees + main: " + listed);
        assertEquals(new TreeSet<>(expected), new TreeSet<>(listed));

        List<String> branches = repo.branches();
        assertEquals(n + 1, branches.size(), () -> "32 lane branches + main: " + branches);
        Set<String> laneBranches = branches.stream().filter(b -> b.startsWith("lane/")).collect(Collectors.toSet());
        assertEquals(lanes.stream().map(l -> "lane/46/" + l).collect(Collectors.toSet()), laneBranches);

        String main = repo.mainHead();
        for (String l : lanes) {
            Path wt = repo.worktree("46", l);
            assertEquals(main, Git.ok(wt, "rev-parse", "HEAD").strip(), "each worktree starts at main's head");
            assertEquals("", Git.ok(wt, "status", "--porcelain"), "each worktree is a clean checkout");
        }
        assertEquals("", Git.run(repo.root(), "config", "--get-regexp", "^branch\\.lane/").out(),
                "claims write no tracking config (the .git/config.lock race)");

        List<Recorded> claimed = claimedEntries(repo, "46");
        assertEquals(n, claimed.size(), "32 claimed ledger entries");
        Set<String> claimedLanes = claimed.stream().map(r -> r.entry().lane()).collect(Collectors.toSet());
        assertEquals(Set.copyOf(lanes), claimedLanes);

        CliRun verify = repo.lane("ledger", "--verify", "--wave", "46");
        assertEquals(0, verify.exitCode(), verify::toString);
        assertTrue(verify.out().contains("intact, 32 entries"), verify::toString);
    }

    /** Starts every child behind one gate, opens it when all have arrived, and collects the results. */
    private List<JvmProcess.Result> raceAll(List<JvmProcess.Builder> builders) {
        List<JvmProcess> children = new ArrayList<>();
        try (StartGate gate = StartGate.closed(temp.resolve("gate"))) {
            for (JvmProcess.Builder b : builders) {
                children.add(b.gate(gate).logs(temp.resolve("logs")).start());
            }
            gate.awaitArrivals(children.size(), children, TIMEOUT);
            gate.open();
            return JvmProcess.awaitAll(children, TIMEOUT);
        } finally {
            JvmProcess.killAll(children);
        }
    }

    static List<Recorded> claimedEntries(TestRepo repo, String wave) {
        return LedgerReader.read(repo.ledger(wave)).stream()
                .filter(r -> r.entry().event() == LedgerEvent.CLAIMED).toList();
    }

    static List<Path> realPaths(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(p.toRealPath());
        }
        return out;
    }

    static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String all(List<JvmProcess.Result> results) {
        return results.stream().map(JvmProcess.Result::toString).collect(Collectors.joining("\n"));
    }
}
