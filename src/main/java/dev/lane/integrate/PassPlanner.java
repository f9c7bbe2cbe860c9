package dev.lane.integrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Builds the result of a pass for a given list of lanes: merges their code ({@link LaneMerger}), applies their
 * intents ({@link SharedSurfaceApplier}), and writes the shared-surface commit ({@link ResultWriter}). If applying
 * intents parks a lane, its code is merged again without it (a parked lane lands nothing), until no lane is parked
 * for its intents. Nothing here moves a ref.
 */
final class PassPlanner {
    private final RevCommit base;
    private final LaneMerger merger;
    private final SharedSurfaceApplier applier;
    private final ResultWriter writer;
    private final WaveBump bump;
    private StepHook hook;

    PassPlanner(RevCommit base, LaneMerger merger, SharedSurfaceApplier applier, ResultWriter writer, WaveBump bump,
                StepHook hook) {
        this.base = base;
        this.merger = merger;
        this.applier = applier;
        this.writer = writer;
        this.bump = bump;
        this.hook = hook;
    }

    RevCommit base() {
        return base;
    }

    Plan plan(List<Candidate> lanes) {
        Map<String, String> parked = new LinkedHashMap<>();
        List<Candidate> active = new ArrayList<>(lanes);
        while (true) {
            LaneMerger.Chain chain = merger.merge(base, active);
            parked.putAll(chain.parked());
            fire(Step.LANES_MERGED);
            SurfaceResult surface = applier.apply(chain.tip().getTree(), chain.merged(), bump);
            fire(Step.INTENTS_APPLIED);
            if (surface.parked().isEmpty()) {
                hook = StepHook.NONE;
                RevCommit result = surface.tree().equals(chain.tip().getTree()) ? chain.tip()
                        : writer.surfaceCommit(chain.tip(), surface.tree(), surface);
                writer.publish();
                return new Plan(base, result, chain.merged(), parked, surface, chain.laneCommits());
            }
            parked.putAll(surface.parked());
            active = chain.merged().stream().filter(c -> !surface.parked().containsKey(c.lane())).toList();
        }
    }

    private void fire(Step step) {
        hook.reached(step);
    }
}
