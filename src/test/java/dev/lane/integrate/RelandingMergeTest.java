package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lane that landed once and goes on working (from its squashed landing, or with two merge bases after a sync
 * while its submission was landing) gets git's rename detection too, as on a first landing: a file renamed on one
 * side and edited on the other lands, one renamed on both sides to different names is parked.
 */
class RelandingMergeTest {
    private static final String BODY = WaveFixture.numberedLines("line", 30);

    @TempDir
    Path tmp;

    @Test
    void aFileTheLaneRenamesAfterItsSquashedLandingWhileAnotherLaneEditedItLandsRenamedWithTheEdit() {
        WaveFixture f = WaveFixture.create(tmp);
        f.commitOnMain("src/r.txt", BODY, "add src/r.txt");
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        f.write(a, "src/a1.txt", "a1\n");
        f.submit(a);
        f.integrate("--wave", "45", "--squash").expect(0);
        f.write(b, "src/r.txt", BODY.replace("line 3\n", "line 3 by b\n"));
        f.submit(b);
        f.git(a, "mv", "src/r.txt", "src/r2.txt");
        f.submit(a);

        CliRun r = f.integrate("--wave", "45", "--squash", "--order", "b,a").expect(0);

        assertTrue(r.out().contains("2 integrated, 0 parked"), r.out());
        assertEquals(BODY.replace("line 3\n", "line 3 by b\n"), f.onMain("src/r2.txt"));
        assertEquals("", f.git(f.repo, "ls-tree", "--name-only", "refs/heads/main", "src/r.txt"));
    }

    @Test
    void aFileTheLaneRenamesAfterItsSquashedLandingWhileAnotherRenamedItElsewhereIsParked() {
        WaveFixture f = WaveFixture.create(tmp);
        f.commitOnMain("src/r.txt", BODY, "add src/r.txt");
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        f.write(a, "src/a1.txt", "a1\n");
        f.submit(a);
        f.integrate("--wave", "45", "--squash").expect(0);
        f.git(b, "mv", "src/r.txt", "src/by-b.txt");
        f.submit(b);
        f.git(a, "mv", "src/r.txt", "src/by-a.txt");
        f.submit(a);

        CliRun r = f.integrate("--wave", "45", "--squash", "--order", "b,a").expect(4);

        assertTrue(r.out().contains("PARKED a:"), r.out());
        assertEquals("", f.git(f.repo, "ls-tree", "--name-only", "refs/heads/main", "src/by-a.txt"));
    }

    @Test
    void aLaneWithTwoMergeBasesThatRenamesAFileAnotherLaneRenamedElsewhereIsParked() {
        WaveFixture f = WaveFixture.create(tmp);
        f.commitOnMain("src/r.txt", BODY, "add src/r.txt");
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        Path c = f.claim("45", "c");
        f.write(b, "src/b.txt", "b\n");
        f.submit(b);
        f.integrate("--wave", "45").expect(0); // a is not submitted yet
        f.write(a, "src/a1.txt", "a1\n");
        f.submit(a);
        f.lane(a, "sync").expect(0); // takes b's landing in; its submission is the earlier head
        f.integrate("--wave", "45").expect(0); // lands that earlier head: a and main now have two merge bases
        f.git(c, "mv", "src/r.txt", "src/by-c.txt");
        f.submit(c);
        f.git(a, "mv", "src/r.txt", "src/by-a.txt");
        f.submit(a);
        assertEquals(2, f.git(f.repo, "merge-base", "--all", "refs/heads/main", "refs/heads/lane/45/a").strip()
                .lines().count());

        CliRun r = f.integrate("--wave", "45", "--order", "c,a").expect(4);

        assertTrue(r.out().contains("PARKED a:"), r.out());
        assertEquals("", f.git(f.repo, "ls-tree", "--name-only", "refs/heads/main", "src/by-a.txt"));
    }
}
