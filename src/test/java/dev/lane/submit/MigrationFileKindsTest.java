package dev.lane.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.integrate.WaveFixture;
import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest entry must name a migration the integrator will take: a regular file. Submit applies the integrator's
 * rule, so a migration added as a symbolic link is refused now, not parked later as a file "main no longer has".
 */
class MigrationFileKindsTest {
    @TempDir
    Path tmp;

    @Test
    void aMigrationAddedAsASymbolicLinkIsRefusedAtSubmitWithNothingChanged() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "a");
        Files.createSymbolicLink(a.resolve("scripts/migrations/260_vec_e5.sql"), Path.of("252_law_jorei_pref.sql"));
        String head = f.git(a, "rev-parse", "HEAD");

        CliRun r = f.lane(a, "submit", "-m", "a linked migration");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("manifest entry 260_vec_e5.sql names no migration file"), r.err());
        assertEquals(head, f.git(a, "rev-parse", "HEAD"));
    }
}
