package dev.lane.integrate;

import java.time.Duration;
import java.util.List;

/**
 * Told about each run of the user's {@code check:} command as the pass goes, so the operator sees what a long pass
 * is doing (the CLI prints one line per run on stderr). Called on the pass's own thread, one run at a time:
 * {@link #started}, then {@link #finished} for the same run.
 */
public interface CheckProgress {
    CheckProgress NONE = new CheckProgress() {
        @Override
        public void started(int number, String command, List<String> lanes, Duration timeout) {
        }

        @Override
        public void finished(CheckRun run) {
        }
    };

    /** Run {@code number} of {@code command} starts on main plus {@code lanes}, to be stopped after {@code timeout}. */
    void started(int number, String command, List<String> lanes, Duration timeout);

    /** That run ended. */
    void finished(CheckRun run);

    /** A timeout as {@code checkTimeout:} is written: {@code 30m}, {@code 2h}, {@code 90s}. */
    static String describe(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }
}
