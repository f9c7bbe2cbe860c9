package dev.lane.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.TypeConversionException;

/**
 * The two command lines run most, recognised without building picocli's model: {@code lane claim --wave W --lane L}
 * (with {@code --agent A}), which agents' scripts run for every lane, and {@code lane integrate --wave W} (with
 * {@code --squash}, {@code --dry-run}, {@code --agent A}), the integrator's pass; each with {@code --repo DIR} and
 * {@code --json} before or after the command's name, options in any order. They are run by the same command objects
 * ({@link ClaimCommand}, {@link IntegrateCommand}), with the same error reporting ({@link LaneCli#failed}), as through
 * picocli.
 *
 * <p>Why: every lane run is a fresh JVM, and building picocli's model of {@code lane} and the command and parsing with
 * it was ~17 ms of a claim's main thread (async-profiler, 12 claims), on the way to its checkout (docs/benchmarks.md).
 * picocli stays the parser of lane's command line: this recognises only those shapes, each option once, every value a
 * plain word (not empty, not starting with {@code -} or {@code @}, and before the command not a command's name), and
 * gives anything else to picocli: help, version, {@code --opt=value}, {@code @files}, {@code --}, {@code --order}, a
 * missing, repeated or unknown option, a value picocli would refuse or read otherwise. Whatever it recognises, picocli
 * parses to the same values ({@code QuickCommandLineTest} checks that for generated command lines), so the command,
 * its output and its errors are exactly those of the full command line.
 *
 * @param command  {@code claim} or {@code integrate}
 * @param rootRepo {@code --repo} given before the command's name, or null
 * @param rootJson {@code --json} given before the command's name
 * @param ownRepo  {@code --repo} given after the command's name, or null
 * @param values   the command's other options with a value, by name
 * @param flags    the command's flags given ({@code --json} too)
 */
record QuickCommandLine(String command, Path rootRepo, boolean rootJson, Path ownRepo, Map<String, String> values,
                        Set<String> flags) {

    /** A command's options: those taking a value, the flags, and the ones it requires. */
    private record Shape(Set<String> valued, Set<String> flags, Set<String> required) {
    }

    private static final Map<String, Shape> SHAPES = Map.of(
            "claim", new Shape(Set.of("--wave", "--lane", "--agent"), Set.of("--json"), Set.of("--wave", "--lane")),
            "integrate", new Shape(Set.of("--wave", "--agent"), Set.of("--json", "--squash", "--dry-run"),
                    Set.of("--wave")));

    /** The command line {@code args} spell in one of the plain shapes, or empty for picocli to parse. */
    static Optional<QuickCommandLine> of(String[] args) {
        String command = null;
        Shape shape = null;
        Path rootRepo = null;
        Path ownRepo = null;
        boolean rootJson = false;
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (command == null && SHAPES.containsKey(arg)) {
                command = arg;
                shape = SHAPES.get(arg);
                continue;
            }
            if (command == null ? arg.equals("--json") : shape.flags().contains(arg)) {
                if (command == null ? rootJson : !flags.add(arg)) {
                    return Optional.empty(); // given twice
                }
                rootJson |= command == null;
                continue;
            }
            boolean repo = arg.equals("--repo");
            if (!repo && (command == null || !shape.valued().contains(arg))) {
                return Optional.empty(); // unknown here, or a spelling only picocli reads
            }
            String value = i + 1 < args.length ? args[++i] : null;
            if (!isPlainValue(value) || (command == null && LaneCli.subcommandNamed(value) != null)) {
                return Optional.empty();
            }
            if (repo) {
                Path path = path(value);
                if (path == null || (command == null ? rootRepo : ownRepo) != null) {
                    return Optional.empty(); // not a path, or given twice
                }
                if (command == null) {
                    rootRepo = path;
                } else {
                    ownRepo = path;
                }
            } else if (values.putIfAbsent(arg, value) != null) {
                return Optional.empty(); // given twice
            }
        }
        if (command == null || !values.keySet().containsAll(shape.required())) {
            return Optional.empty();
        }
        return Optional.of(new QuickCommandLine(command, rootRepo, rootJson, ownRepo, Map.copyOf(values),
                Set.copyOf(flags)));
    }

    /** A value picocli takes as it is: a plain word, not an option nor an argument file. */
    private static boolean isPlainValue(String value) {
        return value != null && !value.isEmpty() && !value.startsWith("-") && !value.startsWith("@");
    }

    /** The path {@code value} names, converted as picocli converts {@code --repo}; null if it names none. */
    private static Path path(String value) {
        try {
            return CommandModel.toPath(value);
        } catch (TypeConversionException notAPath) {
            return null; // picocli then says so, naming the option
        }
    }

    /** {@code --repo} as the command sees it: given after its name first ({@link BaseCommand#repoOption}). */
    Path repo() {
        return ownRepo != null ? ownRepo : rootRepo;
    }

    /** {@code --json} as the command sees it: given before or after its name ({@link BaseCommand#json}). */
    boolean json() {
        return rootJson || flags.contains("--json");
    }

    /** Runs the command as picocli would have, with the same output, errors and exit code. */
    int run(CliContext ctx, StartupPrefetch prefetch) {
        BaseCommand run;
        if (command.equals("claim")) {
            ClaimCommand claim = new ClaimCommand();
            claim.wave = values.get("--wave");
            claim.lane = values.get("--lane");
            claim.agent = values.get("--agent");
            run = claim;
        } else {
            IntegrateCommand integrate = new IntegrateCommand();
            integrate.wave = values.get("--wave");
            integrate.agent = values.get("--agent");
            integrate.squash = flags.contains("--squash");
            integrate.dryRun = flags.contains("--dry-run");
            run = integrate;
        }
        run.ctx = ctx;
        run.prefetch = prefetch;
        run.global.repo = repo();
        run.global.json = json();
        try {
            return run.call();
        } catch (Exception failed) {
            return LaneCli.failed(ctx, failed, json()).code();
        }
    }
}
