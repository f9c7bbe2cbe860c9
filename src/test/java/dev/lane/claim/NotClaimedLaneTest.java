package dev.lane.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import dev.lane.support.RepoState;
import dev.lane.support.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lane name that is not claimed (most often a typo) is refused by submit, sync and release with the lanes that
 * are claimed in the wave, and never with advice to claim the mistyped name.
 */
class NotClaimedLaneTest {
    @TempDir
    Path temp;

    private TestRepo repo;

    @BeforeEach
    void claimTwoLanes() {
        repo = TestRepo.create(temp);
        repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1").expect(0);
        repo.lane("claim", "--wave", "45", "--lane", "dimB", "--agent", "a2").expect(0);
    }

    @Test
    void submitSyncAndReleaseOfATypoedLaneNameTheClaimedLanesAndDoNotSayClaimIt() {
        RepoState before = RepoState.of(repo);
        for (List<String> args : List.of(List.of("submit", "--wave", "45", "--lane", "dimZ"),
                List.of("sync", "--wave", "45", "--lane", "dimZ"),
                List.of("release", "--wave", "45", "--lane", "dimZ"))) {
            CliRun r = repo.lane(args.toArray(String[]::new)).expect(2);
            assertTrue(r.err().contains("lane dimZ of wave 45 is not claimed; lanes claimed in wave 45: dimA, dimB."),
                    r::toString);
            assertFalse(r.err().contains("lane claim --wave 45 --lane dimZ"), () -> "no advice to claim a typo: " + r);
        }
        assertTrue(repo.lane("release", "--wave", "45", "--lane", "dimZ").err().contains("Nothing to release"));
        assertEquals(before, RepoState.of(repo), "nothing changed");
    }

    @Test
    void aLaneOfAWaveNeverClaimedNamesTheWavesThereAre() {
        CliRun r = repo.lane("submit", "--wave", "46", "--lane", "dimA").expect(2);
        assertTrue(r.err().contains("lane dimA of wave 46 is not claimed; no lane of wave 46 was ever claimed "
                + "(waves: 45)."), r::toString);
    }
}
