package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code outcome.json} copied by hand from another lane or wave (restoring a backup into the wrong folder, say)
 * is about another submission: it never makes {@code lane status} report a lane integrated that is not on main.
 */
class ForeignOutcomeTest {
    private static final Path INBOX = Path.of("tools/offline/_inbox");

    @TempDir
    Path tmp;

    @Test
    void anOutcomeCopiedFromAnotherWaveDoesNotMakeStatusReportTheLaneIntegrated() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        f.integrate("--wave", "45").expect(0);
        f.submitted("46", "dimA", "src/a46.txt", "A46\n");
        Files.copy(f.repo.resolve(INBOX.resolve("45/dimA/outcome.json")),
                f.repo.resolve(INBOX.resolve("46/dimA/outcome.json")), StandardCopyOption.REPLACE_EXISTING);

        CliRun text = f.lane(f.repo, "status", "--wave", "46").expect(0);
        CliRun json = f.lane(f.repo, "status", "--wave", "46", "--json").expect(0);

        assertTrue(text.out().contains("submitted") && !text.out().contains("integrated"), text.out());
        JsonNode lane = Json.mapper().readTree(json.out()).get("waves").get(0).get("lanes").get(0);
        assertEquals("submitted", lane.get("state").asText(), json.out());
        assertTrue(lane.get("reason").asText().contains("outcome.json is about wave 45"), json.out());
        f.integrate("--wave", "46").expect(0);
        assertEquals("A46\n", f.onMain("src/a46.txt"));
        CliRun after = f.lane(f.repo, "status", "--wave", "46", "--json").expect(0);
        JsonNode landed = Json.mapper().readTree(after.out()).get("waves").get(0).get("lanes").get(0);
        assertEquals("integrated", landed.get("state").asText(), after.out());
        assertTrue(landed.get("reason").isNull(), after.out());
    }

    @Test
    void anOutcomeCopiedFromAnotherLaneOfTheWaveDoesNotMakeStatusReportTheLaneIntegrated() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        f.integrate("--wave", "45").expect(0);
        f.submitted("45", "dimB", "src/b.txt", "B\n");
        Files.copy(f.repo.resolve(INBOX.resolve("45/dimA/outcome.json")),
                f.repo.resolve(INBOX.resolve("45/dimB/outcome.json")), StandardCopyOption.REPLACE_EXISTING);

        CliRun json = f.lane(f.repo, "status", "--wave", "45", "--lane", "dimB", "--json").expect(0);

        JsonNode lane = Json.mapper().readTree(json.out()).get("waves").get(0).get("lanes").get(0);
        assertEquals("submitted", lane.get("state").asText(), json.out());
        assertTrue(lane.get("reason").asText().contains("lane dimA"), json.out());
    }
}
