package dev.lane.submit;

import dev.lane.core.LaneException;

/**
 * A lane's submission record that cannot be read (edited by hand, cut short). It marks (status) or parks (integrate)
 * its own lane only; the lane's next {@code lane submit} rewrites it.
 *
 * @param lane     the lane
 * @param worktree the lane's worktree, where that submit runs
 * @param error    why the record cannot be read (names the file)
 */
public record DamagedSubmission(String lane, String worktree, LaneException error) {
    /** What is wrong, naming the file. */
    public String problem() {
        return "its submission record is unreadable: " + error.getMessage();
    }

    /** What to do about it. */
    public String remedy() {
        return "Run lane submit again in its worktree " + worktree + " to rewrite it";
    }
}
