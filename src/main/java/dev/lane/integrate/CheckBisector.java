package dev.lane.integrate;

import dev.lane.core.LaneException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Runs the user's check command on a pass's result and, when the whole batch fails, bisects by lane to find the
 * lanes that break it, parks them and keeps the rest. The result it returns has itself passed the check.
 *
 * <p>Search: with the lanes known good so far ({@code good}, passing) and the lanes still untested ({@code rest}),
 * if {@code good + rest} fails, binary-search the shortest prefix of {@code rest} whose addition fails; the last
 * lane of that prefix is a culprit: park it, move the prefix before it into {@code good}, repeat on what follows.
 * So k breaking lanes among n cost about k * log2(n) + k + 2 runs of the check. Results are cached by tree, so the
 * same content is never checked twice. If the check fails on main itself, nothing can be isolated and the pass is
 * refused.
 */
final class CheckBisector {
    private final PassPlanner planner;
    private final CheckCommand check;
    private final Map<ObjectId, CheckCommand.Verdict> verdicts = new HashMap<>();

    CheckBisector(PassPlanner planner, CheckCommand check) {
        this.planner = planner;
        this.check = check;
    }

    /** The plan that lands and the lanes the check parked, with the reason. */
    record Outcome(Plan plan, Map<String, String> parked, int checkRuns) {
    }

    Outcome run(Plan full) {
        Map<String, String> parkedByCheck = new LinkedHashMap<>();
        CheckCommand.Verdict whole = verdict(full);
        if (whole.passed()) {
            return new Outcome(full, parkedByCheck, verdicts.size());
        }
        CheckCommand.Verdict onMain = verdict(planner.plan(List.of()));
        if (!onMain.passed()) {
            throw LaneException.refused("the check command fails on main itself (" + planner.base().name()
                    .substring(0, 12) + "), so no lane can be blamed; fix main first. " + onMain.outputTail());
        }
        List<Candidate> good = new ArrayList<>();
        List<Candidate> rest = new ArrayList<>(full.landed());
        while (true) {
            Plan attempt = planner.plan(concat(good, rest));
            CheckCommand.Verdict v = verdict(attempt);
            if (v.passed()) {
                return new Outcome(attempt, parkedByCheck, verdicts.size());
            }
            if (rest.isEmpty()) {
                throw LaneException.refused("the check command fails on lanes that each passed on their own, "
                        + "and no single lane can be blamed; nothing was changed. " + v.outputTail());
            }
            int lo = 0;
            int hi = rest.size() - 1;
            CheckCommand.Verdict culpritVerdict = v;
            while (lo < hi) {
                int mid = (lo + hi) / 2;
                CheckCommand.Verdict m = verdict(planner.plan(concat(good, rest.subList(0, mid + 1))));
                if (m.passed()) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                    culpritVerdict = m;
                }
            }
            Candidate culprit = rest.get(lo);
            parkedByCheck.put(culprit.lane(), "the check command fails with this lane: " + culpritVerdict.outputTail());
            good.addAll(rest.subList(0, lo));
            rest = new ArrayList<>(rest.subList(lo + 1, rest.size()));
        }
    }

    private CheckCommand.Verdict verdict(Plan plan) {
        return verdicts.computeIfAbsent(plan.result().getTree().copy(), t -> check.run(plan.result().name()));
    }

    private static List<Candidate> concat(List<Candidate> a, List<Candidate> b) {
        List<Candidate> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
