package dev.lane.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.integrate.WaveFixture;
import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --bump} is refused at submit (exit 2, nothing changed) when it could only be a mistake: the version the
 * project already has (a no-op), or a version spelled otherwise than the plain version a version file holds.
 */
class BumpSpellingTest {
    @TempDir
    Path tmp;
    WaveFixture f;
    Path a;

    @BeforeEach
    void laneWithWork() {
        f = WaveFixture.create(tmp);
        a = f.claim("45", "dimA");
        f.write(a, "src/a.txt", "A\n");
    }

    private void nothingChanged() {
        assertFalse(Files.exists(f.repo.resolve("tools/offline/_inbox/45/dimA/submission.json")));
        assertEquals("?? src/a.txt", f.git(a, "status", "--porcelain").strip(), "the work is still uncommitted");
    }

    @Test
    void aBumpToTheCurrentVersionIsRefusedAsANoOp() {
        CliRun r = f.lane(a, "submit", "-m", "work", "--bump", "0.3.5").expect(2);

        assertTrue(r.err().contains("bump to 0.3.5 is the current version already, so it would change nothing"),
                r.err());
        nothingChanged();
    }

    @Test
    void aBumpToTheCurrentVersionWithBuildMetadataIsRefusedAsANoOpNotAcceptedAsStale() {
        CliRun r = f.lane(a, "submit", "-m", "work", "--bump", "0.3.5+build.7").expect(2);

        assertTrue(r.err().contains("bump to 0.3.5+build.7 is the current version 0.3.5 already")
                && r.err().contains("build metadata"), r.err());
        nothingChanged();
    }

    @Test
    void aBumpWithALeadingVIsRefusedNamingThePlainVersionToWrite() {
        CliRun r = f.lane(a, "submit", "-m", "work", "--bump", "v0.4.0").expect(2);

        assertTrue(r.err().contains("invalid bump 'v0.4.0': write the version as 0.4.0"), r.err());
        nothingChanged();
    }

    @Test
    void aPlainHigherVersionIsAccepted() {
        CliRun r = f.lane(a, "submit", "-m", "work", "--bump", "0.4.0").expect(0);

        assertTrue(r.out().contains("bump 0.4.0"), r.out());
    }
}
