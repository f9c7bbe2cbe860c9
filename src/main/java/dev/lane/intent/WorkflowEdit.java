package dev.lane.intent;

import dev.lane.json.JsonFields;

/**
 * A lane's edit of a workflow file, kept as the two versions a three-way merge needs.
 *
 * @param path the file's path in the repository
 * @param base the file as the lane found it (null if the lane created the file)
 * @param lane the file as the lane left it
 */
public record WorkflowEdit(String path, String base, String lane) {

    /** The edit as written in intents: {@code {"path", "base" (or null), "lane"}}. */
    public static WorkflowEdit fromJson(JsonFields f) {
        return new WorkflowEdit(f.string("path"), f.nullableString("base"), f.string("lane"));
    }
}
