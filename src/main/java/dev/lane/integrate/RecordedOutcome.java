package dev.lane.integrate;

import dev.lane.fs.SafeFiles;
import dev.lane.json.JsonFields;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * A lane's {@code outcome.json} as read back: what the last pass did with which submission of the lane (written by
 * {@link OutcomeRecorder}). It counts only for the submission whose sequence it names.
 *
 * @param status   what the pass did, or empty if the file names a status this lane does not know
 * @param sequence the submission it was about
 * @param head     that submission's head (null if the lane's records could not be read)
 * @param reason   why it was parked (null otherwise)
 * @param time     when
 * @param note     what the lane's agent must know though it landed (an intent not applied, and why), or null
 */
public record RecordedOutcome(Optional<LaneStatus> status, int sequence, String head, String reason, Instant time,
                              String note) {

    /** The outcome in {@code file}, or empty if there is none; a {@code LaneException} if it cannot be read. */
    public static Optional<RecordedOutcome> read(Path file) {
        return SafeFiles.readIfExists(file).map(text -> {
            JsonFields o = JsonFields.of(text, file);
            String label = o.string("status");
            return new RecordedOutcome(Arrays.stream(LaneStatus.values()).filter(s -> s.label().equals(label))
                    .findFirst(), o.intValue("sequence"), o.nullableString("head"), o.nullableString("reason"),
                    o.instant("time"), o.has("note") ? o.nullableString("note") : null);
        });
    }

    /** Whether this outcome says submission {@code sequence} of the lane is on main. */
    public boolean landed(int sequence) {
        return this.sequence == sequence && status.map(s -> s != LaneStatus.PARKED).orElse(false);
    }
}
