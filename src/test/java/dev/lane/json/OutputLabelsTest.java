package dev.lane.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lane.integrate.LaneStatus;
import dev.lane.ledger.LedgerEvent;
import dev.lane.status.IntegratePass;
import dev.lane.status.LaneState;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The words the ledger, {@code --json} and outcome.json write for lane's states and events are derived from the enum
 * constants' names ({@link Labelled}): renaming a constant would change a documented format, so every word is pinned.
 */
class OutputLabelsTest {
    private static List<String> labels(Labelled[] values) {
        return Arrays.stream(values).map(Labelled::label).toList();
    }

    @Test
    void theLedgersEventsKeepTheirDocumentedWords() {
        assertEquals(List.of("claimed", "claim-rolled-back", "submitted", "resubmitted", "synced", "released",
                "integrate-started", "checked", "integrated", "already-integrated", "parked", "main-moved",
                "integrate-finished", "integrate-refused", "integrate-aborted"), labels(LedgerEvent.values()));
    }

    @Test
    void laneStatesPassStatesAndLaneOutcomesKeepTheirDocumentedWords() throws Exception {
        assertEquals(List.of("claiming", "claimed", "submitted", "integrated", "already-integrated", "parked",
                "damaged"), labels(LaneState.values()));
        assertEquals(List.of("running", "stopped", "unknown"), labels(IntegratePass.State.values()));
        assertEquals(List.of("integrated", "parked", "already-integrated"), labels(LaneStatus.values()));
        assertEquals("\"already-integrated\"", Json.mapper().writeValueAsString(LaneStatus.ALREADY_INTEGRATED));
    }

    @Test
    void aFilterReadsALabelInAnyCaseWithBlanksAroundItAndNothingElse() {
        assertEquals(LaneState.PARKED, Labelled.parse(LaneState.values(), " Parked ").orElseThrow());
        assertEquals(false, Labelled.parse(LaneState.values(), "park").isPresent());
        assertEquals(false, LedgerEvent.fromLabel("Parked").isPresent(), "the ledger's own spelling only");
    }
}
