package dev.lane.submit;

import dev.lane.fs.SafeFiles;
import dev.lane.inbox.Inbox;
import dev.lane.intent.Intents;
import dev.lane.json.Json;
import dev.lane.json.JsonFields;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and atomically writes a lane's intents and submission files. Writing goes through the mapper; reading goes
 * through the streaming parser and the records' {@code fromJson} factories (no mapper start-up on the integrator's
 * path).
 */
public final class SubmissionStore {
    private final Inbox inbox;

    public SubmissionStore(Inbox inbox) {
        this.inbox = inbox;
    }

    public Optional<Submission> submission(WaveId wave, LaneId lane) {
        Path file = inbox.submission(wave, lane);
        return SafeFiles.readIfExists(file).map(t -> Submission.fromJson(JsonFields.of(t, file)));
    }

    public Intents intents(WaveId wave, LaneId lane) {
        Path file = inbox.intents(wave, lane);
        return SafeFiles.readIfExists(file).map(t -> Intents.fromJson(JsonFields.of(t, file))).orElse(Intents.none());
    }

    void writeIntents(WaveId wave, LaneId lane, Intents intents) {
        SafeFiles.writeAtomically(inbox.intents(wave, lane), Json.write(intents));
    }

    void writeSubmission(Submission submission) {
        SafeFiles.writeAtomically(inbox.submission(new WaveId(submission.wave()), new LaneId(submission.lane())),
                Json.write(submission));
    }
}
