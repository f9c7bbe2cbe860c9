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
        assertEquals(List.of("wave", "dryRun", "main", "lanes", "manifest", "version", "workflows", "notSubmitted",
                "check"), fields(doc));
        assertEquals(List.of("command", "outcome", "parked", "runs"), fields(doc.get("check")));
        assertEquals("45", doc.get("wave").asText());
        assertTrue(doc.get("dryRun").isBoolean() && !doc.get("dryRun").asBoolean());
        assertEquals(List.of("before", "after", "planned"), fields(doc.get("main")));
        assertEquals(before, doc.get("main").get("before").asText());
        assertEquals(f.mainHead(), doc.get("main").get("after").asText());
        assertEquals(f.mainHead(), doc.get("main").get("planned").asText());
        assertEquals(2, doc.get("lanes").size());
        for (JsonNode lane : doc.get("lanes")) {
            assertEquals(List.of("lane", "agent", "status", "reason", "head", "commit", "note"), fields(lane));
        }
        assertEquals("integrated", doc.get("lanes").get(0).get("status").asText());
        assertEquals("agent-dimA", doc.get("lanes").get(0).get("agent").asText(), "the lane's claimant, as in status");
        assertEquals("agent-dimB", doc.get("lanes").get(1).get("agent").asText(), "parked lanes name theirs too");
        assertTrue(doc.get("lanes").get(0).get("reason").isNull());
        assertEquals(f.git(a, "rev-parse", "HEAD").strip(), doc.get("lanes").get(0).get("head").asText());
        String landed = doc.get("lanes").get(0).get("commit").asText();
        assertEquals(f.git(f.repo, "rev-parse", "refs/heads/main~1").strip(), landed,
                "the lane's merge commit, under the shared-surface commit");
        assertEquals("parked", doc.get("lanes").get(1).get("status").asText());
        assertTrue(doc.get("lanes").get(1).get("reason").asText().contains("src/app.txt (changed on main)"));
        assertTrue(doc.get("lanes").get(1).get("commit").isNull());
        assertEquals(List.of("added"), fields(doc.get("manifest")));
        assertEquals("260_vec_e5.sql", doc.get("manifest").get("added").get(0).asText());
        assertEquals(List.of("from", "to", "note"), fields(doc.get("version")));
        assertEquals("0.3.5", doc.get("version").get("from").asText());
        assertEquals("0.3.6", doc.get("version").get("to").asText());
        assertEquals(".github/workflows/deploy.yml", doc.get("workflows").get(0).asText());
        assertEquals(1, doc.get("workflows").size());
        assertEquals(0, doc.get("notSubmitted").size());
    }

    @Test
    void aDryRunSaysSoInItsJsonAndNamesTheCommitMainWouldMoveToWhileMainStays() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.claim("45", "idle");
        f.write(a, "src/a.txt", "A\n");
        f.write(a, "scripts/migrations/260_vec_e5.sql", "-- 260\n");
        f.submit(a, "--bump", "minor");
        String before = f.mainHead();

        CliRun r = f.integrate("--wave", "45", "--dry-run", "--json").expect(0);

        JsonNode doc = Json.mapper().readTree(r.out());
        assertTrue(doc.get("dryRun").asBoolean(), r.out());
        assertEquals(before, f.mainHead(), "a dry run moves nothing");
        assertEquals(before, doc.get("main").get("before").asText());
        assertEquals(before, doc.get("main").get("after").asText());
        String planned = doc.get("main").get("planned").asText();
        assertTrue(!planned.equals(before) && planned.length() == 40, r.out());
        assertEquals("0.4.0\n", f.git(f.repo, "show", planned + ":pyproject.toml").lines()
                .filter(l -> l.startsWith("version")).map(l -> l.replaceAll("[^0-9.]", "") + "\n").findFirst()
                .orElse(""), "the planned commit holds the pass's result");
        assertEquals(before, f.git(f.repo, "rev-parse", planned + "~2").strip(), "planned sits on main");
        assertEquals("integrated", doc.get("lanes").get(0).get("status").asText());
        assertEquals("agent-dimA", doc.get("lanes").get(0).get("agent").asText(), r.out());
        assertEquals(f.git(f.repo, "rev-parse", planned + "~1").strip(),
                doc.get("lanes").get(0).get("commit").asText());
        assertEquals(List.of("idle"), List.of(doc.get("notSubmitted").get(0).asText()));
        assertEquals(1, doc.get("notSubmitted").size());

        CliRun real = f.integrate("--wave", "45", "--json").expect(0);
        JsonNode done = Json.mapper().readTree(real.out());
        assertTrue(!done.get("dryRun").asBoolean());
        assertEquals(f.mainHead(), done.get("main").get("after").asText());
        assertEquals(done.get("main").get("after").asText(), done.get("main").get("planned").asText());
        assertEquals(f.git(f.repo, "rev-parse", planned + "^{tree}"), f.git(f.repo, "rev-parse", "main^{tree}"),
                "the dry run's preview has the tree the real pass lands (integrator.md says to compare trees)");
    }
}
