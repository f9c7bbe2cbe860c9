package dev.lane.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.core.ExitCode;
import dev.lane.core.LaneException;
import dev.lane.names.AgentId;
import dev.lane.names.LaneId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ledger view's filter, directly: what --event accepts and how it combines with --lane and --agent. */
class LedgerFilterTest {
    private static final Instant T = Instant.parse("2026-11-22T12:00:00Z");
    private static final List<LedgerEntry> ENTRIES = List.of(
            new LedgerEntry(T, LedgerEvent.CLAIMED, "45", "dimA", "agent-a", "worktree ..."),
            new LedgerEntry(T, LedgerEvent.INTEGRATE_STARTED, "45", "", "ops", "onto main"),
            new LedgerEntry(T, LedgerEvent.PARKED, "45", "dimA", "ops", "conflict"),
            new LedgerEntry(T, LedgerEvent.PARKED, "45", "dimB", "ops", "conflict"),
            new LedgerEntry(T, LedgerEvent.MAIN_MOVED, "45", "", "ops", "a -> b"));

    @Test
    void eventsAreTheirLedgerLabelsInAnyCase() {
        assertEquals(Set.of(LedgerEvent.PARKED, LedgerEvent.MAIN_MOVED, LedgerEvent.CLAIM_ROLLED_BACK),
                LedgerFilter.events(List.of("PARKED", "Main-Moved", " claim-rolled-back")));
    }

    @Test
    void theEventFilterCombinesWithLaneAndAgent() {
        Set<LedgerEvent> parkedOrMoved = LedgerFilter.events(List.of("parked", "main-moved"));

        assertEquals(List.of("parked dimA", "parked dimB", "main-moved "),
                shown(new LedgerFilter(null, null, parkedOrMoved)));
        assertEquals(List.of("parked dimA"), shown(new LedgerFilter(new LaneId("dimA"), null, parkedOrMoved)));
        assertEquals(List.of("claimed dimA"), shown(new LedgerFilter(null, new AgentId("agent-a"),
                LedgerFilter.events(List.of("claimed", "parked")))));
        assertEquals(5, shown(LedgerFilter.ALL).size());
    }

    @Test
    void anUnknownOrEmptyEventIsAUsageErrorListingEveryEvent() {
        LaneException unknown = assertThrows(LaneException.class, () -> LedgerFilter.events(List.of("landed")));
        LaneException empty = assertThrows(LaneException.class, () -> LedgerFilter.events(List.of("parked", "")));

        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.getMessage().startsWith("--event names event 'landed', which is not a ledger event; "
                + "events: claimed, claim-rolled-back, submitted,"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("integrate-aborted"), unknown.getMessage());
        assertEquals(ExitCode.USAGE, empty.exitCode());
        assertTrue(empty.getMessage().startsWith("--event has an empty event name; events: claimed"),
                empty.getMessage());
    }

    private static List<String> shown(LedgerFilter f) {
        return ENTRIES.stream().filter(f::shows).map(e -> e.event().label() + " " + e.lane()).toList();
    }
}
