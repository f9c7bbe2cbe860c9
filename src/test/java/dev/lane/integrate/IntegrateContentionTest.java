package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.config.ConfigLoader;
import dev.lane.core.ExitCode;
import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.names.AgentId;
import dev.lane.names.WaveId;
import dev.lane.repo.MainRepository;
import dev.lane.support.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrateContentionTest {
    @TempDir
    Path tmp;

    private static Workspace workspace(WaveFixture f) {
        MainRepository repo = MainRepository.locate(f.repo);
        return new Workspace(repo, ConfigLoader.load(repo.workTree()), Clock.systemUTC());
    }

    private static WaveFixture twoSubmittedLanes(Path tmp) {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "scripts/migrations/260_vec_e5.sql", "-- 260\n");
        f.submit(a, "--bump", "minor");
        f.write(b, "src/b.txt", "B\n");
        f.submit(b);
        return f;
    }

    @Test
    void mainMovingWhileThePassRunsGivesContentionAndChangesNothing() {
        WaveFixture f = twoSubmittedLanes(tmp);
        StepHook someoneElseCommits = step -> {
            if (step == Step.COMMITS_WRITTEN) {
                f.git(f.repo, "commit", "-q", "--allow-empty", "-m", "someone else");
            }
        };

        LaneException e = assertThrows(LaneException.class, () -> new Integrator(workspace(f), someoneElseCommits)
                .integrate(IntegrateRequest.of(new WaveId("45"), new AgentId("integrator"))));

        assertEquals(ExitCode.CONTENTION, e.exitCode());
        assertTrue(e.getMessage().contains("main moved while the pass ran"), e.getMessage());
        assertEquals("someone else", f.firstParentSubjects().get(0));
        assertEquals("initial", f.firstParentSubjects().get(1));
        assertFalse(Files.exists(f.repo.resolve("tools/offline/_inbox/45/dimA/outcome.json")));
        assertTrue(f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md").contains("| integrate-aborted |"));
        assertFalse(Files.exists(f.repo.resolve("tools/offline/_inbox/45/.integrate-pass.json")),
                "a pass whose move lost leaves no pass record for the next pass to read");

        f.integrate("--wave", "45").expect(0);
        assertEquals("lane: shared files of wave 45 (1 lane)", f.firstParentSubjects().get(0), "a retry lands");
    }

    @Test
    void aSecondIntegrateOfTheWaveGetsExit3NamingTheHolder() throws Exception {
        WaveFixture f = twoSubmittedLanes(tmp);
        Workspace ws = workspace(f);
        String before = f.mainHead();
        try (IntegrateLock held = IntegrateLock.acquire(ws.inbox(), new WaveId("45"), "first-integrator",
                ws.clock().instant())) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.lane.cli.Main", "integrate", "--wave", "45")
                    .directory(f.repo.toFile());
            Process other = pb.start();
            other.getOutputStream().close();
            String err = new String(other.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(3, other.waitFor(), err);
            assertTrue(err.contains("wave 45 is busy: integrate by agent first-integrator, pid "
                    + ProcessHandle.current().pid()), err);

            CliRun sameJvm = f.integrate("--wave", "45").expect(3);
            assertTrue(sameJvm.err().contains("wave 45 is busy: integrate by agent first-integrator"), sameJvm.err());
        }
        assertEquals(before, f.mainHead());
        f.integrate("--wave", "45").expect(0);
    }

    @Test
    void aDryRunPrintsThePlanAndMovesAndRecordsNothing() {
        WaveFixture f = twoSubmittedLanes(tmp);
        String before = f.mainHead();
        String ledgerBefore = f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md");

        CliRun r = f.integrate("--wave", "45", "--dry-run").expect(0);

        assertTrue(r.out().startsWith("DRY RUN, nothing moved. Wave 45: 2 would land, 0 would be parked"), r.out());
        assertTrue(r.out().contains("dimA  agent-dimA  would land  would merge"), "the plan never says it landed: " + r.out());
        // no commit ids: the real pass writes commits of its own, so a preview id would name one main never gets
        assertTrue(r.out().lines().findFirst().orElseThrow().endsWith("; main " + before.substring(0, 12) + " would move"),
                r.out());
        assertFalse(r.out().contains("would merge as"), r.out());
        assertTrue(r.out().contains("version:   0.3.5 -> 0.4.0"), r.out());
        assertEquals(before, f.mainHead());
        assertEquals(ledgerBefore, f.read(f.repo, "tools/offline/_inbox/45/AGENT_LEDGER.md"));
        assertFalse(Files.exists(f.repo.resolve("tools/offline/_inbox/45/dimA/outcome.json")));
        assertEquals("", f.git(f.repo, "status", "--porcelain", "--untracked-files=no"));
    }

    @Test
    void orderOverridesClaimOrderAndAnUnknownLaneInItIsAUsageErrorThatChangesNothing() {
        WaveFixture f = twoSubmittedLanes(tmp);
        String before = f.mainHead();

        CliRun bad = f.integrate("--wave", "45", "--order", "dimB,dimZ").expect(2);
        assertTrue(bad.err().contains("--order names lane dimZ, which is not claimed in wave 45"), bad.err());
        assertEquals(before, f.mainHead());

        f.integrate("--wave", "45", "--order", "dimB").expect(0);
        List<String> subjects = f.firstParentSubjects();
        assertEquals("lane: merge lane dimA of wave 45", subjects.get(1));
        assertEquals("lane: merge lane dimB of wave 45", subjects.get(2));
    }

    @Test
    void anOrderWithAnEmptyLaneNameIsAUsageErrorNotASilentClaimOrder() {
        WaveFixture f = twoSubmittedLanes(tmp);
        String before = f.mainHead();

        for (String[] given : new String[][] {{"--order", ""}, {"--order="}, {"--order", ","},
            {"--order", "dimB,,dimA"}, {"--order", "dimB,"}}) {
            String[] args = new String[given.length + 2];
            args[0] = "--wave";
            args[1] = "45";
            System.arraycopy(given, 0, args, 2, given.length);
            CliRun r = f.integrate(args).expect(2);
            assertTrue(r.err().contains("--order has an empty lane name"), String.join(" ", given) + ": " + r.err());
        }
        assertEquals(before, f.mainHead(), "nothing moved");
    }
}
