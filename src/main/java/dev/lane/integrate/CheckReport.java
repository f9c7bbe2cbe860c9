package dev.lane.integrate;

import dev.lane.json.Labelled;
import java.time.Duration;
import java.util.List;

/**
 * What the user's {@code check:} command did in one pass: part of {@link IntegrateResult}, the {@code check} object
 * of {@code integrate --json}, and (as {@link #ledgerDetail}) the ledger's {@code checked} entry.
 *
 * @param command the command ({@code check:} of lanes.yml), or null if none is configured
 * @param outcome what came of it for the pass
 * @param parked  lanes the check parked (they broke it), in merge order
 * @param runs    every run, in the order they ran
 */
public record CheckReport(String command, Outcome outcome, List<String> parked, List<CheckRun> runs) {
    public CheckReport {
        parked = List.copyOf(parked);
        runs = List.copyOf(runs);
    }

    /**
     * What came of the check for the pass. The labels ({@link Labelled}: {@code not-configured}, ...) are part of the
     * {@code --json} output and the ledger.
     */
    public enum Outcome implements Labelled {
        /** lanes.yml has no {@code check:} */
        NOT_CONFIGURED,
        /** nothing to land, so nothing to check */
        NOT_RUN,
        /** it passed on everything the pass lands, at the first run */
        PASSED,
        /** it failed on the whole batch; the lanes that break it were parked and what lands passed */
        LANES_PARKED,
        /** it fails on main itself: the pass was refused */
        FAILS_ON_MAIN,
        /** it cannot run (exit 126 or 127) on main itself: the pass was refused */
        CANNOT_RUN,
        /** it failed where no lane could be blamed (a flaky check): the pass was refused */
        UNRESOLVED
    }

    static CheckReport notConfigured() {
        return new CheckReport(null, Outcome.NOT_CONFIGURED, List.of(), List.of());
    }

    static CheckReport notRun(String command) {
        return new CheckReport(command, Outcome.NOT_RUN, List.of(), List.of());
    }

    /** Whether the command ran at least once. */
    public boolean ran() {
        return !runs.isEmpty();
    }

    /** The total time of its runs. */
    public Duration took() {
        return runs.stream().map(CheckRun::took).reduce(Duration.ZERO, Duration::plus);
    }

    /** The ledger's {@code checked} entry: {@code check } and the {@link #summary}. */
    public String ledgerDetail() {
        return "check " + summary();
    }

    /**
     * One line for people: {@code ./ci.sh: lanes parked (x, y), 9 runs in 63.1s; what lands passed; output of the
     * last failing run (N): FILE} ({@code ; nothing lands} when it parked every lane). The human report's
     * {@code check:} line.
     */
    public String summary() {
        StringBuilder s = new StringBuilder(oneLine(command)).append(": ");
        s.append(switch (outcome) {
            case LANES_PARKED -> "lanes parked (" + String.join(", ", parked) + ")";
            default -> outcome.label().replace('-', ' ');
        });
        s.append(", ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append(" in ")
                .append(seconds(took()));
        if (outcome == Outcome.LANES_PARKED) {
            s.append(parksTheWholeBatch() ? "; nothing lands" : "; what lands passed");
        }
        runs.stream().filter(r -> r.log() != null).reduce((a, b) -> b).ifPresent(r -> s
                .append("; output of the last failing run (").append(r.number()).append("): ").append(r.log()));
        return s.toString();
    }

    /** Whether the check parked every lane of its first run (the whole batch), so that nothing lands. */
    private boolean parksTheWholeBatch() {
        return !runs.isEmpty() && new java.util.HashSet<>(parked).containsAll(runs.get(0).lanes());
    }

    /**
     * The {@code check:} command as one line of a message (a progress line, the report's {@code check:} line, the
     * ledger's entry): itself if it is one line; else, as a YAML block ({@code check: |}) gives it, its first line
     * and how many lines it has: {@code set -e ... (3 lines)}. The JSON document carries the command whole.
     */
    public static String oneLine(String command) {
        List<String> lines = command.strip().lines().filter(l -> !l.isBlank()).toList();
        return lines.size() <= 1 ? command.strip() : lines.get(0).strip() + " ... (" + lines.size() + " lines)";
    }

    /** A duration as seconds with one decimal: {@code 4.2s}. */
    public static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
