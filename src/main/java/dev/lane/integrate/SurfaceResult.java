package dev.lane.integrate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What applying the intents of the merged lanes gave.
 *
 * @param tree          the result tree (the merged tree itself if no shared file changed)
 * @param parked        lanes whose intents could not be applied, with the reason (nothing of theirs applied)
 * @param manifestAdded manifest entries appended, in the order they were written
 * @param version       the wave's bump, if this pass changed the version
 * @param workflows     workflow edits applied, in order
 * @param contributors  lanes whose pending intents were applied, in order
 * @param applied       per lane, what of its intents this pass applied
 */
record SurfaceResult(ObjectId tree, Map<String, String> parked, List<Entry> manifestAdded, Optional<Version> version,
                     List<Edit> workflows, List<Candidate> contributors, Map<String, LaneOutcome.Applied> applied) {

    /** A manifest entry and the lane that asked for it. */
    record Entry(String entry, String lane) {
    }

    /**
     * The version change: from main's version to the wave's target, in which files, and which lane asked what.
     *
     * @param waveStart the wave's starting version (recorded in the Lane-Bump trailer)
     * @param note      if the version files disagreed on main: each file's value there, and which the bump started
     *                  from (the highest); else null
     */
    record Version(String from, String to, String waveStart, List<String> files, Map<String, String> requests,
                   String note) {
    }

    /** A workflow edit applied: the lane, the file and the edit's id. */
    record Edit(String lane, String path, String id) {
    }
}
