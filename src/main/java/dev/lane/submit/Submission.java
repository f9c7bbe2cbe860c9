package dev.lane.submit;

import dev.lane.intent.Intents;
import dev.lane.intent.LandedIntents;
import dev.lane.json.JsonFields;
import java.time.Instant;

/**
 * A lane's latest submission, {@code submission.json} in its claim folder: what the integrator will merge.
 *
 * @param wave        the wave
 * @param lane        the lane
 * @param agent       who submitted
 * @param head        the lane branch's commit at submission (after shared files were moved into intents)
 * @param base        the commit the lane's shared-file edits were measured against (its fork point from main)
 * @param submittedAt when
 * @param sequence    1 for the first submission, 2 for the first resubmission, ...
 * @param intents     the lane's intents at that moment (its whole set since its fork point: what landed with an
 *                    earlier submission too)
 * @param landed      what of the lane's intents earlier submissions landed, as their outcomes said when this one was
 *                    made ({@link LandedIntents}; none in files written before lane recorded it)
 */
public record Submission(
        String wave,
        String lane,
        String agent,
        String head,
        String base,
        Instant submittedAt,
        int sequence,
        Intents intents,
        LandedIntents landed) {

    public Submission {
        landed = landed == null ? LandedIntents.none() : landed;
    }

    /**
     * The submission from {@code submission.json} as {@link SubmissionStore} writes it (only {@code base} may be
     * null; {@code landed} is absent from files written before lane recorded it).
     */
    public static Submission fromJson(JsonFields f) {
        return new Submission(f.string("wave"), f.string("lane"), f.string("agent"), f.string("head"),
                f.nullableString("base"), f.instant("submittedAt"), f.intValue("sequence"),
                Intents.fromJson(f.object("intents")),
                f.has("landed") ? LandedIntents.fromJson(f.object("landed")) : LandedIntents.none());
    }
}
