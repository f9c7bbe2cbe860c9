package dev.lane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.support.Golden;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import dev.lane.support.RepoState;
import dev.lane.support.TestRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Pins everything a person reads: help of every command, the ledger table, and the main error messages. */
class HumanOutputGoldenTest {

    private static String[] run(Path cwd, int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LaneCli.run(new CliContext(cwd, Map.of("LANE_AGENT", "tester"), Clock.systemUTC(),
                new PrintWriter(out), new PrintWriter(err)), args);
        assertEquals(expectedExit, code, "exit code of lane " + String.join(" ", args) + "\n" + out + err);
        return new String[] {out.toString(), err.toString()};
    }

    @TestFactory
    Stream<DynamicTest> helpOfEveryCommandIsPinned(@TempDir Path tmp) {
        CommandLine cl = LaneCli.create(new CliContext(tmp, Map.of(), Clock.systemUTC(),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        Stream<DynamicTest> top = Stream.of(DynamicTest.dynamicTest("lane --help",
                () -> Golden.assertMatches("help-lane", run(tmp, 0, "--help")[0])));
        Stream<DynamicTest> subs = cl.getSubcommands().keySet().stream().map(name -> DynamicTest.dynamicTest(
                "lane " + name + " --help", () -> Golden.assertMatches("help-" + name, run(tmp, 0, name, "--help")[0])));
        return Stream.concat(top, subs);
    }

    @Test
    void theLedgerTableIsPinned() {
        Instant t = Instant.parse("2026-11-22T10:15:30.123Z");
        String table = LedgerTable.render(List.of(
                new LedgerEntry(t, LedgerEvent.CLAIMED, "45", "dimA", "agent-7",
                        "worktree /tmp/jpcite-45-dimA, branch lane/45/dimA, base 0123456789ab"),
                new LedgerEntry(t.plusSeconds(95), LedgerEvent.SUBMITTED, "45", "dimA", "agent-7",
                        "head 89abcdef0123, manifest +1 (252_law_jorei_pref.sql), bump minor"),
                new LedgerEntry(t.plusSeconds(120), LedgerEvent.RELEASED, "45", "cell12", "ops",
                        "forced; line one\nline two")));
        Golden.assertMatches("ledger-table", table);
    }

    private static final dev.lane.intent.WorkflowEdit DEPLOY_EDIT = new dev.lane.intent.WorkflowEdit(
            ".github/workflows/deploy.yml", "on: push\n", "on:\n  push:\n  workflow_dispatch:\n");

    @Test
    void theStatusViewIsPinned() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        var lanes = List.of(
                new dev.lane.status.LaneView("dimA", "agent-7", dev.lane.status.LaneState.INTEGRATED,
                        now.minusSeconds(300), "89abcdef0123456789", 1, null, "/tmp/jpcite-45-dimA",
                        manifest("252_law_jorei_pref.sql"), null),
                new dev.lane.status.LaneView("dimC", "agent-c", dev.lane.status.LaneState.INTEGRATED,
                        now.minusSeconds(200), "456789abcdef0123", 1, null, "/tmp/jpcite-45-dimC",
                        new dev.lane.intent.Intents(List.of(), dev.lane.intent.BumpRequest.parse("0.4.0"), List.of()),
                        "bump 0.4.0 of lane dimC not applied: main is already at 0.5.0"),
                // Resubmitted after landing: what landed with its first submission is not shown as pending; its
                // patch request is covered by the minor bump it landed (one bump per wave).
                new dev.lane.status.LaneView("dimR", "agent-r", dev.lane.status.LaneState.SUBMITTED,
                        now.minusSeconds(60), "fedcba9876543210", 2, null, "/tmp/jpcite-45-dimR",
                        new dev.lane.intent.Intents(List.of("262_add_x.sql", "263_y.sql"),
                                dev.lane.intent.BumpRequest.parse("patch"), List.of(DEPLOY_EDIT)),
                        null, new dev.lane.intent.LandedIntents(List.of("262_add_x.sql"), List.of("minor"),
                                List.of(DEPLOY_EDIT.id()))),
                new dev.lane.status.LaneView("cell3", "agent-x", dev.lane.status.LaneState.PARKED,
                        now.minusSeconds(40), "0123456789abcdef", 2,
                        "manifest number 262 is taken: 262_realtime_cache.sql clashes with dimF's 262_subsidy.sql",
                        "/tmp/jpcite-45-cell3", manifest("262_realtime_cache.sql"), null),
                new dev.lane.status.LaneView("docs", "agent-d", dev.lane.status.LaneState.CLAIMED,
                        now.minusSeconds(7300), null, 0, null, "/tmp/jpcite-45-docs", null, null),
                new dev.lane.status.LaneView("dimZ", null, dev.lane.status.LaneState.DAMAGED, null, null, 0,
                        "its claim record is unreadable: /r/tools/offline/_inbox/45/dimZ/claim.json is damaged",
                        null, null, null));
        var wave = new dev.lane.status.WaveStatus(new dev.lane.names.WaveId("45"), lanes, java.util.Optional.empty(),
                java.util.Optional.empty());
        Golden.assertMatches("status-view", StatusCommand.StatusView.render(wave, now));
        // Filtered: the summary still counts the whole wave and says what is shown; no rows, no table.
        Golden.assertMatches("status-view-filtered", StatusCommand.StatusView.render(wave,
                dev.lane.status.LaneFilter.of(List.of("parked", "DAMAGED"), List.of()), now)
                + StatusCommand.StatusView.render(wave,
                        dev.lane.status.LaneFilter.of(List.of("submitted"), List.of("dimA", "cell3")), now));
    }

    @Test
    void theLinesOfAnUnfinishedPassArePinned() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        var holder = new dev.lane.fs.HolderLock.LastHolder(
                "integrate by agent ops, pid 4242, host build-1, since 2026-11-22T11:57:00Z",
                dev.lane.core.Host.ProcessState.ON_ANOTHER_HOST, "build-1");
        var wave = new dev.lane.names.WaveId("45");
        Golden.assertMatches("status-pass", StatusCommand.StatusView.passLine(wave, new dev.lane.status.IntegratePass(
                dev.lane.status.IntegratePass.State.RUNNING, now.minusSeconds(180), holder), now) + "\n"
                + StatusCommand.StatusView.passLine(wave, new dev.lane.status.IntegratePass(
                        dev.lane.status.IntegratePass.State.STOPPED, now.minusSeconds(3600), holder), now)
                + "\n" + StatusCommand.StatusView.passLine(wave, new dev.lane.status.IntegratePass(
                        dev.lane.status.IntegratePass.State.UNKNOWN, now.minusSeconds(180), holder), now)
                + "\n");
    }

    private static dev.lane.intent.Intents manifest(String entry) {
        return new dev.lane.intent.Intents(List.of(entry), null, List.of());
    }

    @Test
    void theIntegrateReportIsPinned() {
        var none = new dev.lane.integrate.LaneOutcome.Applied(List.of(), null, List.of());
        var lanes = List.of(
                new dev.lane.integrate.LaneOutcome("dimA", "agent-dimA", dev.lane.integrate.LaneStatus.INTEGRATED, null,
                        "aaaaaaaaaaaaaaaa", 1, new dev.lane.integrate.LaneOutcome.Applied(
                                List.of("252_law_jorei_pref.sql"), "minor", List.of()), "1111111111111111", null),
                new dev.lane.integrate.LaneOutcome("cell1", "agent-cell1",
                        dev.lane.integrate.LaneStatus.INTEGRATED, null,
                        "bbbbbbbbbbbbbbbb", 1, new dev.lane.integrate.LaneOutcome.Applied(List.of(), null,
                                List.of(".github/workflows/deploy.yml")), "2222222222222222",
                        "bump 0.3.4 of lane cell1 not applied: main is already at 0.3.5"),
                new dev.lane.integrate.LaneOutcome("cell3", "agent-cell3", dev.lane.integrate.LaneStatus.PARKED,
                        "migration number 262 is taken twice: 262_realtime_cache.sql (this lane) and "
                                + "262_subsidy_rate_history.sql (lane dimF). Renumber this lane's migration, then "
                                + "lane sync and lane submit again.", "cccccccccccccccc", 2, none, null, null),
                new dev.lane.integrate.LaneOutcome("dimB", "agent-dimB",
                        dev.lane.integrate.LaneStatus.ALREADY_INTEGRATED,
                        "main already holds head dddddddddddd and its intents", "dddddddddddddddd", 1, none, null,
                        null));
        var result = new dev.lane.integrate.IntegrateResult("45", "0000000000000000", "9999999999999999",
                "9999999999999999", false, lanes, List.of("252_law_jorei_pref.sql"), "0.3.5", "0.4.0",
                List.of(".github/workflows/deploy.yml"), List.of("docs"), null,
                new dev.lane.integrate.CheckReport("./ci.sh", dev.lane.integrate.CheckReport.Outcome.PASSED,
                        List.of(), List.of(new dev.lane.integrate.CheckRun(1, "9999999999999999",
                                List.of("dimA", "cell1"), dev.lane.integrate.CheckRun.Outcome.PASSED, 0,
                                java.time.Duration.ofMillis(4200), null))),
                "the version files already disagreed on main (pyproject.toml had 0.3.5, server.json had 0.3.4); the "
                        + "bump started from the highest, 0.3.5 (pyproject.toml), and wrote 0.4.0 to every version "
                        + "file, so they agree now");
        Golden.assertMatches("integrate-report", IntegrateCommand.human(result));
    }

    @Test
    void usageErrorMessagesArePinned(@TempDir Path tmp) throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        StringBuilder all = new StringBuilder();
        String[][] cases = {
            {"claim", "--wave", "45", "--lane", "../etc"},
            {"claim", "--wave", "4 5", "--lane", "dimA"},
            {"claim", "--lane", "dimA"},
            {"claim", "--wave", "45", "--lane", "dimA", "--colour"},
            {"submit", "--wave", "45"},
            {"submit", "--wave", "45", "--lane", "dimA", "--bump", "huge"},
            {"release", "--wave", "45", "--lane", "dimZ"},
            {"claim", "--lanex", "dimA", "--wave", "45"},
            {"frobnicate"},
            {"claimm", "--wave", "45", "--lane", "dimA"},
            {"--json", "claim", "--wave", "45"},
            {"status", "--state", "parked,stuck"},
            {"ledger", "--event", "landed"},
        };
        for (String[] args : cases) {
            String[] r = run(repo.root(), 2, args);
            all.append("$ lane ").append(String.join(" ", args)).append('\n').append(r[0]).append(r[1]).append('\n');
        }
        Golden.assertMatches("usage-errors", all.toString());
    }
}
