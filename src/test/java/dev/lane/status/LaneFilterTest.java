package dev.lane.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.core.ExitCode;
import dev.lane.core.LaneException;
import dev.lane.names.WaveId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The status view's filter, directly: what --state and --lane accept and which rows they keep. */
class LaneFilterTest {
    private static final WaveStatus WAVE = new WaveStatus(new WaveId("45"), List.of(
            lane("dimA", LaneState.INTEGRATED), lane("dimB", LaneState.PARKED), lane("dimC", LaneState.SUBMITTED),
            lane("dimZ", LaneState.DAMAGED)), Optional.empty(), Optional.empty());

    private static LaneView lane(String name, LaneState state) {
        return new LaneView(name, "agent-" + name, state, null, null, 0, null, null, null, null);
    }

    @Test
    void statesAreTheirPrintedLabelsInAnyCase() {
        LaneFilter f = LaneFilter.of(List.of("PARKED", "Already-Integrated", " damaged "), List.of());

        assertEquals(Set.of(LaneState.PARKED, LaneState.ALREADY_INTEGRATED, LaneState.DAMAGED), f.states());
    }

    @Test
    void theFilterKeepsLanesInAGivenStateAndNamedInWaveOrder() {
        assertEquals(List.of("dimB", "dimZ"), names(LaneFilter.of(List.of("damaged", "parked"), List.of())));
        assertEquals(List.of("dimA", "dimC"), names(LaneFilter.of(List.of(), List.of("dimC", "dimA"))));
        assertEquals(List.of("dimC"), names(LaneFilter.of(List.of("submitted", "parked"), List.of("dimC", "dimA"))));
        assertEquals(4, names(LaneFilter.ALL).size());
        assertTrue(LaneFilter.of(List.of(), List.of()).isAll());
    }

    @Test
    void anUnknownOrEmptyStateIsAUsageErrorListingEveryState() {
        LaneException unknown = assertThrows(LaneException.class, () -> LaneFilter.of(List.of("stuck"), List.of()));
        LaneException empty = assertThrows(LaneException.class, () -> LaneFilter.of(List.of(""), List.of()));

        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.getMessage().contains("'stuck', which is not a lane state; states: claiming, claimed, "
                + "submitted, integrated, already-integrated, parked, damaged"), unknown.getMessage());
        assertEquals(ExitCode.USAGE, empty.exitCode());
        assertTrue(empty.getMessage().startsWith("--state has an empty state name; states: claiming"),
                empty.getMessage());
    }

    @Test
    void aLaneOfNoWaveIsAUsageErrorNamingTheWavesLanesDamagedOnesIncluded() {
        LaneFilter.of(List.of(), List.of("dimZ")).requireKnownLanes(List.of(WAVE));
        LaneException e = assertThrows(LaneException.class,
                () -> LaneFilter.of(List.of(), List.of("dimQ", "dimA", "dimR")).requireKnownLanes(List.of(WAVE)));

        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("--lane names lanes dimQ, dimR, which are not claimed in wave 45; lanes of the wave: dimA, dimB, "
                + "dimC, dimZ", e.getMessage());
    }

    @Test
    void anInvalidLaneNameIsAUsageError() {
        assertEquals(ExitCode.USAGE, assertThrows(LaneException.class,
                () -> LaneFilter.of(List.of(), List.of("../etc"))).exitCode());
        assertEquals(ExitCode.USAGE, assertThrows(LaneException.class,
                () -> LaneFilter.of(List.of(), List.of("dimA", " "))).exitCode());
    }

    private static List<String> names(LaneFilter f) {
        return f.shown(WAVE).stream().map(LaneView::lane).toList();
    }
}
