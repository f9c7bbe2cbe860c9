package dev.lane.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.support.CliRun;
import dev.lane.support.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waves named by numbers are listed in numeric order (9 before 10, 45 before 100), other names after them. */
class WaveOrderTest {
    @TempDir
    Path temp;

    @Test
    void wavesNamedByNumbersAreListedInNumericOrderBeforeOtherNames() {
        TestRepo repo = TestRepo.create(temp);
        for (String wave : List.of("10", "beta", "9", "100", "045", "45")) {
            repo.lane("claim", "--wave", wave, "--lane", "dimA", "--agent", "a1").expect(0);
        }

        CliRun ledger = repo.lane("ledger", "--json").expect(0);

        List<String> waves = ledger.out().lines().map(line -> {
            try {
                return new ObjectMapper().readTree(line).get("wave").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        assertEquals(List.of("9", "10", "045", "45", "100", "beta"), waves, ledger::toString);
    }
}
