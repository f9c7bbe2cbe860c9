package dev.lane.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lane.integrate.WaveFixture;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lane whose claim is still being set up (state CLAIMING, its claimant alive on this host) is not worked on by
 * submit or sync: both exit 3 (retryable), change nothing, and say the lane is still being claimed.
 */
class ClaimBeingSetUpTest {
    @TempDir
    Path tmp;

    @Test
    void submitAndSyncOfALaneStillBeingClaimedExitThreeAndChangeNothing() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path lane = f.claim("45", "dimA");
        f.commitOnMain("src/other.txt", "moved on main\n", "main moves");
        Path record = f.repo.resolve("tools/offline/_inbox/45/dimA/claim.json");
        ObjectNode claim = (ObjectNode) Json.mapper().readTree(Files.readString(record));
        claim.put("state", "CLAIMING").put("pid", ProcessHandle.current().pid());
        Files.writeString(record, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(claim));
        String head = f.git(lane, "rev-parse", "HEAD");

        CliRun submit = f.lane(f.repo, "submit", "--wave", "45", "--lane", "dimA").expect(3);
        CliRun sync = f.lane(f.repo, "sync", "--wave", "45", "--lane", "dimA").expect(3);

        assertTrue(submit.err().contains("lane dimA is still being claimed; retry in a moment"), submit.err());
        assertTrue(sync.err().contains("lane dimA is still being claimed; retry in a moment"), sync.err());
        assertEquals(head, f.git(lane, "rev-parse", "HEAD"), "sync merged nothing");
    }
}
