package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lane parked on a conflict only native git finds is told which files, in the repository's own names. */
class NativeConflictReasonsTest {
    @TempDir
    Path tmp;

    @Test
    void aConflictGitNamesNoFileForIsReportedWithGitsOwnMessage() {
        WaveFixture f = WaveFixture.create(tmp);
        f.commitOnMain("old/one.txt", "one\n".repeat(20), "add old/one.txt");
        f.commitOnMain("old/two.txt", "two\n".repeat(20), "add old/two.txt");
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        f.write(a, "x/.keep", "");
        f.write(a, "y/.keep", "");
        f.git(a, "mv", "old/one.txt", "x/one.txt");
        f.git(a, "mv", "old/two.txt", "y/two.txt");
        f.submit(a);
        f.write(b, "old/three.txt", "three\n");
        f.submit(b);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("PARKED b:\n  code conflict that git names no file for: CONFLICT (directory "
                + "rename split)"), r.out());
        assertFalse(r.out().contains("code conflict in ."), r.out());
    }

    @Test
    void aSymbolicLinkOneLaneRetargetsAndAnotherTurnsIntoAFileIsNamedOnceAsItIsCalled() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Files.createSymbolicLink(f.repo.resolve("src/link"), Path.of("app.txt"));
        f.git(f.repo, "add", "src/link");
        f.git(f.repo, "-c", "user.name=t", "-c", "user.email=t@lane.invalid", "commit", "-qm", "a link");
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        Files.delete(a.resolve("src/link"));
        Files.createSymbolicLink(a.resolve("src/link"), Path.of("other.txt"));
        f.submit(a);
        Files.delete(b.resolve("src/link"));
        f.write(b, "src/link", "a file now\n");
        f.submit(b);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("PARKED b:\n  code conflict in src/link (also changed by lane a). In"), r.out());
        assertEquals("other.txt", f.git(f.repo, "cat-file", "-p", "refs/heads/main:src/link"));
    }

    @Test
    void aRenameConflictNamesTheLanesOwnNewNameWithoutBlamingMain() {
        WaveFixture f = WaveFixture.create(tmp);
        f.commitOnMain("src/shared.txt", "shared\n".repeat(20), "add src/shared.txt");
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        f.git(a, "mv", "src/shared.txt", "src/by-a.txt");
        f.submit(a);
        f.git(b, "mv", "src/shared.txt", "src/by-b.txt");
        f.submit(b);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("src/by-a.txt (also changed by lane a)"), r.out());
        assertTrue(r.out().contains("src/by-b.txt, "), r.out());
        assertFalse(r.out().contains("(changed on main)"), r.out());
    }
}
