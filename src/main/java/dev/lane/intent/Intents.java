package dev.lane.intent;

import java.util.ArrayList;
import java.util.List;

/**
 * What a lane wants done to the shared surfaces, applied by the integrator instead of a textual merge.
 *
 * @param manifest  migration file names to list in the manifest, in the order the lane asked
 * @param bump      the lane's version bump request, or null
 * @param workflows the lane's workflow edits, oldest first
 */
public record Intents(List<String> manifest, BumpRequest bump, List<WorkflowEdit> workflows) {

    public Intents {
        manifest = List.copyOf(manifest == null ? List.of() : manifest);
        workflows = List.copyOf(workflows == null ? List.of() : workflows);
    }

    public static Intents none() {
        return new Intents(List.of(), null, List.of());
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return manifest.isEmpty() && bump == null && workflows.isEmpty();
    }

    /** A one-line summary for people and the ledger, e.g. "manifest +2, bump minor, workflows 1". */
    public String summary() {
        if (isEmpty()) {
            return "no intents";
        }
        List<String> parts = new ArrayList<>();
        if (!manifest.isEmpty()) {
            parts.add("manifest +" + manifest.size() + " (" + String.join(", ", manifest) + ")");
        }
        if (bump != null) {
            parts.add("bump " + bump);
        }
        if (!workflows.isEmpty()) {
            parts.add("workflow edits " + workflows.size() + " ("
                    + String.join(", ", workflows.stream().map(WorkflowEdit::path).distinct().toList()) + ")");
        }
        return String.join(", ", parts);
    }
}
