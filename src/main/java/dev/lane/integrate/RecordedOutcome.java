package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import dev.lane.intent.LandedIntents;
import dev.lane.json.JsonFields;
import dev.lane.json.Labelled;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A lane's {@code outcome.json} as read back: what the last pass did with which submission of the lane (written by
 * {@link OutcomeRecorder}). It counts only for the submission whose sequence it names, and only in its own lane's
 * folder: one copied there by hand from another lane or wave (it names them, and another head) is about another
 * submission ({@link #foreignTo}).
 *
 * @param wave     the wave it names (null in files that do not name one)
 * @param lane     the lane it names (null in files that do not name one)
 * @param status   what the pass did, or empty if the file names a status this lane does not know
 * @param sequence the submission it was about
 * @param head     that submission's head (null if the lane's records could not be read)
 * @param reason   why it was parked (null otherwise)
 * @param time     when
 * @param note     what the lane's agent must know though it landed (an intent not applied, and why), or null
 * @param applied  what of the lane's intents the pass applied (nothing in files that do not say)
 */
public record RecordedOutcome(String wave, String lane, Optional<LaneStatus> status, int sequence, String head,
                              String reason, Instant time, String note, LaneOutcome.Applied applied) {

    /** The outcome in {@code file}, or empty if there is none; a {@code LaneException} if it cannot be read. */
    public static Optional<RecordedOutcome> read(Path file) {
        return SafeFiles.readIfExists(file).map(text -> {
            JsonFields o = JsonFields.of(text, file);
            String label = o.string("status");
            Optional<LaneStatus> status = Labelled.parse(LaneStatus.values(), label);
            return new RecordedOutcome(optional(o, "wave"), optional(o, "lane"), status, o.intValue("sequence"),
                    o.nullableString("head"), o.nullableString("reason"), o.instant("time"), optional(o, "note"),
                    applied(o));
        });
    }

    /** The {@code applied} object ({@code manifest}, {@code bump}, {@code workflows}): nothing if absent or null. */
    private static LaneOutcome.Applied applied(JsonFields o) {
        if (!o.has("applied") || o.isNull("applied")) {
            return LaneOutcome.Applied.nothing();
        }
        return LaneOutcome.Applied.fromJson(o.object("applied"));
    }

    /** A field that older outcome files do not have: null if absent (or null). */
    private static String optional(JsonFields o, String field) {
        return o.has(field) ? o.nullableString(field) : null;
    }

    /**
     * Whether this outcome, read from the folder of {@code lane} of {@code wave}, is about another lane or wave, or
     * about another head under the same sequence number (copied there by hand): then it says so, in words for the
     * lane's detail. Empty if it is that lane's own (about {@code sequence} or an earlier submission).
     */
    public Optional<String> foreignTo(String wave, String lane, int sequence, String head) {
        if ((this.wave != null && !this.wave.equals(wave)) || (this.lane != null && !this.lane.equals(lane))
                || (this.sequence == sequence && this.head != null && !this.head.equals(head))) {
            return Optional.of("its outcome.json is about wave " + (this.wave == null ? "?" : this.wave) + ", lane "
                    + (this.lane == null ? "?" : this.lane) + ", submission " + this.sequence + " at "
                    + (this.head == null ? "?" : this.head.substring(0, Math.min(12, this.head.length())))
                    + ", not about this lane's latest submission (copied here by hand?), so it says nothing about "
                    + "this lane; lane integrate --wave " + wave + " rewrites it");
        }
        return Optional.empty();
    }

    /**
     * What this outcome says its pass landed of the lane's intents: the manifest entries and bump request it applied
     * if the lane landed (integrated or already integrated), else nothing. Its workflow edits are named by path only,
     * which does not tell one edit of a file from a later one: they are left out (see {@link LandedIntents}).
     */
    public LandedIntents appliedLanded() {
        return status.filter(s -> s != LaneStatus.PARKED).isPresent()
                ? new LandedIntents(applied.manifest(), applied.bump() == null ? List.of() : List.of(applied.bump()),
                        List.of())
                : LandedIntents.none();
    }

    /** Whether this outcome says submission {@code sequence} (at {@code head}) of the lane is on main. */
    public boolean landed(String wave, String lane, int sequence, String head) {
        return this.sequence == sequence && foreignTo(wave, lane, sequence, head).isEmpty()
                && status.map(s -> s != LaneStatus.PARKED).orElse(false);
    }
}
