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
 * submit or sync: both exit 3 (retryable), change nothing, and say the lane is still being claimed. If the claimant
 * is gone, retrying cannot help: exit 5, with how to take the lane over.
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

        assertTrue(submit.err().contains("lane dimA of wave 45 is still being claimed (agent agent-dimA, pid "
                + ProcessHandle.current().pid()), submit.err());
        assertTrue(submit.err().endsWith("); retry in a moment\n"), submit.err());
        assertTrue(sync.err().contains("lane dimA of wave 45 is still being claimed"), sync.err());
        assertEquals(head, f.git(lane, "rev-parse", "HEAD"), "sync merged nothing");
    }

    @Test
    void aLaneWhoseClaimantDiedMidClaimIsRefusedWithHowToTakeItOverNotAnEndlessRetry() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.claim("45", "dimA");
        long gone = pidThatCannotBeAlive();
        Path record = f.repo.resolve("tools/offline/_inbox/45/dimA/claim.json");
        ObjectNode claim = (ObjectNode) Json.mapper().readTree(Files.readString(record));
        claim.put("state", "CLAIMING").put("pid", gone);
        Files.writeString(record, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(claim));

        CliRun submit = f.lane(f.repo, "submit", "--wave", "45", "--lane", "dimA").expect(5);
        CliRun sync = f.lane(f.repo, "sync", "--wave", "45", "--lane", "dimA").expect(5);

        for (CliRun r : new CliRun[] {submit, sync}) {
            assertTrue(r.err().contains("lane dimA of wave 45 was never fully claimed: its claimant (agent agent-dimA, "
                    + "pid " + gone + ") is gone"), r.err());
            assertTrue(r.err().contains("Run lane claim --wave 45 --lane dimA to take it over"), r.err());
        }
        CliRun status = f.lane(f.repo, "status", "--wave", "45").expect(0);
        assertTrue(status.out().contains("its claimant (pid " + gone + " on ") && status.out().contains(
                "is gone: this claim will never finish; lane release --wave 45 --lane dimA --force frees the lane"),
                "the operator sees it will never finish: " + status.out());
        f.claim("45", "dimA"); // and that advice works
    }

    /**
     * A pid no process can have, so the claimant is gone for certain (a reaped child's pid may be reused meanwhile):
     * Linux gives pids below {@code /proc/sys/kernel/pid_max}, which is at most 2^22; elsewhere (no such file) 2^22
     * is above any pid too.
     */
    private static long pidThatCannotBeAlive() throws Exception {
        Path pidMax = Path.of("/proc/sys/kernel/pid_max");
        long max = Files.isReadable(pidMax) ? Long.parseLong(Files.readAllLines(pidMax).get(0).strip()) : 1L << 22;
        assertTrue(ProcessHandle.of(max).isEmpty(), "pid " + max + " is not a process");
        return max;
    }
}
