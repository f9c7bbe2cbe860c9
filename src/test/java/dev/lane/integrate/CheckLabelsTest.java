package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lane.json.Json;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The check's outcome labels are part of {@code integrate --json} and the ledger's {@code checked} entry
 * (docs/integrator.md): they stay exactly the documented words, whether printed or written through the mapper.
 */
class CheckLabelsTest {
    @Test
    void theCheckOutcomesOfAPassKeepTheirDocumentedLabels() throws Exception {
        assertEquals(List.of("not-configured", "not-run", "passed", "lanes-parked", "fails-on-main", "cannot-run",
                "unresolved"), Arrays.stream(CheckReport.Outcome.values()).map(CheckReport.Outcome::label).toList());
        assertEquals("\"fails-on-main\"", Json.mapper().writeValueAsString(CheckReport.Outcome.FAILS_ON_MAIN));
    }

    @Test
    void theOutcomesOfOneCheckRunKeepTheirDocumentedLabels() throws Exception {
        assertEquals(List.of("passed", "failed", "timed-out"),
                Arrays.stream(CheckRun.Outcome.values()).map(CheckRun.Outcome::label).toList());
        assertEquals("\"timed-out\"", Json.mapper().writeValueAsString(CheckRun.Outcome.TIMED_OUT));
    }
}
