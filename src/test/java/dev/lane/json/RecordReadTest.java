package dev.lane.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimState;
import dev.lane.claim.ClaimStore;
import dev.lane.core.ExitCode;
import dev.lane.core.LaneException;
import dev.lane.inbox.Inbox;
import dev.lane.intent.BumpLevel;
import dev.lane.intent.BumpRequest;
import dev.lane.intent.Intents;
import dev.lane.intent.WorkflowEdit;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.submit.Submission;
import dev.lane.submit.SubmissionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semver4j.Semver;

/**
 * The claim records, submissions and intents lane writes read back, through the stores, exactly as written, without
 * the databind mapper; a damaged file is an INTERNAL error naming it; fields a newer lane might add are ignored.
 */
class RecordReadTest {
    private static final WaveId WAVE = new WaveId("45");
    private static final LaneId LANE = new LaneId("dimA");
    private static final Instant AT = Instant.parse("2026-11-22T11:04:20.123456Z");

    @TempDir
    Path tmp;

    private Inbox inbox() throws Exception {
        Inbox inbox = new Inbox(tmp.resolve("_inbox"));
        Files.createDirectories(inbox.claimDir(WAVE, LANE));
        return inbox;
    }

    private static ClaimRecord claiming() {
        return new ClaimRecord("45", "dimA", "agent-1", AT, ClaimState.CLAIMING, null, "/tmp/wt-45-dimA",
                "lane/45/dimA", "host-1", 4242L);
    }

    private static Intents fullIntents() {
        return new Intents(List.of("0007_add.sql", "0008_more.sql"), BumpRequest.of(BumpLevel.MINOR),
                List.of(new WorkflowEdit(".github/workflows/new.yml", null, "on: workflow_dispatch\n"),
                        new WorkflowEdit(".github/workflows/deploy.yml", "on: push\n", "on:\n  push:\n  workflow_dispatch:\n")));
    }

    private static Submission submission(Intents intents) {
        return new Submission("45", "dimA", "agent-1", "a".repeat(40), "b".repeat(40), AT, 3, intents, null);
    }

    private static LaneException internal(Runnable read) {
        LaneException e = assertThrows(LaneException.class, read::run);
        assertEquals(ExitCode.INTERNAL, e.exitCode(), e.getMessage());
        return e;
    }

    @Test
    void aClaimRecordWrittenByLaneReadsBackEqualWhileClaimingAndOnceClaimed() throws Exception {
        Inbox inbox = inbox();
        ClaimStore store = new ClaimStore(inbox);
        for (ClaimRecord record : List.of(claiming(), claiming().completed("c".repeat(40)))) {
            Files.writeString(inbox.claimRecord(WAVE, LANE), Json.write(record));
            assertEquals(record, store.read(WAVE, LANE).orElseThrow());
        }
    }

    @Test
    void aSubmissionWrittenByLaneReadsBackEqualWithAndWithoutIntents() throws Exception {
        Inbox inbox = inbox();
        SubmissionStore store = new SubmissionStore(inbox);
        Intents explicitVersion = new Intents(List.of(), BumpRequest.of(Semver.parse("2.0.0")), List.of());
        for (Intents intents : List.of(fullIntents(), Intents.none(), explicitVersion)) {
            Submission written = submission(intents);
            Files.writeString(inbox.submission(WAVE, LANE), Json.write(written));
            assertEquals(written, store.submission(WAVE, LANE).orElseThrow());
        }
    }

    @Test
    void intentsWrittenByLaneReadBackEqualIncludingANullBumpAndANullWorkflowBase() throws Exception {
        Inbox inbox = inbox();
        SubmissionStore store = new SubmissionStore(inbox);
        assertEquals(Intents.none(), store.intents(WAVE, LANE)); // no file yet
        Intents noBump = new Intents(List.of("0001_a.sql"), null,
                List.of(new WorkflowEdit(".github/workflows/x.yml", null, "on: workflow_dispatch\n")));
        for (Intents intents : List.of(fullIntents(), noBump, Intents.none())) {
            Files.writeString(inbox.intents(WAVE, LANE), Json.write(intents));
            assertEquals(intents, store.intents(WAVE, LANE));
        }
    }

    @Test
    void fieldsANewerLaneMightAddAreIgnored() throws Exception {
        Inbox inbox = inbox();
        String claim = Json.write(claiming()).replaceFirst("\\{", "{ \"future\" : {\"nested\" : [1, 2.5, true, null]},");
        Files.writeString(inbox.claimRecord(WAVE, LANE), claim);
        assertEquals(claiming(), new ClaimStore(inbox).read(WAVE, LANE).orElseThrow());

        String sub = Json.write(submission(fullIntents()))
                .replace("\"manifest\" :", "\"extra\" : \"x\", \"manifest\" :")
                .replace("\"path\" :", "\"mode\" : 420, \"path\" :")
                .replaceFirst("\\{", "{ \"signature\" : null,");
        Files.writeString(inbox.submission(WAVE, LANE), sub);
        assertEquals(submission(fullIntents()), new SubmissionStore(inbox).submission(WAVE, LANE).orElseThrow());
    }

    @Test
    void aClaimRecordWithAMissingOrMistypedFieldIsAnInternalErrorNamingTheFileAndField() throws Exception {
        Inbox inbox = inbox();
        Path file = inbox.claimRecord(WAVE, LANE);
        ClaimStore store = new ClaimStore(inbox);
        String good = Json.write(claiming());
        List<List<String>> cases = List.of(
                List.of(good.replace("\"agent\" : \"agent-1\",", ""), "field agent is missing"),
                List.of(good.replace("\"pid\" : 4242", "\"pid\" : \"4242\""), "field pid is not a whole number"),
                List.of(good.replace("\"CLAIMING\"", "\"LOST\""), "field state is not one of"),
                List.of(good.replace("\"2026-11-22T11:04:20.123456Z\"", "\"yesterday\""), "field claimedAt is not a time"),
                List.of(good.replace("\"host\" : \"host-1\"", "\"host\" : null"), "field host is null"),
                List.of(good.replace("\"lane\" : \"dimA\"", "\"lane\" : [\"dimA\"]"), "field lane is not a string"),
                List.of("{broken", "is damaged"),
                List.of(good + "{}", "text after the document"),
                List.of("[]", "the document is not an object"),
                List.of("", "the file is empty"));
        for (List<String> c : cases) {
            Files.writeString(file, c.get(0));
            LaneException e = internal(() -> store.read(WAVE, LANE));
            assertTrue(e.getMessage().startsWith(file + " is damaged (not the JSON lane wrote)"), e.getMessage());
            assertTrue(e.getMessage().contains(c.get(1)), c.get(1) + " in: " + e.getMessage());
        }
        Files.writeString(file, "{\n");
        LaneException cut = internal(() -> store.read(WAVE, LANE));
        assertEquals(file + " is damaged (not the JSON lane wrote): Unexpected end-of-input: expected close marker for "
                + "Object (line 2, column 1)", cut.getMessage(), "where it broke, without the parser's own notes");
    }

    @Test
    void aSubmissionOrIntentsWithAMissingOrMistypedFieldIsAnInternalErrorNamingTheFileAndField() throws Exception {
        Inbox inbox = inbox();
        SubmissionStore store = new SubmissionStore(inbox);
        Path sub = inbox.submission(WAVE, LANE);
        String good = Json.write(submission(fullIntents()));
        List<List<String>> subCases = List.of(
                List.of(good.replace("\"sequence\" : 3,", ""), "field sequence is missing"),
                List.of(good.replace("\"sequence\" : 3", "\"sequence\" : 3.5"), "field sequence is not a whole number"),
                List.of(good.replace("\"bump\" : \"minor\"", "\"bump\" : \"sideways\""),
                        "field intents.bump is not a bump request: sideways"),
                List.of(good.replace("\"lane\" : \"on: workflow_dispatch\\n\"", "\"lane\" : 7"),
                        "field intents.workflows[0].lane is not a string"),
                List.of(good.replace("\"0008_more.sql\"", "null"), "field intents.manifest[1] is not a string"));
        for (List<String> c : subCases) {
            assertTrue(!c.get(0).equals(good), "case did not change the document: " + c.get(1));
            Files.writeString(sub, c.get(0));
            LaneException e = internal(() -> store.submission(WAVE, LANE));
            assertTrue(e.getMessage().startsWith(sub + " is damaged (not the JSON lane wrote): " + c.get(1)),
                    e.getMessage());
        }

        Path intents = inbox.intents(WAVE, LANE);
        Files.writeString(intents, Json.write(new Intents(List.of("0001_a.sql"), null, List.of()))
                .replace("\"workflows\" : [ ]", "\"workflows\" : \"none\""));
        LaneException e = internal(() -> store.intents(WAVE, LANE));
        assertEquals(intents + " is damaged (not the JSON lane wrote): field workflows is not a list", e.getMessage());
    }
}
