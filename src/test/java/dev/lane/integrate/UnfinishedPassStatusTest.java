package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.inbox.Inbox;
import dev.lane.names.WaveId;
import dev.lane.support.CliRun;
import dev.lane.support.JvmProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * During an incident the operator must tell at a glance whether an integrate pass is running now, or stopped half
 * way (killed, crashed) and waiting for a rerun: `lane status` says so above the lanes, without taking any lock.
 */
class UnfinishedPassStatusTest {
    @TempDir
    Path tmp;

    @Test
    void statusSaysAPassIsRunningThenThatItStoppedUnfinishedThenNothingOnceARerunFinishedIt() throws Exception {
        Path started = tmp.resolve("check-started");
        WaveFixture f = WaveFixture.create(tmp, "check: touch '" + started + "' && sleep 60\n");
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        String before = f.mainHead();
        JvmProcess pass = f.passInItsCheck("45", started, "ops"); // lock held, integrate-started in the ledger
        try {
            CliRun running = f.lane(f.repo, "status", "--wave", "45").expect(0);
            assertTrue(running.out().contains("integrate pass RUNNING (started "), running.out());
            assertTrue(running.out().contains("by agent ops, pid " + pass.pid()), running.out());
            JsonNode json = new ObjectMapper().readTree(f.lane(f.repo, "status", "--wave", "45", "--json").out());
            assertEquals("running", json.get("waves").get(0).get("integrate").get("state").asText());
        } finally {
            WaveFixture.killInCheck(pass, started);
        }

        CliRun stopped = f.lane(f.repo, "status", "--wave", "45").expect(0);
        assertTrue(stopped.out().contains("integrate pass STOPPED unfinished (started "), stopped.out());
        assertTrue(stopped.out().contains("run lane integrate --wave 45 to finish it"), stopped.out());
        assertEquals(before, f.mainHead(), "killed before main moved");

        f.write(f.repo, "lanes.yml", "worktree: " + tmp.resolve("wt-{wave}-{lane}") + "\n"); // no check this time
        f.integrate("--wave", "45").expect(0);

        CliRun done = f.lane(f.repo, "status", "--wave", "45").expect(0);
        assertFalse(done.out().contains("integrate pass"), done.out());
        JsonNode after = new ObjectMapper().readTree(f.lane(f.repo, "status", "--wave", "45", "--json").out());
        assertTrue(after.get("waves").get(0).get("integrate").isNull(), after.toString());
    }

    @Test
    void aPassWhoseHolderLineNamesAnotherHostIsShownAsUnknownNeverAsRunning() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        f.integrateKilledAt(Step.LANES_MERGED, "45"); // integrate-started in the ledger, no closing entry
        // The same pass's line, as if it had run on another machine sharing the inbox (a network file system).
        Path lock = f.repo.resolve("tools/offline/_inbox/45/.integrate.lock");
        String line = Files.readString(lock).strip();
        assertTrue(line.matches("integrate by agent .*, pid \\d+, host [^,]+, since .*"), line);
        String elsewhere = line.replaceFirst(", host [^,]+,", ", host build-2.invalid,");
        Files.writeString(lock, elsewhere + "\n");

        CliRun human = f.lane(f.repo, "status", "--wave", "45").expect(0);
        JsonNode pass = new ObjectMapper().readTree(f.lane(f.repo, "status", "--wave", "45", "--json").out())
                .get("waves").get(0).get("integrate");

        assertTrue(human.out().contains("integrate pass UNKNOWN (started "), human.out());
        assertTrue(human.out().contains(" on host build-2.invalid): " + elsewhere), human.out());
        assertTrue(human.out().contains("This machine cannot tell whether that process still runs"), human.out());
        assertFalse(human.out().contains("RUNNING") || human.out().contains("STOPPED"), human.out());
        assertEquals("unknown", pass.get("state").asText(), pass.toString());
        assertEquals(elsewhere, pass.get("holder").asText());
    }

    @Test
    void aHolderLineEditedToAPidNoProcessCanHaveIsReadWithoutAnInternalError() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        f.integrateKilledAt(Step.LANES_MERGED, "45");
        Path lock = f.repo.resolve("tools/offline/_inbox/45/.integrate.lock");
        Files.writeString(lock, Files.readString(lock).replaceFirst(", pid \\d+,", ", pid 99999999999999999999,"));

        CliRun r = f.lane(f.repo, "status", "--wave", "45").expect(0);

        assertTrue(r.out().contains("integrate pass"), r.out());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    @Test
    void aReleaseHoldingTheLockAfterACrashedPassIsNotShownAsThatPassRunning() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        f.integrateKilledAt(Step.LANES_MERGED, "45"); // integrate-started in the ledger, the process gone

        // A release of a lane of the wave takes the lock the dead pass let go of (as ReleaseService does).
        try (IntegrateLock release = IntegrateLock.acquire(new Inbox(f.repo.resolve("tools/offline/_inbox")),
                new WaveId("45"), IntegrateLock.RELEASE + "dimA", "lane release", "ops", Instant.now())) {
            CliRun during = f.lane(f.repo, "status", "--wave", "45").expect(0);
            assertTrue(during.out().contains("integrate pass STOPPED unfinished (started "), during.out());
            assertFalse(during.out().contains("release of lane"), "the release is not the pass: " + during.out());
            JsonNode json = new ObjectMapper().readTree(f.lane(f.repo, "status", "--wave", "45", "--json").out());
            assertEquals("stopped", json.get("waves").get(0).get("integrate").get("state").asText());
        }
        CliRun after = f.lane(f.repo, "status", "--wave", "45").expect(0);
        assertTrue(after.out().contains("integrate pass STOPPED unfinished (started "), after.out());
        assertFalse(after.out().contains("release of lane"), "the release is not the pass: " + after.out());
    }
}
