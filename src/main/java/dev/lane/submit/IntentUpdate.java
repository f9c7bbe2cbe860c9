package dev.lane.submit;

import dev.lane.core.LaneException;
import dev.lane.intent.BumpRequest;
import dev.lane.intent.Intents;
import dev.lane.intent.WorkflowEdit;
import dev.lane.intent.WorkflowMerge;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * How a submission's intents follow from the lane's earlier ones. Earlier intents are kept (the lane's branch no
 * longer carries those edits, so they live only here) but never blindly:
 * <ul>
 *   <li>a manifest entry whose migration file is gone from the lane's tree (renamed to a free number after a
 *       clash, say) is dropped;</li>
 *   <li>a manifest entry the manifest of the lane's base lists already (main landed it, and {@code lane sync}
 *       brought that in) is dropped; so is a found one (a migration file added back that the manifest lists), and an
 *       explicit {@code --manifest} of a listed entry is left out with a notice (a script that repeats its submit
 *       line after its migration landed is not refused);</li>
 *   <li>a later bump request replaces an earlier one (an explicit {@code --bump} wins over an edited version);</li>
 *   <li>a new edit of a workflow file made from the same base as the earlier edit of it is three-way merged into
 *       it (an overlap is refused, naming the hunk); an earlier edit made from another base (before {@code lane
 *       sync} brought main's version in) is first carried onto the new edit's base, then merged the same way.</li>
 * </ul>
 * {@code --reset-intents} starts from nothing instead. Every change to an earlier intent is reported in
 * {@link #notices()}.
 *
 * @param intents the lane's intents after this submission
 * @param notices what happened to earlier intents, for the agent to read
 */
record IntentUpdate(Intents intents, List<String> notices) {
    /**
     * The way out of an overlap: a file that holds both edits still overlaps the earlier one in a three-way merge (it
     * cannot be told from a rival edit), so only {@code --reset-intents} takes it, and that drops the earlier bump and
     * {@code --manifest} requests with the rest.
     */
    static final String RESET = "pass --reset-intents to replace every earlier intent with what this submit "
            + "finds (the earlier --bump and --manifest requests go too: repeat them on that submit; migrations the "
            + "lane adds are found again).";

    /**
     * @param migrationExists whether a migration file of that name is in the lane's tree
     * @param listed          whether the manifest of the lane's base lists that entry
     */
    static IntentUpdate of(Intents previous, Intents detected, Intents explicit, Predicate<String> migrationExists,
                           Predicate<String> listed) {
        List<String> notices = new ArrayList<>();
        LinkedHashSet<String> entries = new LinkedHashSet<>();
        for (String entry : previous.manifest()) {
            if (!migrationExists.test(entry)) {
                notices.add("dropped the earlier manifest entry " + entry + ": its migration file is no longer in the "
                        + "lane");
            } else if (listed.test(entry)) {
                notices.add("dropped the earlier manifest entry " + entry + ": the manifest lists it already");
            } else {
                entries.add(entry);
            }
        }
        detected.manifest().stream().filter(listed.negate()).forEach(entries::add);
        for (String entry : explicit.manifest()) {
            if (listed.test(entry) && migrationExists.test(entry)) {
                notices.add("left out --manifest " + entry + ": the manifest lists it already");
            } else {
                entries.add(entry);
            }
        }

        BumpRequest bump = explicit.bump() != null ? explicit.bump()
                : detected.bump() != null ? detected.bump() : previous.bump();
        if (previous.bump() != null && bump != null && !bump.toString().equals(previous.bump().toString())) {
            notices.add("bump request " + previous.bump() + " replaced by " + bump);
        }

        List<WorkflowEdit> edits = new ArrayList<>(previous.workflows());
        for (WorkflowEdit edit : detected.workflows()) {
            edits = withEdit(edits, edit, notices);
        }
        return new IntentUpdate(new Intents(List.copyOf(entries), bump, edits), notices);
    }

    private static List<WorkflowEdit> withEdit(List<WorkflowEdit> edits, WorkflowEdit edit, List<String> notices) {
        List<WorkflowEdit> out = new ArrayList<>();
        WorkflowEdit sameBase = null;
        for (WorkflowEdit e : edits) {
            if (!e.path().equals(edit.path())) {
                out.add(e);
            } else {
                sameBase = java.util.Objects.equals(e.base(), edit.base()) ? e : carriedOnto(e, edit, notices);
            }
        }
        if (sameBase == null || sameBase.lane().equals(edit.lane())) {
            out.add(edit);
            return out;
        }
        String base = edit.base() == null ? "" : edit.base();
        WorkflowMerge.Outcome merged = WorkflowMerge.merge(base, sameBase.lane(), edit.lane(),
                "your earlier submitted edit", "your new edit");
        if (merged instanceof WorkflowMerge.Outcome.Conflict c) {
            throw LaneException.usage("your new edit of " + edit.path() + " overlaps the edit of it you submitted "
                    + "earlier (kept in the lane's intents.json):\n" + c.hunks() + "\nMake the file hold both edits, then "
                    + RESET);
        }
        out.add(new WorkflowEdit(edit.path(), edit.base(), ((WorkflowMerge.Outcome.Merged) merged).text()));
        notices.add("the new edit of " + edit.path() + " was merged with the one submitted earlier");
        return out;
    }

    /**
     * An earlier edit made from another base (before {@code lane sync} brought main's changes to the file in), carried
     * onto the base of the new edit: its changes three-way merged into the file as the new edit found it. The lane's
     * branch no longer holds the earlier edit, so dropping it would lose it; if it has landed on main already, the new
     * base holds it and there is nothing to carry (null). A carry that overlaps main's changes is refused with the hunk.
     */
    private static WorkflowEdit carriedOnto(WorkflowEdit earlier, WorkflowEdit edit, List<String> notices) {
        String newBase = edit.base() == null ? "" : edit.base();
        WorkflowMerge.Outcome carried = WorkflowMerge.merge(earlier.base() == null ? "" : earlier.base(), newBase,
                earlier.lane(), "main's version, as your new edit found it", "your earlier submitted edit");
        if (carried instanceof WorkflowMerge.Outcome.Conflict c) {
            throw LaneException.usage("your earlier submitted edit of " + edit.path() + " (kept in the lane's "
                    + "intents.json, made from an older base) overlaps main's changes to it that lane sync brought "
                    + "in:\n" + c.hunks() + "\nMake the file hold your earlier edit on top of main's version too, then "
                    + RESET);
        }
        String text = ((WorkflowMerge.Outcome.Merged) carried).text();
        if (text.equals(newBase)) {
            return null; // main holds it already (it landed): nothing of it to keep
        }
        notices.add("the earlier edit of " + edit.path() + " (made from an older base) was carried onto main's "
                + "current version of it");
        return new WorkflowEdit(edit.path(), edit.base(), text);
    }
}
