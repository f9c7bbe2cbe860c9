package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrateJsonTest {
    @TempDir
    Path tmp;

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void jsonOutputHasExactlyTheDocumentedShape() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "scripts/migrations/260_vec_e5.sql", "-- 260\n");
        f.write(a, ".github/workflows/deploy.yml", WaveFixture.DEPLOY.replace("make smoke", "make smoke-all"));
        f.submit(a, "--bump", "patch");
        f.write(b, "src/app.txt", "conflict\n");
        f.submit(b);
        f.git(f.repo, "commit", "-q", "--allow-empty", "-m", "main moves on");
        f.write(f.repo, "src/app.txt", "main's change\n");
        f.git(f.repo, "commit", "-q", "-am", "main edits app");
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45", "--json").expect(4);

        JsonNode doc = Json.mapper().readTree(r.out());
        assertEquals(List.of("wave", "main", "lanes", "manifest", "version", "workflows"), fields(doc));
        assertEquals("45", doc.get("wave").asText());
        assertEquals(List.of("before", "after"), fields(doc.get("main")));
        assertEquals(before, doc.get("main").get("before").asText());
        assertEquals(f.mainHead(), doc.get("main").get("after").asText());
        assertEquals(2, doc.get("lanes").size());
        for (JsonNode lane : doc.get("lanes")) {
            assertEquals(List.of("lane", "status", "reason"), fields(lane));
        }
        assertEquals("integrated", doc.get("lanes").get(0).get("status").asText());
        assertTrue(doc.get("lanes").get(0).get("reason").isNull());
        assertEquals("parked", doc.get("lanes").get(1).get("status").asText());
        assertTrue(doc.get("lanes").get(1).get("reason").asText().contains("src/app.txt (changed on main)"));
        assertEquals(List.of("added"), fields(doc.get("manifest")));
        assertEquals("260_vec_e5.sql", doc.get("manifest").get("added").get(0).asText());
        assertEquals(List.of("from", "to"), fields(doc.get("version")));
        assertEquals("0.3.5", doc.get("version").get("from").asText());
        assertEquals("0.3.6", doc.get("version").get("to").asText());
        assertEquals(".github/workflows/deploy.yml", doc.get("workflows").get(0).asText());
        assertEquals(1, doc.get("workflows").size());
    }
}
