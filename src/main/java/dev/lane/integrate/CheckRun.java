package dev.lane.integrate;

import dev.lane.json.Labelled;
import java.time.Duration;
import java.util.List;

/**
 * One run of the user's {@code check:} command in a pass: what it ran on and what came of it. Part of
 * {@link CheckReport} (and so of {@code integrate --json}), and what {@link CheckProgress} is told when a run ends.
 *
 * @param number   1 for the pass's first run, then 2, 3, ... (a combination already checked is not run again, but
 *                 once to confirm the failure a lane is parked for)
 * @param commit   the commit whose temporary checkout the command ran in
 * @param lanes    the lanes that commit holds on top of main, in merge order (empty: main itself)
 * @param outcome  passed, failed or timed out
 * @param exitCode the command's exit status; null if it was stopped at {@code checkTimeout}
 * @param took     how long it ran
 * @param log      the file holding its whole output (kept for a run that did not pass), else null
 */
public record CheckRun(int number, String commit, List<String> lanes, Outcome outcome, Integer exitCode,
                       Duration took, String log) {
    public CheckRun {
        lanes = List.copyOf(lanes);
    }

    /** How one run ended. The labels ({@link Labelled}: {@code timed-out}, ...) are part of the {@code --json} output. */
    public enum Outcome implements Labelled {
        PASSED,
        FAILED,
        /** stopped after {@code checkTimeout:}; counts as failed */
        TIMED_OUT
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** The commit and lanes it ran on, for people: {@code main + lanes a, b} ({@code main} alone for main). */
    public static String onWhat(List<String> lanes) {
        return onWhat("main", lanes);
    }

    /** {@link #onWhat(List)} with main named as {@code main} says (with its commit, say). */
    static String onWhat(String main, List<String> lanes) {
        return lanes.isEmpty() ? main : main + " + " + (lanes.size() == 1 ? "lane " : "lanes ")
                + String.join(", ", lanes);
    }
}
