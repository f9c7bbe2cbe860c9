package dev.lane.integrate;

import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The result of a pass, built but not yet on main.
 *
 * @param base        main's commit at the start of the pass
 * @param result      the commit main would move to (base itself if nothing lands)
 * @param landed      lanes that land, in order
 * @param parked      lanes parked while merging or applying intents, with the reason, in order
 * @param surface     what the intents of the landing lanes changed
 * @param laneCommits the commit that brings each lane's code
 */
record Plan(RevCommit base, RevCommit result, List<Candidate> landed, Map<String, String> parked,
            SurfaceResult surface, Map<String, ObjectId> laneCommits) {

    boolean movesMain() {
        return !result.equals(base);
    }
}
