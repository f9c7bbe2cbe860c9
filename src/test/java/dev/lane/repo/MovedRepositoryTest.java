package dev.lane.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.integrate.WaveFixture;
import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository folder moved (or renamed) after lanes were claimed: each lane's worktree still points back to the
 * old path. A command run in such a worktree says so and how to repair the link, instead of calling the repository
 * bare; once repaired the lane submits and lands as usual.
 */
class MovedRepositoryTest {
    @TempDir
    Path tmp;

    @Test
    void aWorktreeOfARepositoryThatWasMovedSaysSoAndHowToRepairIt() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path worktree = f.claim("45", "dimA");
        f.write(worktree, "src/a.txt", "A\n");
        Path moved = tmp.resolve("moved");
        Files.createDirectories(moved);
        Files.move(f.repo, moved.resolve("repo"));
        WaveFixture m = WaveFixture.at(moved);

        CliRun r = m.lane(worktree, "submit", "-m", "work");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(tmp.resolve("repo/.git/worktrees").toString()) && r.err().contains("does not exist")
                && r.err().contains("worktree repair " + worktree) && !r.err().contains("bare"), r.err());
        m.git(m.repo, "worktree", "repair", worktree.toString());
        m.lane(worktree, "submit", "-m", "work").expect(0);
        m.integrate("--wave", "45").expect(0);
        assertEquals("A\n", m.onMain("src/a.txt"));
    }

    @Test
    void releasingALaneOfAMovedRepositoryRefusesBeforeChangingAnythingAndWorksOnceRepaired() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path worktree = f.claim("45", "dimA");
        Path moved = tmp.resolve("moved");
        Files.createDirectories(moved);
        Files.move(f.repo, moved.resolve("repo"));
        WaveFixture m = WaveFixture.at(moved);

        CliRun r = m.lane(m.repo, "release", "--wave", "45", "--lane", "dimA", "--force");

        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("worktree repair " + worktree) && r.err().contains("Nothing was changed"),
                r.err());
        assertEquals("", m.git(m.repo, "for-each-ref", "refs/lane-archive"), "no archive ref made");
        assertTrue(Files.exists(m.repo.resolve("tools/offline/_inbox/45/dimA/claim.json")), "still claimed");
        m.git(m.repo, "worktree", "repair", worktree.toString());
        m.lane(m.repo, "release", "--wave", "45", "--lane", "dimA").expect(0);
        assertTrue(Files.notExists(worktree), "its worktree is removed");
    }
}
