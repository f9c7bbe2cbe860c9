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

/**
 * A lane that landed and submits again lists what landed with it again (its intents are its whole set since its fork
 * point); neither {@code lane status} nor that {@code lane submit}'s own report may show those as still to land, in
 * their text or in {@code --json}.
 */
class ResubmittedLaneStatusTest {
    private static final String DEPLOY = ".github/workflows/deploy.yml";

    @TempDir
    Path tmp;

    @Test
    void aResubmittedLaneShowsWhatLandedWithItsFirstSubmissionAsLandedAndOnlyItsNewEntryAsPending() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        f.write(a, "scripts/migrations/262_add_x.sql", "-- 262\n");
        f.write(a, DEPLOY, WaveFixture.DEPLOY.replace("make smoke", "make smoke-all"));
        f.submit(a, "--bump", "minor");
        f.integrate("--wave", "45").expect(0);
        f.write(a, "scripts/migrations/263_y.sql", "-- 263\n");
        CliRun resubmit = f.submit(a); // no sync: the submission lists 262_add_x.sql, the bump and the edit again

        assertTrue(resubmit.out().contains("intents: manifest +1 (263_y.sql); landed earlier: manifest +1 "
                + "(262_add_x.sql), bump minor, workflow edits 1 (" + DEPLOY + ")"), "submit's own report: "
                + resubmit.out());

        String row = row(f.lane(f.repo, "status", "--wave", "45").expect(0), "dimA");
        assertTrue(row.contains(" submitted ") && row.contains("manifest +1 (263_y.sql); landed earlier: "
                + "manifest +1 (262_add_x.sql), bump minor, workflow edits 1 (" + DEPLOY + ")"), row);
        JsonNode lane = jsonLane(f, "dimA");
        assertEquals(List.of("263_y.sql"), strings(lane.get("intentsPending").get("manifest")));
        assertTrue(lane.get("intentsPending").get("bump").isNull(), "one bump per wave: it landed already");
        assertEquals(List.of(), strings(lane.get("intentsPending").get("workflows")));
        assertEquals(List.of("262_add_x.sql"), strings(lane.get("intentsLanded").get("manifest")));
        assertEquals("minor", lane.get("intentsLanded").get("bump").asText());
        assertEquals(List.of(DEPLOY), strings(lane.get("intentsLanded").get("workflows")));
        assertEquals(List.of("262_add_x.sql", "263_y.sql"), strings(lane.get("intentsDetail").get("manifest")),
                "intentsDetail stays the submission as made");
        assertEquals("manifest +1 (263_y.sql); landed earlier: manifest +1 (262_add_x.sql), bump minor, workflow edits 1 ("
                + DEPLOY + ")", lane.get("intents").asText(), "intents reads as the DETAIL column");

        // What status shows as pending is what a pass would apply.
        JsonNode plan = Json.mapper().readTree(f.integrate("--wave", "45", "--dry-run", "--json").expect(0).out());
        assertEquals(List.of("263_y.sql"), strings(plan.get("manifest").get("added")));
        assertTrue(plan.get("workflows").isEmpty(), plan.toString());

        f.integrate("--wave", "45").expect(0);
        JsonNode landed = jsonLane(f, "dimA");
        assertEquals("integrated", landed.get("state").asText());
        assertEquals(List.of(), strings(landed.get("intentsPending").get("manifest")), "nothing left to land");
    }

    @Test
    void aParkedResubmissionAndTheOneAfterItStillShowWhatTheLaneLandedFirstAsLanded() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        f.write(a, "scripts/migrations/262_add_x.sql", "-- 262\n");
        f.submit(a);
        f.integrate("--wave", "45").expect(0);
        f.write(b, "scripts/migrations/263_b.sql", "-- 263\n");
        f.submit(b);
        f.integrate("--wave", "45").expect(0);
        f.write(a, "scripts/migrations/263_a.sql", "-- 263 too\n");
        f.submit(a);
        f.integrate("--wave", "45").expect(4); // 263 is taken by dimB: dimA is parked, nothing of it lands

        JsonNode parked = jsonLane(f, "dimA");
        assertEquals("parked", parked.get("state").asText());
        assertEquals(List.of("263_a.sql"), strings(parked.get("intentsPending").get("manifest")));
        assertEquals(List.of("262_add_x.sql"), strings(parked.get("intentsLanded").get("manifest")));

        f.git(a, "mv", "scripts/migrations/263_a.sql", "scripts/migrations/264_a.sql");
        JsonNode submitted = Json.mapper().readTree(f.submit(a, "--json").out());
        assertEquals(List.of("264_a.sql"), strings(submitted.get("intentsPending").get("manifest")),
                "submit --json: " + submitted);
        assertEquals(List.of("262_add_x.sql"), strings(submitted.get("intentsLanded").get("manifest")));
        assertEquals(List.of("262_add_x.sql", "264_a.sql"), strings(submitted.get("intents").get("manifest")),
                "intents stays the lane's whole set");
        String row = row(f.lane(f.repo, "status", "--wave", "45").expect(0), "dimA");
        assertTrue(row.contains("manifest +1 (264_a.sql); landed earlier: manifest +1 (262_add_x.sql)"), row);
        JsonNode again = jsonLane(f, "dimA");
        assertEquals(List.of("264_a.sql"), strings(again.get("intentsPending").get("manifest")));
        assertEquals(List.of("262_add_x.sql"), strings(again.get("intentsLanded").get("manifest")));
    }

    private static String row(CliRun status, String lane) {
        return status.out().lines().filter(l -> l.startsWith(lane + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row of " + lane + ":\n" + status.out()));
    }

    private static JsonNode jsonLane(WaveFixture f, String lane) throws Exception {
        CliRun r = f.lane(f.repo, "status", "--wave", "45", "--json").expect(0);
        for (JsonNode l : Json.mapper().readTree(r.out()).get("waves").get(0).get("lanes")) {
            if (l.get("lane").asText().equals(lane)) {
                return l;
            }
        }
        throw new AssertionError("no lane " + lane + ": " + r.out());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
