package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.intent.BumpRequest;
import dev.lane.json.JsonFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pass did with one submitted lane.
 *
 * @param lane     the lane
 * @param agent    who holds the lane: the agent of its claim (null if its claim record cannot be read)
 * @param status   integrated, parked or already-integrated
 * @param reason   why it was parked or skipped (null when integrated)
 * @param head     the submitted head commit
 * @param sequence the submission's sequence number
 * @param applied  what of its intents this pass applied (nothing unless integrated)
 * @param commit   the commit that landed its code (null if it brought no code or did not land)
 * @param note     what the lane's agent must know though nothing failed: an intent of the lane not applied, and why
 *                 (e.g. "bump 0.4.0 of lane x not applied: main is already at 0.5.0"); null if nothing
 */
public record LaneOutcome(String lane, String agent, LaneStatus status, String reason, String head, int sequence,
                          Applied applied, String commit, String note) {

    /** Intents of the lane applied by this pass. */
    public record Applied(List<String> manifest, String bump, List<String> workflows) {
        public static Applied nothing() {
            return new Applied(List.of(), null, List.of());
        }

        /**
         * As {@code outcome.json} and the pass record hold it, {@code {"manifest", "bump", "workflows"}}: a plain map
         * (the text the mapper would write for the record), so that writing outcomes costs no mapper start-up.
         */
        Map<String, Object> document() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("manifest", manifest);
            doc.put("bump", bump);
            doc.put("workflows", workflows);
            return doc;
        }

        /** The object {@link #document} wrote; a bump that is no bump request is damage ({@code f.damaged}). */
        static Applied fromJson(JsonFields f) {
            String bump = f.nullableString("bump");
            if (bump != null) {
                try {
                    BumpRequest.parse(bump);
                } catch (LaneException e) {
                    throw f.damaged("bump", "is not a bump request: " + bump);
                }
            }
            return new Applied(f.strings("manifest"), bump, f.strings("workflows"));
        }
    }
}
