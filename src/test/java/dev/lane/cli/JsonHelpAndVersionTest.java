package dev.lane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A script that passes --json gets one JSON document on stdout also when it asks for the version or for help. */
class JsonHelpAndVersionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void versionWithJsonIsOneDocumentNamingLaneAndJavaVersions(@TempDir Path temp) throws Exception {
        for (String[] args : new String[][] {{"--json", "--version"}, {"claim", "--version", "--json"}}) {
            CliRun r = CliRun.run(temp, args).expect(0);
            JsonNode doc = MAPPER.readTree(r.out());
            String text = CliRun.run(temp, "--version").expect(0).out();
            assertEquals(text.lines().findFirst().orElseThrow(), "lane " + doc.get("lane").asText(), r.out());
            assertEquals(System.getProperty("java.version"), doc.get("java").asText(), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void helpWithJsonIsOneDocumentHoldingTheUsualHelpText(@TempDir Path temp) throws Exception {
        CliRun r = CliRun.run(temp, "--json", "claim", "--help").expect(0);

        JsonNode doc = MAPPER.readTree(r.out());
        assertEquals("lane claim", doc.get("command").asText());
        assertEquals(CliRun.run(temp, "claim", "--help").expect(0).out(), doc.get("help").asText(),
                "the same text lane claim --help prints");
        assertTrue(MAPPER.readTree(CliRun.run(temp, "--help", "--json").expect(0).out()).get("help").asText()
                .startsWith("Usage: lane "), "the top-level help too");
    }
}
