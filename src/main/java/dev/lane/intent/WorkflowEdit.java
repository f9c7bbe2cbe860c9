package dev.lane.intent;

import dev.lane.json.JsonFields;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A lane's edit of a workflow file, kept as the two versions a three-way merge needs.
 *
 * @param path the file's path in the repository
 * @param base the file as the lane found it (null if the lane created the file)
 * @param lane the file as the lane left it
 */
public record WorkflowEdit(String path, String base, String lane) {

    /**
     * Whether {@code path} names a file inside the repository as git names it: relative, in '/'-separated parts that
     * are none of "", ".", ".." or ".git" (nor a name the file system takes for it), with no control character. The
     * paths submit writes always are; a path edited by hand into a submission to make the integrator write outside
     * the repository, into its git folder, or extra lines into a report is not.
     */
    public static boolean isRepositoryPath(String path) {
        if (path.isEmpty() || path.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        try {
            new org.eclipse.jgit.lib.ObjectChecker().setSafeForMacOS(true).checkPath(path); // git's own rules
            return true;
        } catch (org.eclipse.jgit.errors.CorruptObjectException e) {
            return false;
        }
    }

    /**
     * The edit's id: the first 12 hex digits of SHA-256 over its path, base and result. The integrator records the
     * ids of the edits it applies ({@code Lane-Workflow} trailers) and a later submission records those its lane
     * landed ({@link LandedIntents}): an edit is pending while its id is not among them.
     */
    public String id() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(path.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update((base == null ? "\u0001new" : base).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(lane.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The edit as written in intents: {@code {"path", "base" (or null), "lane"}}. */
    public static WorkflowEdit fromJson(JsonFields f) {
        return new WorkflowEdit(f.string("path"), f.nullableString("base"), f.string("lane"));
    }
}
