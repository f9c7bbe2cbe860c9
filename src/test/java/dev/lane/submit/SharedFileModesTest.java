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
 * A shared file travels as an intent, which carries text, not a file mode: a lane that changes a shared file's mode
 * or kind is refused, naming the file and how to restore it, instead of losing that change without a word.
 */
class SharedFileModesTest {
    @TempDir
    Path tmp;

    @Test
    void aVersionFileMadeExecutableIsRefusedWithNothingChanged() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "a");
        assertTrue(a.resolve("pyproject.toml").toFile().setExecutable(true));
        String head = f.git(a, "rev-parse", "HEAD");

        CliRun r = f.lane(a, "submit", "-m", "executable");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("the lane changes the mode of pyproject.toml (100644 -> 100755)"), r.err());
        assertEquals(head, f.git(a, "rev-parse", "HEAD"));
    }

    @Test
    void aWorkflowFileMadeExecutableWithAnEditIsRefusedInsteadOfLandingWithoutItsMode() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "a");
        f.write(a, ".github/workflows/deploy.yml", WaveFixture.DEPLOY.replace("make smoke", "make smoke-all"));
        assertTrue(a.resolve(".github/workflows/deploy.yml").toFile().setExecutable(true));

        CliRun r = f.lane(a, "submit", "-m", "executable workflow");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("the lane changes the mode of .github/workflows/deploy.yml (100644 -> 100755)"),
                r.err());
    }

    @Test
    void aVersionFileReplacedByASymbolicLinkIsRefusedNamingWhatItBecame() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "a");
        Files.delete(a.resolve("server.json"));
        Files.createSymbolicLink(a.resolve("server.json"), Path.of("src/other.txt"));

        CliRun r = f.lane(a, "submit", "-m", "a link");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("the lane changes the mode of server.json (100644 -> 120000, a symbolic link)"),
                r.err());
    }

    @Test
    void aWorkflowAddedAsASymbolicLinkIsRefusedSayingSo() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "a");
        Files.createSymbolicLink(a.resolve(".github/workflows/copy.yml"), Path.of("deploy.yml"));

        CliRun r = f.lane(a, "submit", "-m", "a linked workflow");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("the lane adds .github/workflows/copy.yml as a symbolic link"), r.err());
    }
}
