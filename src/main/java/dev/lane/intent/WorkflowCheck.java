package dev.lane.intent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Optional;

/**
 * The check every workflow file a wave touches must pass: it parses as YAML and still has a
 * {@code workflow_dispatch} trigger (a workflow that cannot be run by hand silently skipped verification in the
 * incident this tool was born from).
 */
public final class WorkflowCheck {
    private WorkflowCheck() {
    }

    /** The problem with {@code content}, or empty if it passes. */
    public static Optional<String> problem(String path, String content) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(content);
        } catch (JsonProcessingException e) {
            return Optional.of(path + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
        if (root == null || !root.isObject()) {
            return Optional.of(path + " is not a workflow (its top level is not a mapping)");
        }
        JsonNode on = root.has("on") ? root.get("on") : root.get("true");
        if (on == null) {
            return Optional.of(path + " has no 'on:' triggers; it must keep a workflow_dispatch trigger");
        }
        boolean dispatch = on.isTextual() && on.asText().equals("workflow_dispatch")
                || on.isArray() && containsText(on, "workflow_dispatch")
                || on.isObject() && on.has("workflow_dispatch");
        return dispatch ? Optional.empty()
                : Optional.of(path + " lost its workflow_dispatch trigger; keep 'workflow_dispatch:' under 'on:' so "
                        + "the workflow can still be run by hand");
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode n : array) {
            if (n.isTextual() && n.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }
}
