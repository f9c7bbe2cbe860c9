package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manifest kept with Windows line endings keeps them: the entries a pass appends do not mix in bare line feeds. */
class ManifestLineEndingsTest {
    @TempDir
    Path tmp;

    @Test
    void entriesAppendedToACrlfManifestEndWithCrlfLikeItsOtherLines() {
        WaveFixture f = WaveFixture.create(tmp);
        String crlf = f.read(f.repo, WaveFixture.MANIFEST).replace("\n", "\r\n");
        f.commitOnMain(WaveFixture.MANIFEST, crlf, "manifest with CRLF line endings");
        f.submitted("45", "dimA", "scripts/migrations/260_vec_e5.sql", "-- 260\n", "--manifest", "260_vec_e5.sql");

        f.integrate("--wave", "45").expect(0);

        String landed = f.onMain(WaveFixture.MANIFEST);
        assertEquals(crlf + "260_vec_e5.sql\r\n", landed);
        assertFalse(landed.replace("\r\n", "").contains("\n"), "no bare line feed: " + landed);
    }
}
