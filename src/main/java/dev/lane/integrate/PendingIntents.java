package dev.lane.integrate;

import dev.lane.intent.BumpRequest;
import dev.lane.intent.Intents;
import dev.lane.intent.WorkflowEdit;
import java.util.List;
import java.util.Set;

/**
 * The part of a lane's intents that main does not hold yet: what a pass still has to apply for it.
 *
 * <p>Exactly-once, per kind of intent: a manifest entry is pending while main's manifest does not list it (adding
 * is idempotent, so nothing can be listed twice); a workflow edit is pending while no {@code Lane-Workflow}
 * trailer of this wave and lane in main's history carries its id (an edit is identified by its path, base and
 * result); a bump is pending while it would still raise the version under the {@link WaveBump} rule.
 *
 * @param manifest  entries main's manifest does not list yet
 * @param bump      the lane's bump request if it would still raise the version, else null
 * @param workflows edits not applied yet, in the lane's order
 * @param bumpNotApplied why the lane's bump request will not be applied though neither main nor the wave holds it
 *                  (main moved past it by other means), or null: said in the lane's outcome, never silent
 */
record PendingIntents(List<String> manifest, BumpRequest bump, List<WorkflowEdit> workflows, String bumpNotApplied) {

    static PendingIntents of(String lane, Intents intents, Set<String> manifestNow, Set<String> appliedWorkflowIds,
                             WaveBump waveBump) {
        List<String> entries = intents.manifest().stream().filter(e -> !manifestNow.contains(e)).toList();
        BumpRequest bump = intents.bump() != null && waveBump.raises(intents.bump()) ? intents.bump() : null;
        String notApplied = intents.bump() == null || bump != null ? null
                : waveBump.notApplied(lane, intents.bump()).orElse(null);
        List<WorkflowEdit> edits = intents.workflows().stream()
                .filter(e -> !appliedWorkflowIds.contains(id(e))).toList();
        return new PendingIntents(entries, bump, edits, notApplied);
    }

    boolean isEmpty() {
        return manifest.isEmpty() && bump == null && workflows.isEmpty();
    }

    /** A workflow edit's id ({@link WorkflowEdit#id}). */
    static String id(WorkflowEdit edit) {
        return edit.id();
    }
}
