package dev.lane.intent;

import dev.lane.core.LaneException;
import dev.lane.json.JsonFields;
import dev.lane.names.Name;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What earlier submissions of a lane landed, kept in each new submission ({@code submission.json}, field
 * {@code landed}). A lane's intents are its whole set since its fork point, so a lane that landed and submits again
 * lists what landed before too; an integrate pass applies only what main does not hold yet (main's history is the
 * truth there), and this record lets {@code lane status}, which reads the inbox only, tell those apart the same way.
 *
 * <p>Who writes it: {@code lane submit}, from the lane's previous submission and its {@code outcome.json}: the
 * previous record, plus every intent of the previous submission if the outcome says that submission landed
 * (integrated or already integrated: a landing lane leaves none of its intents unapplied, but for a bump the outcome
 * notes as not applied, which is left out), plus what that outcome says its pass applied (which also covers an outcome
 * about an older submission, written after the previous submit read it). Nothing here is ever shown as landed unless
 * an outcome said so; what is not here is shown as still to land (a pass that is not recorded yet, an edited record).
 *
 * @param manifest  manifest entries that landed
 * @param bumps     bump requests that landed (applied, or covered by the wave's one bump), as written
 * @param workflows ids of the workflow edits that landed ({@link WorkflowEdit#id})
 */
public record LandedIntents(List<String> manifest, List<String> bumps, List<String> workflows) {

    public LandedIntents {
        manifest = List.copyOf(new LinkedHashSet<>(manifest == null ? List.of() : manifest));
        bumps = List.copyOf(new LinkedHashSet<>(bumps == null ? List.of() : bumps));
        workflows = List.copyOf(new LinkedHashSet<>(workflows == null ? List.of() : workflows));
    }

    public static LandedIntents none() {
        return new LandedIntents(List.of(), List.of(), List.of());
    }

    /** The record as {@code submission.json} holds it: {@code {"manifest", "bumps", "workflows"}}. */
    public static LandedIntents fromJson(JsonFields f) {
        List<String> bumps = f.strings("bumps");
        for (int i = 0; i < bumps.size(); i++) {
            try {
                BumpRequest.parse(bumps.get(i));
            } catch (LaneException e) {
                throw f.damaged("bumps[" + i + "]", "is not a bump request: " + Name.quote(bumps.get(i)));
            }
        }
        return new LandedIntents(f.strings("manifest"), bumps, f.strings("workflows"));
    }

    /** What {@code landed} holds, the intents of a submission that landed: all of them. */
    public static LandedIntents of(Intents landed) {
        List<String> bump = landed.bump() == null ? List.of() : List.of(landed.bump().toString());
        return new LandedIntents(landed.manifest(), bump, landed.workflows().stream().map(WorkflowEdit::id).toList());
    }

    /** This record and {@code other} (each intent once, in the order first recorded). */
    public LandedIntents with(LandedIntents other) {
        return new LandedIntents(joined(manifest, other.manifest), joined(bumps, other.bumps),
                joined(workflows, other.workflows));
    }

    private static List<String> joined(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * {@code intents} split into the part still to land and the part that landed before. A bump request counts as
     * landed when a landed request covers it the way the one-bump-per-wave rule does (a pass does not bump again for
     * it): a level at or below a landed level, or a version at or below a landed version. A level against a landed
     * version (or the other way round) depends on the wave's starting version, which the inbox does not hold: it is
     * left as still to land.
     */
    public Split split(Intents intents) {
        List<String> pendingEntries = new ArrayList<>();
        List<String> landedEntries = new ArrayList<>();
        for (String e : intents.manifest()) {
            (manifest.contains(e) ? landedEntries : pendingEntries).add(e);
        }
        List<WorkflowEdit> pendingEdits = new ArrayList<>();
        List<WorkflowEdit> landedEdits = new ArrayList<>();
        for (WorkflowEdit e : intents.workflows()) {
            (workflows.contains(e.id()) ? landedEdits : pendingEdits).add(e);
        }
        BumpRequest bump = intents.bump();
        Optional<BumpRequest> cover = bump == null ? Optional.empty() : covering(bump);
        return new Split(new Intents(pendingEntries, cover.isPresent() ? null : bump, pendingEdits),
                new Intents(landedEntries, cover.isPresent() ? bump : null, landedEdits), cover.orElse(null));
    }

    /** The landed bump request that covers {@code request} (itself if it landed as such), if any. */
    private Optional<BumpRequest> covering(BumpRequest request) {
        BumpRequest best = null;
        for (String text : bumps) {
            BumpRequest b;
            try {
                b = BumpRequest.parse(text);
            } catch (LaneException notABump) { // fromJson refuses one; a record built in memory never has one
                continue;
            }
            boolean covers = b.toString().equals(request.toString())
                    || (b.level() != null && request.level() != null && request.level().compareTo(b.level()) <= 0)
                    || (b.version() != null && request.version() != null
                            && !request.version().isGreaterThan(b.version()));
            if (covers && (best == null || b.toString().equals(request.toString()))) {
                best = b;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A submission's intents split by what landed before.
     *
     * @param pending   the intents still to land (as the inbox knows: {@code lane integrate --dry-run} asks main)
     * @param landed    the intents earlier submissions of the lane landed: a pass does not apply them again
     * @param bumpCover the landed bump request that covers {@code landed.bump()}, or null if none is landed
     */
    public record Split(Intents pending, Intents landed, BumpRequest bumpCover) {
        /** Whether some intent landed before. */
        public boolean anyLanded() {
            return !landed.isEmpty();
        }

        /**
         * One line for a person: the intents still to land, then those that landed with an earlier submission
         * ("manifest +1 (263_y.sql); landed earlier: manifest +1 (262_add_x.sql), bump minor"), so an intent that
         * landed never reads as pending; just the intents' summary when none landed.
         */
        public String summary() {
            return anyLanded() ? withLanded(pending.isEmpty() ? "no new intents" : pending.summary())
                    : pending.summary();
        }

        /** {@code text}, then "; landed earlier: " and the intents that landed with an earlier submission, if any. */
        public String withLanded(String text) {
            if (!anyLanded()) {
                return text;
            }
            List<String> parts = new ArrayList<>();
            if (!landed.manifest().isEmpty()) {
                parts.add(new Intents(landed.manifest(), null, List.of()).summary());
            }
            if (landed.bump() != null) {
                parts.add("bump " + landed.bump() + (bumpCover.toString().equals(landed.bump().toString()) ? ""
                        : " (covered by the bump " + bumpCover + " it landed)"));
            }
            if (!landed.workflows().isEmpty()) {
                parts.add(new Intents(List.of(), null, landed.workflows()).summary());
            }
            return text + "; landed earlier: " + String.join(", ", parts);
        }
    }
}
