package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lane status --json}: what scripts read from the operator's view. */
class StatusJsonTest {
    @TempDir
    Path tmp;

    @Test
    void statusJsonGivesEachLanesIntentsAsDataNextToTheSummary() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.claim("45", "idle");
        f.write(a, "scripts/migrations/260_vec_e5.sql", "-- 260\n");
        f.write(a, ".github/workflows/deploy.yml", WaveFixture.DEPLOY.replace("make smoke", "make smoke-all"));
        f.submit(a, "--bump", "minor");

        CliRun r = f.lane(f.repo, "status", "--wave", "45", "--json").expect(0);

        JsonNode lanes = Json.mapper().readTree(r.out()).get("waves").get(0).get("lanes");
        JsonNode dimA = lanes.get(0);
        assertTrue(dimA.get("intents").asText().contains("manifest +1 (260_vec_e5.sql)"), r.out());
        JsonNode detail = dimA.get("intentsDetail");
        assertEquals(List.of("260_vec_e5.sql"), List.of(detail.get("manifest").get(0).asText()));
        assertEquals(1, detail.get("manifest").size());
        assertEquals("minor", detail.get("bump").asText());
        assertEquals(".github/workflows/deploy.yml", detail.get("workflows").get(0).asText());
        assertTrue(lanes.get(1).get("intentsDetail").isNull(), "not submitted: no intents");
    }
}
