package dev.lane.intent;

import dev.lane.core.LaneException;
import dev.lane.json.JsonFields;
import dev.lane.names.Name;
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

    /**
     * The intents as written in {@code intents.json} or a submission: {@code manifest} (list of names), {@code bump}
     * (the request's text, or null) and {@code workflows} (list of {@link WorkflowEdit}).
     */
    public static Intents fromJson(JsonFields f) {
        List<String> manifest = f.strings("manifest");
        for (int i = 0; i < manifest.size(); i++) { // submit writes none other: a hand-made entry could forge lines
            if (!Manifest.isValidEntry(manifest.get(i))) {
                throw f.damaged("manifest[" + i + "]", "is not a plain migration file name: "
                        + Name.quote(manifest.get(i)));
            }
        }
        String bumpText = f.nullableString("bump");
        BumpRequest bump = null;
        if (bumpText != null) {
            try {
                bump = BumpRequest.parse(bumpText);
            } catch (LaneException e) {
                throw f.damaged("bump", "is not a bump request: " + bumpText);
            }
        }
        return new Intents(manifest, bump, workflows(f));
    }

    private static List<WorkflowEdit> workflows(JsonFields f) {
        List<JsonFields> edits = f.objects("workflows");
        List<WorkflowEdit> read = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            WorkflowEdit edit = WorkflowEdit.fromJson(edits.get(i));
            if (!WorkflowEdit.isRepositoryPath(edit.path())) { // submit writes none other: see WorkflowEdit
                throw f.damaged("workflows[" + i + "].path", "is not a path of a file in the repository: "
                        + Name.quote(edit.path()));
            }
            read.add(edit);
        }
        return read;
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
            parts.add("workflow edits " + workflows.size() + " (" + String.join(", ", workflowPaths()) + ")");
        }
        return String.join(", ", parts);
    }

    /** The workflow files the edits are of, each once, in order. */
    public List<String> workflowPaths() {
        return workflows.stream().map(WorkflowEdit::path).distinct().toList();
    }
}
