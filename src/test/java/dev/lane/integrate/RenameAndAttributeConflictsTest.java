package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merges that JGit's rename-blind, attribute-blind merge calls clean but git itself refuses: the lane is parked, as
 * git would have it, instead of landing two copies of a renamed file, resurrecting a deleted one, stranding a new
 * file in a folder that was moved, or text-merging a file .gitattributes declares unmergeable.
 */
class RenameAndAttributeConflictsTest {
    private static final String BODY = WaveFixture.numberedLines("body", 30);

    @TempDir
    Path tmp;

    @Test
    void aFileRenamedByTwoLanesToDifferentNamesParksTheSecondInsteadOfLandingTwoCopies() {
        WaveFixture f = WaveFixture.create(tmp);
        f.commitOnMain("src/shared.txt", BODY, "a file to rename");
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        f.git(a, "mv", "src/shared.txt", "src/by-a.txt");
        f.submit(a);
        f.git(b, "mv", "src/shared.txt", "src/by-b.txt");
        f.submit(b);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("PARKED b"), r.out());
        assertEquals(BODY, f.onMain("src/by-a.txt"));
        assertEquals("", f.git(f.repo, "ls-tree", "--name-only", "refs/heads/main", "src/by-b.txt"));
    }

    @Test
    void aFileOneLaneRenamesAndAnotherDeletesParksTheSecondInsteadOfKeepingTheFile() {
        WaveFixture f = WaveFixture.create(tmp);
        f.commitOnMain("src/shared.txt", BODY, "a file to rename");
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        f.git(a, "mv", "src/shared.txt", "src/by-a.txt");
        f.submit(a);
        f.git(b, "rm", "-q", "src/shared.txt");
        f.submit(b);

        CliRun r = f.integrate("--wave", "45", "--squash").expect(4);

        assertTrue(r.out().contains("PARKED b"), r.out());
        assertTrue(r.out().contains("src/by-a.txt"), r.out());
    }

    @Test
    void aFileAddedIntoAFolderAnotherLaneMovedParksInsteadOfLandingInTheOldFolder() {
        WaveFixture f = WaveFixture.create(tmp);
        f.commitOnMain("old/one.txt", WaveFixture.numberedLines("one", 20), "a folder to move");
        f.commitOnMain("old/two.txt", WaveFixture.numberedLines("two", 20), "a folder to move");
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        f.git(a, "mv", "old", "new");
        f.submit(a);
        f.write(b, "old/three.txt", "three\n");
        f.submit(b);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("PARKED b"), r.out());
        assertTrue(r.out().contains("new/three.txt"), r.out());
        assertEquals("new/one.txt\nnew/two.txt\n", f.git(f.repo, "ls-tree", "-r", "--name-only", "refs/heads/main",
                "old", "new"));
    }

    @Test
    void aFileGitattributesMarksBinaryChangedByTwoLanesParksTheSecondInsteadOfMergingItAsText() {
        WaveFixture f = WaveFixture.create(tmp);
        f.commitOnMain(".gitattributes", "*.dat binary\nsrc/keep.txt -merge\n", "attributes");
        f.commitOnMain("src/table.dat", WaveFixture.APP, "binary by attribute");
        f.commitOnMain("src/keep.txt", WaveFixture.APP, "never merged");
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        Path c = f.claim("45", "c");
        Path d = f.claim("45", "d");
        f.write(a, "src/table.dat", WaveFixture.APP.replace("line 1", "line 1 by a"));
        f.submit(a);
        f.write(b, "src/table.dat", WaveFixture.APP.replace("line 8", "line 8 by b"));
        f.submit(b);
        f.write(c, "src/keep.txt", WaveFixture.APP.replace("line 1", "line 1 by c"));
        f.submit(c);
        f.write(d, "src/keep.txt", WaveFixture.APP.replace("line 8", "line 8 by d"));
        f.submit(d);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("PARKED b:\n  code conflict in src/table.dat"), r.out());
        assertTrue(r.out().contains("PARKED d:\n  code conflict in src/keep.txt"), r.out());
        assertEquals(WaveFixture.APP.replace("line 1", "line 1 by a"), f.onMain("src/table.dat"));
        assertEquals(WaveFixture.APP.replace("line 1", "line 1 by c"), f.onMain("src/keep.txt"));
    }

}
