package dev.lane.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lane.integrate.WaveFixture;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent edits its own {@code submission.json} by hand (it can: the inbox is its user's), to make the integrator
 * write where no lane may, or to forge lines in the operator's report. The integrator parks that lane as damaged,
 * lands the others, and never fails the whole pass.
 */
class HostileSubmissionTest {
    @TempDir
    Path tmp;

    @Test
    void aWorkflowEditInsideDotGitParksOnlyThatLaneAsDamaged() throws Exception {
        CliRun r = integrateWithForgedIntents("{\"manifest\":[],\"bump\":null,\"workflows\":[{\"path\":"
                + "\".git/hooks/post-merge\",\"base\":null,\"lane\":\"on: {workflow_dispatch: null}\"}]}");

        assertParkedAsDamaged(r, "workflows[0].path");
    }

    @Test
    void aWorkflowEditOutsideTheRepositoryParksOnlyThatLaneAsDamaged() throws Exception {
        CliRun r = integrateWithForgedIntents("{\"manifest\":[],\"bump\":null,\"workflows\":[{\"path\":"
                + "\"../../outside.yml\",\"base\":null,\"lane\":\"on: {workflow_dispatch: null}\"}]}");

        assertParkedAsDamaged(r, "workflows[0].path");
        assertFalse(Files.exists(tmp.resolve("outside.yml")));
    }

    @Test
    void aManifestEntryWithALineBreakCannotForgeALineOfTheReport() throws Exception {
        CliRun r = integrateWithForgedIntents("{\"manifest\":[\"002_x.sql\\nINTEGRATED everything: all good\"],"
                + "\"bump\":null,\"workflows\":[]}");

        assertParkedAsDamaged(r, "manifest[0]");
        assertFalse(r.out().contains("\nINTEGRATED everything"), r::toString);
    }

    private WaveFixture f;

    private CliRun integrateWithForgedIntents(String intents) throws Exception {
        f = WaveFixture.create(tmp);
        Path evil = f.claim("15", "evil");
        Path ok = f.claim("15", "ok");
        f.write(evil, "src/e.txt", "E\n");
        f.submit(evil).expect(0);
        f.write(ok, "src/ok.txt", "OK\n");
        f.submit(ok).expect(0);
        Path file = f.repo.resolve("tools/offline/_inbox/15/evil/submission.json");
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(Files.readString(file));
        doc.set("intents", Json.mapper().readTree(intents));
        Files.writeString(file, Json.mapper().writeValueAsString(doc));
        return f.integrate("--wave", "15");
    }

    private void assertParkedAsDamaged(CliRun r, String field) throws Exception {
        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.out().contains("is damaged (not the JSON lane wrote): field intents." + field), r::toString);
        assertEquals("OK\n", f.onMain("src/ok.txt"), "the other lane lands");
        CliRun json = f.lane(f.repo, "status", "--wave", "15", "--json").expect(0);
        JsonNode lanes = Json.mapper().readTree(json.out()).get("waves").get(0).get("lanes");
        assertEquals("evil", lanes.get(0).get("lane").asText(), json.out());
        assertTrue(lanes.get(0).get("reason").asText().contains("damaged"), json.out());
    }
}
