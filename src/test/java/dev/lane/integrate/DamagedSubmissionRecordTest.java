package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One damaged {@code submission.json} shows in, or parks, its own lane only, and submitting again repairs it.
 */
class DamagedSubmissionRecordTest {
    @TempDir
    Path tmp;

    @Test
    void aDamagedSubmissionRecordParksOnlyItsLaneShowsInItsRowAndASecondSubmitRepairsIt() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path dmg = f.claim("15", "dmg");
        Path ok = f.claim("15", "ok");
        f.write(dmg, "src/d.txt", "D\n");
        f.submit(dmg);
        f.write(ok, "src/ok.txt", "OK\n");
        f.submit(ok);
        Path file = f.repo.resolve("tools/offline/_inbox/15/dmg/submission.json");
        f.write(f.repo, f.repo.relativize(file).toString(), "{\"head\": \n");

        CliRun status = f.lane(f.repo, "status", "--wave", "15", "--json").expect(0);
        JsonNode lanes = Json.mapper().readTree(status.out()).get("waves").get(0).get("lanes");
        assertEquals("damaged", lanes.get(0).get("state").asText(), status.out());
        assertTrue(lanes.get(0).get("reason").asText().contains(file.toString()), status.out());
        assertEquals("submitted", lanes.get(1).get("state").asText(), status.out());

        CliRun r = f.integrate("--wave", "15", "--json").expect(4);

        JsonNode out = Json.mapper().readTree(r.out());
        JsonNode parked = out.get("lanes").get(1);
        assertEquals("dmg", parked.get("lane").asText(), r.out());
        assertEquals("parked", parked.get("status").asText());
        assertTrue(parked.get("reason").asText().contains(file.toString())
                && parked.get("reason").asText().endsWith("; nothing of this lane was integrated. Run lane submit "
                + "again in its worktree " + dmg + " to rewrite it, then integrate again."), r.out());
        assertEquals("OK\n", f.onMain("src/ok.txt"));

        JsonNode repaired = Json.mapper().readTree(f.lane(dmg, "submit", "--json").expect(0).out());
        assertEquals(2, repaired.get("sequence").asInt(), "numbered after the one submit the ledger records");
        assertTrue(repaired.get("resubmission").asBoolean());
        f.integrate("--wave", "15").expect(0);
        assertEquals("D\n", f.onMain("src/d.txt"));
    }
}
