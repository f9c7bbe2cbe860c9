package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lane.json.Json;
import dev.lane.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One damaged {@code claim.json} shows in, or parks, its own lane only: {@code lane status} still shows every other
 * lane and wave, {@code lane integrate} lands the other lanes, and agents of other lanes still find their lane.
 */
class DamagedClaimRecordTest {
    @TempDir
    Path tmp;

    private static Path damage(WaveFixture f, String wave, String lane) {
        Path file = f.repo.resolve("tools/offline/_inbox/" + wave + "/" + lane + "/claim.json");
        f.write(f.repo, f.repo.relativize(file).toString(), "{\"wave\": \n");
        return file;
    }

    @Test
    void statusShowsADamagedClaimRecordInItsLaneRowAndEveryOtherLaneAndWaveAsUsual() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        f.claim("15", "dmg");
        Path ok = f.claim("15", "ok");
        f.write(ok, "scripts/migrations/260_vec_e5.sql", "-- 260\n");
        f.submit(ok, "--bump", "minor");
        f.claim("16", "other");
        Path file = damage(f, "15", "dmg");

        CliRun human = f.lane(f.repo, "status").expect(0);
        CliRun json = f.lane(f.repo, "status", "--json").expect(0);

        String dmgRow = human.out().lines().filter(l -> l.startsWith("dmg ")).findFirst().orElse("");
        assertTrue(dmgRow.contains("DAMAGED") && dmgRow.contains(file.toString())
                && dmgRow.contains("lane release --wave 15 --lane dmg --force"), human.out());
        assertTrue(human.out().contains("wave 15: 2 lanes (1 submitted, 1 damaged)"), human.out());
        assertTrue(human.out().lines().anyMatch(l -> l.startsWith("other ") && l.contains("claimed")), human.out());
        JsonNode waves = Json.mapper().readTree(json.out()).get("waves");
        assertEquals(2, waves.size());
        JsonNode lanes = waves.get(0).get("lanes");
        assertEquals("ok", lanes.get(0).get("lane").asText());
        assertEquals("submitted", lanes.get(0).get("state").asText());
        assertEquals("dmg", lanes.get(1).get("lane").asText());
        assertEquals("damaged", lanes.get(1).get("state").asText());
        assertTrue(lanes.get(1).get("reason").asText().contains(file.toString()), json.out());
        assertTrue(lanes.get(1).get("agent").isNull() && lanes.get(1).get("worktree").isNull(), json.out());
    }

    @Test
    void integrateParksTheLaneWithTheDamagedClaimRecordNamingTheFileAndLandsTheOthers() throws Exception {
        WaveFixture f = WaveFixture.create(tmp);
        Path dmg = f.submitted("15", "dmg", "src/dmg.txt", "D\n");
        Path ok = f.submitted("15", "ok", "src/ok.txt", "OK\n");
        Path file = damage(f, "15", "dmg");

        CliRun r = f.integrate("--wave", "15", "--json").expect(4);

        JsonNode lanes = Json.mapper().readTree(r.out()).get("lanes");
        assertEquals("ok", lanes.get(0).get("lane").asText());
        assertEquals("integrated", lanes.get(0).get("status").asText());
        assertEquals("agent-ok", lanes.get(0).get("agent").asText(), r.out());
        assertEquals("dmg", lanes.get(1).get("lane").asText());
        assertEquals("parked", lanes.get(1).get("status").asText());
        assertTrue(lanes.get(1).get("agent").isNull(), "unknown, as in lane status: " + r.out());
        assertTrue(lanes.get(1).get("reason").asText().contains(file.toString()), r.out());
        String files = f.git(f.repo, "ls-tree", "-r", "--name-only", "refs/heads/main", "src/");
        assertTrue(files.contains("src/ok.txt") && !files.contains("src/dmg.txt"), files);
        assertEquals("{\"wave\": \n", f.read(f.repo, "tools/offline/_inbox/15/dmg/claim.json"), "left as it was");
    }

    @Test
    void theReportsNextStepDoesNotTellALaneWithADamagedClaimRecordToSyncWhichWouldBeRefused() {
        WaveFixture f = WaveFixture.create(tmp);
        Path dmg = f.submitted("15", "dmg", "src/dmg.txt", "D\n");
        f.submitted("15", "ok", "src/ok.txt", "OK\n");
        damage(f, "15", "dmg");

        String report = f.integrate("--wave", "15").expect(4).out();

        assertTrue(report.contains("PARKED dmg:\n  its claim record is unreadable"), report);
        String next = report.substring(report.indexOf("\nNext: "));
        assertFalse(next.contains("in each parked lane's worktree run `lane sync`"),
                "lane sync refuses a lane whose claim record is damaged (below), so Next must not send it there: "
                        + next);
        assertTrue(next.contains("PARKED reason above") && next.contains("lane integrate --wave 15"), next);
        f.lane(dmg, "sync").expect(5);
    }

    @Test
    void integrateWithADamagedClaimRecordNamedInOrderStillLandsTheOthers() {
        WaveFixture f = WaveFixture.create(tmp);
        f.claim("15", "dmg");
        Path ok = f.submitted("15", "ok", "src/ok.txt", "OK\n");
        damage(f, "15", "dmg");
        CliRun typo = f.integrate("--wave", "15", "--order", "dmgx").expect(2);
        assertTrue(typo.err().contains("lanes of the wave: ok, dmg."), typo.err());

        CliRun r = f.integrate("--wave", "15", "--order", "dmg,ok").expect(4);

        assertTrue(r.out().contains("PARKED dmg:"), r.out());
        assertTrue(f.git(f.repo, "ls-tree", "-r", "--name-only", "refs/heads/main", "src/").contains("src/ok.txt"));
    }

    @Test
    void aDamagedClaimRecordInAnotherWaveDoesNotStopSubmitFromALanesWorktree() {
        WaveFixture f = WaveFixture.create(tmp);
        f.claim("15", "dmg");
        Path lane = f.claim("45", "dimA");
        damage(f, "15", "dmg");
        f.write(lane, "src/a.txt", "A\n");

        CliRun r = f.lane(lane, "submit", "-m", "work").expect(0);

        assertTrue(r.out().startsWith("submitted lane dimA of wave 45"), r.out());
        assertTrue(f.read(f.repo, "tools/offline/_inbox/45/dimA/submission.json").contains("\"lane\" : \"dimA\""));
    }

    @Test
    void submitAndSyncInsideTheWorktreeOfALaneWithADamagedClaimRecordNameTheRecordNotTheFolder() {
        WaveFixture f = WaveFixture.create(tmp);
        Path lane = f.claim("45", "dimA");
        Path file = damage(f, "45", "dimA");

        CliRun submit = f.lane(lane, "submit", "-m", "work").expect(5);
        CliRun sync = f.lane(lane, "sync").expect(5);
        CliRun named = f.lane(f.repo, "submit", "--wave", "45", "--lane", "dimA").expect(5);

        for (CliRun r : new CliRun[] {submit, sync, named}) {
            assertTrue(r.err().contains(file + " is damaged"), r.err());
            assertFalse(r.err().contains("is not inside a lane's worktree"), r.err());
            assertTrue(r.err().contains("Retrying will not help. If no one holds the lane, run lane release --wave 45 "
                    + "--lane dimA --force"), "what to do, not 'please report it': " + r.err());
        }
    }
}
