package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lane status --state/--lane} and {@code lane ledger --event}: the views an operator narrows during an
 * incident. One wave, built once (the tests only read it): 45 has dimA and dimC integrated, dimB parked (a conflict
 * with dimA), idle claimed and late submitted after the pass; wave 46 has one claimed lane.
 */
class OperatorFiltersTest {
    @TempDir
    static Path tmp;

    static WaveFixture f;

    @BeforeAll
    static void aWaveInEveryState() {
        f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        Path c = f.claim("45", "dimC");
        f.claim("45", "idle");
        Path late = f.claim("45", "late");
        f.write(a, "src/app.txt", WaveFixture.APP.replace("line 3", "line 3 by A"));
        f.submit(a);
        f.write(b, "src/app.txt", WaveFixture.APP.replace("line 3", "line 3 by B"));
        f.submit(b);
        f.write(c, "src/c.txt", "C\n");
        f.submit(c);
        f.integrate("--wave", "45").expect(4);
        f.write(late, "src/late.txt", "late\n");
        f.submit(late);
        f.claim("46", "x");
    }

    @Test
    void statusStateFilterShowsOnlyThoseLanesWhileTheSummaryCountsTheWholeWave() {
        CliRun r = f.lane(f.repo, "status", "--wave", "45", "--state", "PARKED").expect(0);

        List<String> lines = r.out().lines().toList();
        assertEquals("wave 45: 5 lanes (1 claimed, 1 submitted, 2 integrated, 1 parked); showing 1 parked",
                lines.get(0), r.out());
        assertEquals(List.of("dimB"), rowLanes(r.out()), r.out());
    }

    @Test
    void statusStateAndLaneFiltersCombineRepeatedOrCommaSeparated() {
        CliRun r = f.lane(f.repo, "status", "--wave", "45", "--state", "integrated", "--state", "parked",
                "--lane", "dimA,dimB", "--lane", "idle").expect(0);

        assertTrue(r.out().lines().findFirst().orElseThrow()
                .endsWith("; showing 2 integrated or parked of lanes dimA, dimB, idle"), r.out());
        assertEquals(List.of("dimA", "dimB"), rowLanes(r.out()), r.out());
    }

    @Test
    void statusJsonGivesOnlyTheFilteredLanesButCountsTheWholeWave() throws Exception {
        CliRun r = f.lane(f.repo, "status", "--wave", "45", "--json", "--state", "submitted,Parked").expect(0);

        JsonNode wave = Json.mapper().readTree(r.out()).get("waves").get(0);
        List<String> lanes = new ArrayList<>();
        wave.get("lanes").forEach(l -> lanes.add(l.get("lane").asText()));
        assertEquals(List.of("dimB", "late"), lanes, r.out());
        assertEquals(2, wave.get("counts").get("integrated").asInt(), r.out());
        assertEquals(1, wave.get("counts").get("claimed").asInt(), r.out());
        assertEquals("[\"submitted\",\"parked\"]", wave.get("filter").get("states").toString());
        assertTrue(wave.get("filter").get("lanes").isNull(), r.out());
    }

    @Test
    void statusWithoutFilterSaysNothingOfShowingAndJsonHasNoFilter() throws Exception {
        CliRun human = f.lane(f.repo, "status", "--wave", "45").expect(0);
        CliRun json = f.lane(f.repo, "status", "--wave", "45", "--json").expect(0);

        assertFalse(human.out().contains("showing"), human.out());
        assertEquals(5, rowLanes(human.out()).size(), human.out());
        JsonNode wave = Json.mapper().readTree(json.out()).get("waves").get(0);
        assertTrue(wave.get("filter").isNull());
        assertEquals(5, wave.get("lanes").size());
    }

    @Test
    void aFilterMatchingNoLaneOfAWaveKeepsItsSummaryAndPrintsNoTable() {
        CliRun r = f.lane(f.repo, "status", "--state", "parked").expect(0);

        assertTrue(r.out().contains("wave 45: 5 lanes (1 claimed, 1 submitted, 2 integrated, 1 parked); showing 1 "
                + "parked\n"), r.out());
        assertTrue(r.out().endsWith("wave 46: 1 lane (1 claimed); showing 0 parked\n"), r.out());
        assertEquals(1, r.out().split("LANE ", -1).length - 1, "one table, for wave 45 only:\n" + r.out());
    }

    @Test
    void anUnknownStateIsAUsageErrorListingTheStates() {
        CliRun r = f.lane(f.repo, "status", "--state", "parked,stuck").expect(2);

        assertTrue(r.err().contains("--state names state 'stuck', which is not a lane state; states: claiming, "
                + "claimed, submitted, integrated, already-integrated, parked, damaged"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aLaneNotClaimedInTheWaveIsAUsageErrorListingTheWavesLanes() {
        CliRun one = f.lane(f.repo, "status", "--wave", "45", "--lane", "dimA,dimX").expect(2);
        CliRun all = f.lane(f.repo, "status", "--lane", "dimX").expect(2);

        assertTrue(one.err().contains("--lane names lane dimX, which is not claimed in wave 45; lanes of the wave: "
                + "dimA, dimB, dimC, idle, late"), one.err());
        assertTrue(all.err().contains("--lane names lane dimX, which is not claimed in any wave; lanes of the "
                + "waves: wave 45: dimA, dimB, dimC, idle, late; wave 46: x"), all.err());
        assertEquals("", one.out() + all.out());
    }

    @Test
    void ledgerEventFilterShowsOnlyThoseEventsInHumanOutput() {
        CliRun r = f.lane(f.repo, "ledger", "--wave", "45", "--event", "PARKED,main-moved").expect(0);

        List<String> events = r.out().lines().skip(2).map(l -> l.split("\\s+")[2]).toList();
        assertEquals(List.of("parked", "main-moved"), events, r.out());
    }

    @Test
    void ledgerEventFilterCombinesWithLaneAndAgentInJson() throws Exception {
        CliRun lane = f.lane(f.repo, "ledger", "--json", "--event", "claimed", "--event", "submitted",
                "--lane", "dimA").expect(0);
        CliRun agent = f.lane(f.repo, "ledger", "--json", "--event", "claimed", "--agent", "agent-x").expect(0);

        List<String> seen = new ArrayList<>();
        for (String line : lane.out().lines().toList()) {
            JsonNode e = Json.mapper().readTree(line);
            seen.add(e.get("event").asText() + " " + e.get("lane").asText());
        }
        assertEquals(List.of("claimed dimA", "submitted dimA"), seen, lane.out());
        List<String> byX = agent.out().lines().toList();
        assertEquals(1, byX.size(), agent.out());
        JsonNode only = Json.mapper().readTree(byX.get(0));
        assertEquals("46", only.get("wave").asText());
        assertEquals("x", only.get("lane").asText());
    }

    @Test
    void anUnknownLedgerEventIsAUsageErrorListingTheEvents() {
        CliRun r = f.lane(f.repo, "ledger", "--event", "landed").expect(2);

        assertTrue(r.err().contains("--event names event 'landed', which is not a ledger event; events: claimed, "
                + "claim-rolled-back, submitted, resubmitted, synced, released, integrate-started, checked, "
                + "integrated, already-integrated, parked, main-moved, integrate-finished, integrate-refused, "
                + "integrate-aborted"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aFilterGivenOnlyCommasIsAUsageErrorNotEveryRow() {
        CliRun state = f.lane(f.repo, "status", "--state", ",").expect(2);
        CliRun lane = f.lane(f.repo, "status", "--lane", ",").expect(2);
        CliRun event = f.lane(f.repo, "ledger", "--event", ",").expect(2);

        assertTrue(state.err().contains("--state has an empty state name"), state.err());
        assertTrue(lane.err().contains("--lane has an empty lane name"), lane.err());
        assertTrue(event.err().contains("--event has an empty event name"), event.err());
        assertEquals("", state.out() + lane.out() + event.out(), "a script's empty list ('--lane $LANES,') must not "
                + "show the whole wave as if it were the lanes asked for");
    }

    @Test
    void aFilterEndingInACommaIsAUsageErrorNotTheNamesBeforeIt() {
        CliRun state = f.lane(f.repo, "status", "--state", "parked,").expect(2);
        CliRun lane = f.lane(f.repo, "status", "--lane", "dimA,").expect(2);
        CliRun event = f.lane(f.repo, "ledger", "--event=claimed,").expect(2);

        assertTrue(state.err().contains("--state has an empty state name"), state.err());
        assertTrue(lane.err().contains("--lane has an empty lane name"), lane.err());
        assertTrue(event.err().contains("--event has an empty event name"), event.err());
        assertEquals("", state.out() + lane.out() + event.out(), "a script's list with a trailing comma ('--lane "
                + "$A,$B' with $B empty) must not be taken as the names before it");
    }

    /** The LANE column of a human status table's rows. */
    private static List<String> rowLanes(String out) {
        List<String> lanes = new ArrayList<>();
        boolean inTable = false;
        for (String line : out.lines().toList()) {
            if (line.startsWith("LANE ")) {
                inTable = true;
            } else if (inTable && !line.startsWith("-") && !line.isBlank()) {
                lanes.add(line.split("\\s+")[0]);
            } else if (line.isBlank()) {
                inTable = false;
            }
        }
        return lanes;
    }
}
