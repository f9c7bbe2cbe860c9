package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import dev.lane.support.JvmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's {@code check:} command as the operator sees it: a check that cannot run is told apart from a broken
 * main, every run shows on stderr, the ledger and {@code --json} say what the check did, and a lane parked for
 * failing in combination names what it was combined with.
 */
class CheckReportingTest {
    @TempDir
    Path tmp;

    private static String ledger(WaveFixture f, String wave) {
        return f.read(f.repo, "tools/offline/_inbox/" + wave + "/AGENT_LEDGER.md");
    }

    @Test
    void aCheckScriptThatExistsOnlyUncommittedInTheMainCheckoutIsReportedAsACheckThatCannotRunNotAsABrokenMain()
            throws Exception {
        WaveFixture f = WaveFixture.create(tmp, "check: ./ci.sh\n");
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        Path script = f.repo.resolve("ci.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(5);

        String err = r.err();
        assertFalse(err.contains("fails on main itself"), err);
        assertTrue(err.contains("`check: ./ci.sh` in lanes.yml cannot run"), err);
        assertTrue(err.contains("temporary checkout of commit " + before.substring(0, 12)), err);
        assertTrue(err.contains("ci.sh is not in that commit, but it exists uncommitted in the main checkout"), err);
        assertTrue(err.contains("commit it"), err);
        assertTrue(err.contains("nothing was changed"), err);
        assertEquals(before, f.mainHead());
        String ledger = ledger(f, "45");
        assertTrue(ledger.contains("| checked | 45 |  | integrator | check ./ci.sh: cannot run, 2 runs"), ledger);
        assertTrue(ledger.indexOf("| checked |") < ledger.indexOf("| integrate-refused |"), ledger);
    }

    @Test
    void aCheckScriptCommittedWithoutItsExecutableBitIsReportedAsNotExecutableWithWhatToDo() {
        WaveFixture f = WaveFixture.create(tmp, "check: ./ci.sh\n");
        f.write(f.repo, "ci.sh", "#!/bin/sh\nexit 0\n"); // mode 644
        f.git(f.repo, "add", "ci.sh");
        f.git(f.repo, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "ci script");
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(5);

        assertFalse(r.err().contains("fails on main itself"), r.err());
        assertTrue(r.err().contains("exited 126"), r.err());
        assertTrue(r.err().contains("ci.sh is in that commit but is not executable"), r.err());
        assertTrue(r.err().contains("git update-index --chmod=+x ci.sh"), r.err());
        assertEquals(before, f.mainHead());
    }

    @Test
    void aCheckScriptNamedOutsideTheRepositoryIsReportedAsSuchNotAsAScriptToCommit() {
        WaveFixture f = WaveFixture.create(tmp, "check: ../ci.sh\n");
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45").expect(5);

        assertTrue(r.err().contains("../ci.sh lies outside the repository"), r.err());
        assertTrue(r.err().contains("name a script inside the repository, relative to its root"), r.err());
        assertFalse(r.err().contains("commit the script"), r.err());
        assertEquals(before, f.mainHead());
    }

    @Test
    void aCheckCommandThatRunsButFailsOnMainItselfIsStillReportedAsMainBroken() {
        WaveFixture f = WaveFixture.create(tmp, "check: \"echo main is red; exit 3\"\n");
        f.submitted("45", "dimA", "src/a.txt", "A\n");

        CliRun r = f.integrate("--wave", "45").expect(5);

        assertTrue(r.err().contains("the check command fails on main itself"), r.err());
        assertTrue(r.err().contains("exit 3:\nmain is red"), r.err());
        assertFalse(r.err().contains("cannot run"), r.err());
    }

    @Test
    void everyCheckRunShowsOneProgressLineOnStderrWhileStdoutStaysTheJsonDocument() throws Exception {
        WaveFixture f = WaveFixture.create(tmp, "check: \"! grep -rq BROKEN src\"\n");
        for (String lane : List.of("l1", "l2", "l3")) {
            f.submitted("45", lane, "src/" + lane + ".txt", lane.equals("l2") ? "BROKEN\n" : "fine\n");
        }

        CliRun r = f.integrate("--wave", "45", "--json").expect(4);

        JsonNode doc = Json.mapper().readTree(r.out()); // stdout is exactly the JSON document
        List<String> progress = r.err().lines().filter(l -> l.startsWith("lane: check ")).toList();
        JsonNode check = doc.get("check");
        assertEquals(check.get("runs").size(), progress.size(), r.err());
        assertTrue(progress.get(0).matches("lane: check 1: running ! grep -rq BROKEN src on main \\+ lanes l1, l2, l3"
                + " \\(timeout 30m\\)\\.\\.\\. failed \\(exit 1\\) in \\d+\\.\\ds"), progress.get(0));
        assertTrue(progress.stream().anyMatch(l -> l.matches("lane: check \\d+: running .*\\.\\.\\. passed in "
                + "\\d+\\.\\ds")), r.err());
        assertEquals("! grep -rq BROKEN src", check.get("command").asText());
        assertEquals("lanes-parked", check.get("outcome").asText());
        assertEquals("l2", check.get("parked").get(0).asText());
        JsonNode first = check.get("runs").get(0);
        assertEquals(List.of("l1", "l2", "l3"), Json.mapper().convertValue(first.get("lanes"), List.class));
        assertEquals("failed", first.get("outcome").asText());
        assertEquals(1, first.get("exit").asInt());
        assertTrue(first.get("seconds").isNumber(), first.toString());
        String ledger = ledger(f, "45");
        assertTrue(ledger.contains("| checked | 45 |  | integrator | check ! grep -rq BROKEN src: lanes parked (l2), "
                + check.get("runs").size() + " runs"), ledger);
    }

    @Test
    void aWaveWhoseCheckPassesRecordsOneRunInTheLedgerAndTheJson() throws Exception {
        WaveFixture f = WaveFixture.create(tmp, "check: \"test -f src/app.txt\"\n");
        f.submitted("45", "dimA", "src/a.txt", "A\n");

        CliRun r = f.integrate("--wave", "45", "--json").expect(0);

        JsonNode check = Json.mapper().readTree(r.out()).get("check");
        assertEquals("passed", check.get("outcome").asText());
        assertEquals(1, check.get("runs").size());
        assertEquals("passed", check.get("runs").get(0).get("outcome").asText());
        assertTrue(ledger(f, "45").contains("| checked | 45 |  | integrator | check test -f src/app.txt: passed, "
                + "1 run"), ledger(f, "45"));
        assertTrue(r.err().matches("(?s).*lane: check 1: running test -f src/app.txt on main \\+ lane dimA "
                + "\\(timeout 30m\\)\\.\\.\\. passed in \\d+\\.\\ds\n.*"), r.err());
    }

    @Test
    void aWaveWithoutACheckCommandSaysSoInTheJsonAndPrintsNoProgress() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", "src/a.txt", "A\n");

        CliRun r = f.integrate("--wave", "45", "--json").expect(0);

        JsonNode check = Json.mapper().readTree(r.out()).get("check");
        assertEquals("not-configured", check.get("outcome").asText());
        assertTrue(check.get("command").isNull());
        assertEquals(0, check.get("runs").size());
        assertFalse(r.err().contains("lane: check"), r.err());
        assertFalse(ledger(f, "45").contains("| checked |"));
    }

    @Test
    void aLaneThatFailsTheCheckOnlyOnTopOfAnotherLaneIsParkedWithAReasonNamingThatLane() throws Exception {
        WaveFixture f = WaveFixture.create(tmp, "check: \"! { [ -f src/x.txt ] && [ -f src/y.txt ]; }\"\n");
        f.submitted("45", "x", "src/x.txt", "x\n");
        f.submitted("45", "y", "src/y.txt", "y\n");

        CliRun r = f.integrate("--wave", "45", "--json").expect(4);

        JsonNode lanes = Json.mapper().readTree(r.out()).get("lanes");
        assertEquals("integrated", lanes.get(0).get("status").asText(), r.out());
        assertEquals("parked", lanes.get(1).get("status").asText(), r.out());
        String reason = lanes.get(1).get("reason").asText();
        assertTrue(reason.contains("the check command fails with this lane on top of main ("
                + "") && reason.contains(") + lane x"), reason);
        assertTrue(reason.contains("passes on main (") && reason.contains(" + lane x without this lane"), reason);
        assertFalse(reason.contains("passes on main + this lane alone"), reason);
    }

    @Test
    void aLaneThatFailsTheCheckOnMainAloneSaysSoAndTheFullOutputOfItsRunIsKept() throws Exception {
        WaveFixture f = WaveFixture.create(tmp,
                "check: \"if [ -f src/bad.txt ]; then seq 1 30; echo broken; exit 2; fi\"\n");
        f.submitted("45", "bad", "src/bad.txt", "bad\n");
        f.submitted("45", "good", "src/good.txt", "good\n");

        CliRun r = f.integrate("--wave", "45", "--json").expect(4);

        JsonNode doc = Json.mapper().readTree(r.out());
        String reason = doc.get("lanes").get(0).get("reason").asText();
        assertTrue(reason.contains("the check command fails on main (") && reason.contains(") + this lane alone"),
                reason);
        assertTrue(reason.contains("exit 2:\n"), reason);
        assertFalse(reason.contains("\n1\n"), "the reason keeps only the tail: " + reason);
        String log = reason.substring(reason.indexOf("full output: ") + "full output: ".length()).strip();
        Path logFile = Path.of(log);
        assertTrue(Files.isRegularFile(logFile), reason);
        String full = Files.readString(logFile);
        assertTrue(full.startsWith("1\n2\n3\n") && full.endsWith("30\nbroken\n"), full);
        JsonNode runs = doc.get("check").get("runs");
        assertNotNull(runs);
        assertTrue(r.out().contains(logFile.toString().replace("\\", "\\\\")), r.out());

        f.integrate("--wave", "45", "--dry-run").expect(4); // bad is still submitted: its check fails again
        assertEquals(full, Files.readString(logFile), "a dry run keeps its logs apart from the real pass's");
    }

    @Test
    void aCheckThatPrintsOneHugeLineInColourParksItsLaneWithAShortPrintableTailInTheReasonLedgerAndStatus()
            throws Exception {
        // A minified bundle or a progress bar is one long line; CI scripts often force colours (FORCE_COLOR=1).
        WaveFixture f = WaveFixture.create(tmp, "check: \"if [ -f src/bad.txt ]; then head -c 300000 /dev/zero"
                + " | tr '\\\\0' x; printf '\\\\n50%%\\\\r100%% done\\\\n\\\\033[31mFAILED\\\\033[0m 3 tests\\\\n';"
                + " exit 1; fi\"\n");
        f.submitted("45", "bad", "src/bad.txt", "bad\n");
        f.submitted("45", "good", "src/good.txt", "good\n");

        CliRun r = f.integrate("--wave", "45", "--json").expect(4);

        String reason = Json.mapper().readTree(r.out()).get("lanes").get(0).get("reason").asText();
        assertTrue(reason.contains("exit 1:\n"), reason);
        assertTrue(reason.contains("\nFAILED 3 tests\n"), "the last line, without its colour codes: " + reason);
        assertTrue(reason.contains("\n100% done\n"), "a line rewritten with \\r shows as a terminal shows it: "
                + reason);
        assertTrue(reason.length() < 2_000, "the reason keeps a short tail, not a 300 kB line: " + reason.length());
        assertTrue(reason.chars().noneMatch(c -> c < 0x20 && c != '\n'), "no control characters: " + reason);
        assertTrue(reason.contains("full output: "), reason);
        long ledger = Files.size(f.repo.resolve("tools/offline/_inbox/45/AGENT_LEDGER.md"));
        assertTrue(ledger < 10_000, "the ledger holds no 300 kB row: " + ledger + " bytes");
        String status = f.lane(f.repo, "status", "--wave", "45").expect(0).out();
        assertTrue(status.length() < 4_000, "status stays readable: " + status.length() + " characters");
        assertFalse(status.contains("\u001b"), status);
        String log = Files.readString(f.repo.resolve("tools/offline/_inbox/45/.check-logs")
                .resolve(reason.substring(reason.indexOf("run-")).strip()));
        assertTrue(log.startsWith("xxxx") && log.contains("\u001b[31mFAILED"), "the log keeps the whole output");
    }

    @Test
    void aCheckThatPrintsFarMoreThanTheIntegratorsMemoryStillParksItsLaneAndLandsTheRest() {
        // 300 MB of test output; the integrator's JVM here has 96 MB of heap.
        WaveFixture f = WaveFixture.create(tmp, "check: \"if [ -f src/bad.txt ]; then yes 'test output line'"
                + " | head -c 300000000; echo broken at the end; exit 1; fi\"\n");
        f.submitted("45", "bad", "src/bad.txt", "bad\n");
        f.submitted("45", "good", "src/good.txt", "good\n");
        String before = f.mainHead();

        JvmProcess.Result r = JvmProcess.lane("--json", "integrate", "--wave", "45").in(f.repo)
                .logs(tmp.resolve("jvm-logs")).name("integrate").env("LANE_AGENT", "integrator").start()
                .await(Duration.ofMinutes(3));

        assertEquals(4, r.exitCode(), r.toString());
        assertTrue(r.out().contains("broken at the end"), r.out());
        assertTrue(f.git(f.repo, "ls-tree", "--name-only", "main", "src/").contains("src/good.txt"));
        assertFalse(f.git(f.repo, "ls-tree", "--name-only", "main", "src/").contains("src/bad.txt"));
        assertFalse(before.equals(f.mainHead()));
    }

    @Test
    void aMultiLineCheckCommandIsShownOnOneLineInProgressReportAndLedgerAndWholeInTheJson() throws Exception {
        WaveFixture f = WaveFixture.create(tmp, "check: |\n  set -e\n  test ! -f src/bad.txt\n  echo all good\n");
        f.submitted("45", "bad", "src/bad.txt", "bad\n");
        f.submitted("45", "good", "src/good.txt", "good\n");

        CliRun dry = f.integrate("--wave", "45", "--dry-run", "--json").expect(4);
        CliRun r = f.integrate("--wave", "45").expect(4);

        assertEquals("set -e\ntest ! -f src/bad.txt\necho all good\n",
                Json.mapper().readTree(dry.out()).get("check").get("command").asText());
        for (String line : r.err().split("\n")) {
            assertTrue(line.startsWith("lane: "), "every stderr line is lane's own: " + r.err());
        }
        assertTrue(r.err().contains("lane: check 1: running set -e ... (3 lines) on main + lanes bad, good"), r.err());
        assertTrue(r.out().contains("\ncheck:     set -e ... (3 lines): lanes parked (bad), "), r.out());
        assertTrue(ledger(f, "45").contains("| check set -e ... (3 lines): lanes parked (bad), "), ledger(f, "45"));
    }

    @Test
    void aLaneThatDeletesTheCommittedCheckScriptIsToldSoNotToCommitAScriptMainAlreadyHas() throws Exception {
        WaveFixture f = WaveFixture.create(tmp, "check: ./ci.sh\n");
        Path script = f.repo.resolve("ci.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        f.git(f.repo, "add", "ci.sh");
        f.git(f.repo, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "ci script");
        f.submitted("45", "fine", "src/fine.txt", "fine\n");
        Path drops = f.claim("45", "drops");
        Files.delete(drops.resolve("ci.sh"));
        f.submit(drops);

        CliRun r = f.integrate("--wave", "45", "--json").expect(4);

        JsonNode lanes = Json.mapper().readTree(r.out()).get("lanes");
        assertEquals("integrated", lanes.get(0).get("status").asText(), r.out());
        String reason = lanes.get(1).get("reason").asText();
        assertFalse(reason.contains("exists uncommitted in the main checkout"), reason);
        assertTrue(reason.contains("ci.sh is not in commit "), reason);
        assertTrue(reason.contains("but main has it: the lanes merged into that commit delete or move it"), reason);
    }
}
