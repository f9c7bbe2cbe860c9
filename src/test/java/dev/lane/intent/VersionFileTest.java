package dev.lane.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.core.LaneException;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class VersionFileTest {
    private static final String MCP = """
            {"name": "x", "version": "0.3.5",
             "packages": [{"identifier": "a", "version": "0.3.5", "extra": {"version": "0.3.5"}},
                          "not an object",
                          {"identifier": "b", "version": "2.0.0"},
                          {"identifier": "c"}],
             "nested": {"version": "0.3.5"}}
            """;

    @Test
    void aBumpMovesThePackagesInStepButNotAPinnedPackageNorVersionsNestedElsewhere() {
        String bumped = VersionFile.withVersion("server.json", MCP, "0.4.0");

        assertEquals("""
                {"name": "x", "version": "0.4.0",
                 "packages": [{"identifier": "a", "version": "0.4.0", "extra": {"version": "0.3.5"}},
                              "not an object",
                              {"identifier": "b", "version": "2.0.0"},
                              {"identifier": "c"}],
                 "nested": {"version": "0.3.5"}}
                """, bumped);
        assertEquals(Optional.of("0.4.0"), VersionFile.read("server.json", bumped));
    }

    @Test
    void aPackageVersionWrittenWithEscapesIsRefusedNamingTheFile() {
        LaneException e = assertThrows(LaneException.class, () -> VersionFile.withVersion("server.json",
                "{\"version\": \"0.3.5\", \"packages\": [{\"version\": \"0.3.\\u0035\"}]}", "0.4.0"));
        assertTrue(e.getMessage().contains("server.json") && e.getMessage().contains("escapes"), e.getMessage());
    }

    @Test
    void changingOnlyAPackageIsNotAVersionChangeButMovingTopAndPackagesIs() {
        String onlyPackage = MCP.replace("\"identifier\": \"b\", \"version\": \"2.0.0\"",
                "\"identifier\": \"b\", \"version\": \"2.1.0\"");
        assertFalse(VersionFile.onlyVersionChanged("server.json", MCP, onlyPackage));
        assertTrue(VersionFile.onlyVersionChanged("server.json", MCP, VersionFile.withVersion("server.json", MCP,
                "1.0.0")));
        assertTrue(VersionFile.onlyVersionChanged("server.json", MCP, MCP.replaceFirst("0\\.3\\.5", "0.3.6")),
                "the top-level value alone: the integrator moves the copies");
    }

    @Test
    void aTomlVersionIsReplacedWhereItIsWrittenNeverInACommentAndAnEscapedOneIsRefused() {
        String commented = "[project]\nname = \"x\"\nversion = '0.3.5' # was 0.3.4, then 0.3.5\n";
        assertEquals("[project]\nname = \"x\"\nversion = '0.4.0' # was 0.3.4, then 0.3.5\n",
                VersionFile.withVersion("pyproject.toml", commented, "0.4.0"));
        String escaped = "[project]\nname = \"x\"\nversion = \"0\\u002e3.5\" # was 0.3.5\n";
        LaneException e = assertThrows(LaneException.class,
                () -> VersionFile.withVersion("pyproject.toml", escaped, "0.4.0"));
        assertTrue(e.getMessage().contains("write it as a plain one-line string"), e.getMessage());
        assertThrows(LaneException.class, () -> VersionFile.read("pyproject.toml", escaped),
                "refused when read too, so submit refuses what integrate would");
    }

    @Property(tries = 300)
    void aBumpAndItsReverseGiveBackTheFileByteForByte(@ForAll("versions") String to) {
        String bumped = VersionFile.withVersion("server.json", MCP, to);
        assertEquals(Optional.of(to), VersionFile.read("server.json", bumped));
        assertEquals(MCP, VersionFile.withVersion("server.json", bumped, "0.3.5"));
        assertTrue(VersionFile.onlyVersionChanged("server.json", MCP, bumped));
    }

    @Provide
    Arbitrary<String> versions() {
        Arbitrary<Integer> n = Arbitraries.integers().between(0, 120);
        return Combinators.combine(n, n, n).as((a, b, c) -> a + "." + b + "." + c).filter(v -> !v.equals("2.0.0"));
    }
}
