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
 * <p>Search: with the lanes known good so far ({@code good}: main plus them passed) and the lanes still untested
 * ({@code rest}), if {@code good + rest} fails, binary-search the shortest prefix of {@code rest} whose addition
 * fails; the last lane of that prefix is a culprit: park it, move the prefix before it into {@code good}, repeat on
 * what follows. Before a culprit is parked, the combination whose failure blamed it is checked once more: a lane is
 * parked only for a failure the check gives twice on the same content; if the second run passes, the check is flaky
 * and the pass is refused (no lane can be blamed), so one spurious failure never gets an innocent lane parked. So k
 * breaking lanes among n cost about k * log2(n) + 2k + 2 runs of the check. Results are otherwise cached by tree, so
 * the same content is never checked again but to confirm a culprit. What a culprit was checked with is exactly what
 * its reason says: the check failed on main + {@code good} + the prefix before it + the culprit, and passed on main +
 * {@code good} + that prefix (the last passing run of the search, or {@code good} itself); the culprit on main
 * alone is not checked unless that is what those runs were. If the check fails on main itself, nothing can be
 * isolated and the pass is refused; if it cannot run there at all (exit 126 or 127), the refusal says so and why.
 * Each run is told to the {@link CheckProgress} as it starts and ends, and listed in the {@link CheckReport}.
 */
final class CheckBisector {
    private final PassPlanner planner;
    private final CheckCommand check;
    private final CheckProgress progress;
    private final Map<ObjectId, CheckCommand.Verdict> verdicts = new HashMap<>();
    /** The number of the first run on each tree. */
    private final Map<ObjectId, Integer> runOf = new HashMap<>();
    private final List<CheckRun> runs = new ArrayList<>();
    /** The lanes the check parked, in the order it found them, with the reason. */
    private final Map<String, String> parkedByCheck = new LinkedHashMap<>();
    private CheckReport.Outcome outcome;

    CheckBisector(PassPlanner planner, CheckCommand check, CheckProgress progress) {
        this.planner = planner;
        this.check = check;
        this.progress = progress;
    }

    /** The plan that lands and the lanes the check parked, with the reason; and what the check did. */
    record Outcome(Plan plan, Map<String, String> parked, CheckReport report) {
    }

    /**
     * What the check did so far, with its outcome once known: read after {@link #run} returned or threw (a refusal),
     * for the ledger. Null if {@link #run} stopped before an outcome (an internal error).
     */
    CheckReport report() {
        return outcome == null ? null
                : new CheckReport(check.command(), outcome, List.copyOf(parkedByCheck.keySet()), runs);
    }

    Outcome run(Plan full) {
        CheckCommand.Verdict whole = verdict(full);
        if (whole.passed()) {
            outcome = CheckReport.Outcome.PASSED;
            return new Outcome(full, Map.of(), report());
        }
        Plan mainPlan = planner.plan(List.of());
        CheckCommand.Verdict onMain = verdict(mainPlan);
        if (!onMain.passed()) {
            throw refusedOnMain(onMain);
        }
        List<Candidate> good = new ArrayList<>();
        Plan goodPlan = mainPlan; // the plan of main + good, which passed
        List<Candidate> rest = new ArrayList<>(full.landed());
        while (true) {
            Plan attempt = planner.plan(concat(good, rest));
            CheckCommand.Verdict v = verdict(attempt);
            if (v.passed()) {
                outcome = CheckReport.Outcome.LANES_PARKED;
                return new Outcome(attempt, new LinkedHashMap<>(parkedByCheck), report());
            }
            if (rest.isEmpty()) {
                outcome = CheckReport.Outcome.UNRESOLVED;
                throw LaneException.refused("the check command failed on " + on(attempt) + ", which passed when "
                        + "checked before (is the check flaky?), so no lane can be blamed; nothing was changed. "
                        + v.summary());
            }
            int lo = 0;
            int hi = rest.size() - 1;
            CheckCommand.Verdict culpritVerdict = v;
            Plan failing = attempt;
            Plan passing = goodPlan;
            while (lo < hi) {
                int mid = (lo + hi) / 2;
                Plan m = planner.plan(concat(good, rest.subList(0, mid + 1)));
                CheckCommand.Verdict mv = verdict(m);
                if (mv.passed()) {
                    lo = mid + 1;
                    passing = m;
                } else {
                    hi = mid;
                    culpritVerdict = mv;
                    failing = m;
                }
            }
            Candidate culprit = rest.get(lo);
            int firstFailure = runOf.get(failing.result().getTree());
            CheckCommand.Verdict again = confirm(failing);
            if (again.passed()) {
                outcome = CheckReport.Outcome.UNRESOLVED;
                throw LaneException.refused("the check command failed on " + on(failing) + " (run " + firstFailure
                        + ") and passed on the same content when run again (run " + runs.size() + "): it is "
                        + "flaky, so no lane can be blamed; nothing was changed. Make the check give the same "
                        + "answer every time, or run integrate again. The failing run: " + culpritVerdict.summary());
            }
            parkedByCheck.put(culprit.lane(), reason(culprit.lane(), failing, passing, again,
                    List.of(firstFailure, runs.size())));
            good.addAll(rest.subList(0, lo));
            goodPlan = passing;
            rest = new ArrayList<>(rest.subList(lo + 1, rest.size()));
        }
    }

    /**
     * Why {@code lane} is parked, saying exactly what was checked: it failed on {@code failing} (main + other lanes
     * + this lane) and passed on {@code passing} (main + those other lanes).
     */
    private String reason(String lane, Plan failing, Plan passing, CheckCommand.Verdict verdict,
                          List<Integer> failedRuns) {
        List<String> with = names(failing).stream().filter(l -> !l.equals(lane)).toList();
        List<String> without = names(passing);
        String main = "main (" + abbrev(planner.base().name()) + ")";
        String twice = "; it failed twice (runs " + failedRuns.get(0) + " and " + failedRuns.get(1) + "): ";
        if (with.isEmpty()) {
            return "the check command fails on " + main + " + this lane alone (it passes on main)" + twice
                    + verdict.summary();
        }
        String others = (with.size() == 1 ? "lane " : "lanes ") + String.join(", ", with);
        String passed = without.equals(with) ? "passes on " + main + " + " + others + " without this lane"
                : "passes on " + on(passing);
        return "the check command fails with this lane on top of " + main + " + " + others + " (merged in that "
                + "order, this lane last), and " + passed + "; main + this lane alone was not checked (lane sync "
                + "brings those of them that landed into this lane's worktree, to run the check there)"
                + twice + verdict.summary();
    }

    /** The refusal when the check fails on main itself: it cannot run there, or main is broken. */
    private LaneException refusedOnMain(CheckCommand.Verdict onMain) {
        String commit = abbrev(planner.base().name());
        CheckCommand.CannotRun why = onMain.cannotRun();
        if (why != null) {
            outcome = CheckReport.Outcome.CANNOT_RUN;
            String meaning = why.exitCode() == 127 ? "the shell did not find the command"
                    : "the shell found the command but could not execute it";
            return LaneException.refused("`check: " + CheckReport.oneLine(check.command())
                    + "` in lanes.yml cannot run: on main itself ("
                    + commit + ") it exited " + why.exitCode() + " (" + meaning + "), so it cannot judge any lane; "
                    + "nothing was changed. The check runs in a temporary checkout of commit " + commit + " (a "
                    + "detached worktree of it, not the main checkout), so every script it runs must be committed "
                    + "there. " + why.advice("that commit") + "\nIts output" + (onMain.outputTail().isEmpty()
                    ? " was empty" : onMain.outputTail())
                    + (onMain.log() == null ? "" : "\nfull output: " + onMain.log()));
        }
        outcome = CheckReport.Outcome.FAILS_ON_MAIN;
        return LaneException.refused("the check command fails on main itself (" + commit + "), so no lane can be "
                + "blamed; fix main first. " + onMain.summary());
    }

    private CheckCommand.Verdict verdict(Plan plan) {
        return verdicts.computeIfAbsent(plan.result().getTree().copy(), t -> {
            runOf.put(t, runs.size() + 1);
            return runOn(plan);
        });
    }

    /**
     * Runs the check again on {@code plan}, which failed: a lane is parked only for a failure the check gives twice on
     * the same content, so one spurious failure of a flaky check never gets an innocent lane parked.
     */
    private CheckCommand.Verdict confirm(Plan plan) {
        CheckCommand.Verdict again = runOn(plan);
        verdicts.put(plan.result().getTree().copy(), again);
        return again;
    }

    private CheckCommand.Verdict runOn(Plan plan) {
        int number = runs.size() + 1;
        List<String> lanes = names(plan);
        progress.started(number, CheckReport.oneLine(check.command()), lanes, check.timeout());
        CheckCommand.Verdict v = check.run(plan.result().name(), planner.base().name(), number);
        CheckRun run = v.run(number, lanes);
        runs.add(run);
        progress.finished(run);
        return v;
    }

    private String on(Plan plan) {
        return CheckRun.onWhat("main (" + abbrev(planner.base().name()) + ")", names(plan));
    }

    private static List<String> names(Plan plan) {
        return plan.landed().stream().map(Candidate::lane).toList();
    }

    private static String abbrev(String id) {
        return id.substring(0, 12);
    }

    private static List<Candidate> concat(List<Candidate> a, List<Candidate> b) {
        List<Candidate> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
