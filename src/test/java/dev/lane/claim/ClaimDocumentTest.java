package dev.lane.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lane.inbox.Inbox;
import dev.lane.json.Json;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimDocumentTest {
    private static ClaimRecord pending() {
        return new ClaimRecord("45", "dimA", "agent-7", Instant.parse("2026-11-22T11:04:20.123456789Z"),
                ClaimState.CLAIMING, null, "/tmp/jpcite-45-dimA", "lane/45/dimA", "host", 4242L);
    }

    @Test
    void claimFileTextIsWhatTheMapperWritesForTheRecord() throws Exception {
        for (ClaimRecord r : new ClaimRecord[] {pending(), pending().completed("0123456789abcdef0123456789abcdef01234567")}) {
            assertEquals(Json.mapper().writeValueAsString(r) + "\n", Json.write(ClaimStore.document(r)));
        }
    }

    @Test
    void aWrittenClaimReadsBackAsTheSameRecord(@TempDir Path dir) throws Exception {
        Inbox inbox = new Inbox(dir.resolve("inbox"));
        ClaimStore store = new ClaimStore(inbox);
        ClaimRecord done = pending().completed("0123456789abcdef0123456789abcdef01234567");
        Files.createDirectories(inbox.claimDir(new WaveId("45"), new LaneId("dimA")));
        store.write(done);
        assertEquals(done, store.require(new WaveId("45"), new LaneId("dimA")));
    }
}
