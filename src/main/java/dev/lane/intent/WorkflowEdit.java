package dev.lane.intent;

/**
 * A lane's edit of a workflow file, kept as the two versions a three-way merge needs.
 *
 * @param path the file's path in the repository
 * @param base the file as the lane found it (null if the lane created the file)
 * @param lane the file as the lane left it
 */
public record WorkflowEdit(String path, String base, String lane) {
}
