package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MCP server.json carries the server's version twice or more: at the top and in each of its packages. The brief's
 * incident had one file bumped while others "still referenced 0.3.5": a wave's one bump must move every copy that was
 * in step, and leave alone a package pinned to another version on purpose.
 */
class McpServerJsonVersionTest {
    static final String MCP = """
            {
              "$schema": "https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json",
              "name": "io.github.jpcite/jpcite",
              "version": "0.3.5",
              "packages": [
                {
                  "registryType": "pypi",
                  "identifier": "jpcite",
                  "version": "0.3.5",
                  "transport": { "type": "stdio" }
                },
                { "registryType": "oci", "identifier": "ghcr.io/jpcite/jpcite", "version": "0.3.5" },
                { "registryType": "npm", "identifier": "jpcite-shim", "version": "1.2.0" }
              ],
              "remotes": [ { "type": "streamable-http", "url": "https://api.jpcite.example/mcp" } ]
            }
            """;

    @TempDir
    Path tmp;
    WaveFixture f;

    @BeforeEach
    void mcpServerJsonOnMain() {
        f = WaveFixture.create(tmp);
        f.commitOnMain("server.json", MCP, "MCP server.json");
    }

    /** MCP with the top-level version and the packages that were in step at {@code version}. */
    private static String at(String version) {
        return MCP.replace("\"0.3.5\"", "\"" + version + "\"");
    }

    @Test
    void aWaveBumpMovesEveryPackageVersionInStepAndLeavesAPinnedOneAlone() {
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        Path b = f.claim("45", "dimB");
        f.write(b, "src/b.txt", "B\n");
        f.submit(b, "--bump", "minor");

        CliRun r = f.integrate("--wave", "45").expect(0);

        assertEquals(at("0.4.0"), f.onMain("server.json"), "every copy in step moves, the pinned 1.2.0 stays, no other "
                + "byte changes");
        assertTrue(r.out().contains("version:   0.3.5 -> 0.4.0"), r.out());
    }

    @Test
    void aLaneThatBumpsTheServerAndItsPackagesTogetherSubmitsOneBumpRequest() {
        Path a = f.claim("45", "dimA");
        f.write(a, "server.json", at("0.3.6"));

        CliRun submitted = f.submit(a);

        assertTrue(submitted.out().contains("bump patch"), submitted.out());
        f.integrate("--wave", "45").expect(0);
        assertEquals(at("0.3.6"), f.onMain("server.json"));
    }

    @Test
    void aLaneThatBumpsOnlyTheTopLevelVersionStillLandsWithEveryCopyInStep() {
        Path a = f.claim("45", "dimA");
        f.write(a, "server.json", MCP.replaceFirst("\"0.3.5\"", "\"0.3.6\""));
        f.submit(a);

        f.integrate("--wave", "45").expect(0);

        assertEquals(at("0.3.6"), f.onMain("server.json"), "no package is left behind at 0.3.5");
    }

    @Test
    void aLaneThatChangesOnlyAPackageVersionIsRefusedAtSubmit() {
        Path a = f.claim("45", "dimA");
        f.write(a, "server.json", MCP.replace("\"identifier\": \"jpcite-shim\", \"version\": \"1.2.0\"",
                "\"identifier\": \"jpcite-shim\", \"version\": \"1.3.0\""));

        CliRun r = f.lane(a, "submit", "-m", "shim");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("server.json beyond its version value"), r.err());
    }
}
