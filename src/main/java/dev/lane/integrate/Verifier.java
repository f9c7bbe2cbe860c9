package dev.lane.integrate;

import dev.lane.core.LaneException;

import org.eclipse.jgit.lib.ObjectId;

/**
 * After main moved: re-reads main from disk and checks that it is the commit the pass built (or a descendant, if
 * another pass landed on top in between) and that every lane reported as integrated is in it. Only then are
 * outcomes recorded, so a recorded "integrated" is always true of main.
 */
final class Verifier {
    private Verifier() {
    }

    static void verify(RepoAccess access, String mainRef, Plan plan) {
        ObjectId now = access.resolveRef(mainRef).orElseThrow(() -> LaneException.internal(mainRef
                + " disappeared right after the integrate moved it; nothing was recorded", null));
        ObjectId built = plan.result();
        if (!now.equals(built) && !access.isAncestor(built, now)) {
            throw LaneException.internal(mainRef + " is at " + now.name() + ", which does not contain the commit this "
                    + "pass built (" + built.name() + "): something rewrote main right after the pass. Nothing was "
                    + "recorded; run integrate again to finish the wave.", null);
        }
        for (Candidate lane : plan.landed()) {
            ObjectId laneCommit = plan.laneCommits().get(lane.lane());
            boolean in = laneCommit != null ? access.isAncestor(laneCommit, now) : access.isAncestor(lane.head(), now);
            if (!in) {
                throw LaneException.internal("lane " + lane.lane() + " was merged but its commit is not in " + mainRef
                        + " at " + now.name() + "; nothing was recorded", null);
            }
        }
    }
}
