package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lane.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pass a check refused changes nothing, so its lanes still read "submitted": {@code lane status} must say that the
 * wave's last pass was refused and why, or the operator just runs integrate again into the same refusal.
 */
class StatusAfterRefusedPassTest {
    @TempDir
    Path tmp;

    @Test
    void statusSaysTheWavesLastPassWasRefusedAndWhyUntilAPassEndsOtherwise() throws Exception {
        WaveFixture f = WaveFixture.refusedForAMissingMigration(tmp, "090_law_article_body_en.sql");
        f.integrate("--wave", "45").expect(5);

        String status = f.lane(f.repo, "status", "--wave", "45").expect(0).out();
        assertTrue(status.contains("last integrate pass REFUSED"), status);
        assertTrue(status.contains("lacks required migration 090_law_article_body_en.sql"), status);
        assertTrue(status.indexOf("REFUSED") < status.indexOf("LANE "), "above the table: " + status);
        JsonNode wave = Json.mapper().readTree(f.lane(f.repo, "--json", "status", "--wave", "45").expect(0).out())
                .get("waves").get(0);
        assertEquals("refused", wave.get("lastPass").get("outcome").asText(), wave.toString());
        assertTrue(wave.get("lastPass").get("detail").asText().contains("lacks required migration"), wave.toString());
        assertTrue(wave.get("integrate").isNull(), "no pass is unfinished: " + wave);

        Files.writeString(f.repo.resolve("lanes.yml"), "worktree: " + tmp.resolve("wt-{wave}-{lane}") + "\n");
        f.integrate("--wave", "45").expect(0);

        String after = f.lane(f.repo, "status", "--wave", "45").expect(0).out();
        assertFalse(after.contains("REFUSED"), after);
        JsonNode landed = Json.mapper().readTree(f.lane(f.repo, "--json", "status", "--wave", "45").expect(0).out())
                .get("waves").get(0);
        assertTrue(landed.get("lastPass").isNull(), landed.toString());
    }
}
