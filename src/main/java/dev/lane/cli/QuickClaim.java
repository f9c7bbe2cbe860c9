package dev.lane.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The claim command line agents' scripts run, {@code lane claim --wave 45 --lane dimA} (with {@code --agent A},
 * {@code --repo DIR} and {@code --json} in any order, {@code --repo}/{@code --json} also before {@code claim}),
 * recognised without building picocli's model, and run by the same {@link ClaimCommand} with the same error
 * reporting as through picocli.
 *
 * <p>Why: an agent pays for a claim on every lane, and building picocli's model of {@code lane} and {@code claim} and
 * parsing with it is ~18 ms of a claim's ~70 ms of Java, on the path to the checkout (docs/benchmarks.md). picocli
 * stays the parser of lane's command line: this recognises only that one shape, each option once, every value a
 * plain word (not empty, not starting with {@code -} or {@code @}, not a command's name), and gives anything else
 * to picocli: help, version, {@code --opt=value}, {@code @files}, {@code --}, a missing, repeated or unknown option,
 * a value picocli would refuse or read otherwise. Whatever it recognises, picocli parses to the same values
 * ({@code QuickClaimTest} checks that for generated command lines), so the claim, its output and its errors are
 * exactly those of the full command line.
 *
 * @param rootRepo  {@code --repo} given before {@code claim}, or null
 * @param rootJson  {@code --json} given before {@code claim}
 * @param wave      {@code --wave}
 * @param lane      {@code --lane}
 * @param agent     {@code --agent}, or null
 * @param repo      {@code --repo} given after {@code claim}, or null
 * @param json      {@code --json} given after {@code claim}
 */
record QuickClaim(Path rootRepo, boolean rootJson, String wave, String lane, String agent, Path repo,
                  boolean json) {

    /** The claim {@code args} spell in the plain shape, or empty for picocli to parse. */
    static Optional<QuickClaim> of(String[] args) {
        Path rootRepo = null;
        Path repo = null;
        String wave = null;
        String lane = null;
        String agent = null;
        boolean rootJson = false;
        boolean json = false;
        boolean claim = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("claim") && !claim) {
                claim = true;
                continue;
            }
            if (arg.equals("--json")) {
                if (claim ? json : rootJson) {
                    return Optional.empty();
                }
                if (claim) {
                    json = true;
                } else {
                    rootJson = true;
                }
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (!isPlainValue(value) || (!claim && isCommandName(value))) {
                return Optional.empty();
            }
            i++;
            switch (claim ? arg : "root " + arg) {
                case "root --repo" -> {
                    if (rootRepo != null || (rootRepo = path(value)) == null) {
                        return Optional.empty();
                    }
                }
                case "--repo" -> {
                    if (repo != null || (repo = path(value)) == null) {
                        return Optional.empty();
                    }
                }
                case "--wave" -> {
                    if (wave != null) {
                        return Optional.empty();
                    }
                    wave = value;
                }
                case "--lane" -> {
                    if (lane != null) {
                        return Optional.empty();
                    }
                    lane = value;
                }
                case "--agent" -> {
                    if (agent != null) {
                        return Optional.empty();
                    }
                    agent = value;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (!claim || wave == null || lane == null) {
            return Optional.empty();
        }
        return Optional.of(new QuickClaim(rootRepo, rootJson, wave, lane, agent, repo, json));
    }

    /** A value picocli takes as it is: a plain word, not an option nor an argument file. */
    private static boolean isPlainValue(String value) {
        return value != null && !value.isEmpty() && !value.startsWith("-") && !value.startsWith("@");
    }

    /** A command's name, which picocli refuses as the value of an option given before the command. */
    private static boolean isCommandName(String value) {
        for (LaneCommand.Subcommand sub : LaneCommand.SUBCOMMANDS) {
            if (sub.name().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The path {@code --repo} names, or null if it names none (picocli then says so). */
    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException notAPath) {
            return null;
        }
    }

    /**
     * Runs the claim as picocli would have, with the same output, errors and exit code. The options given before
     * {@code claim} count as picocli's top-level command would make them count ({@link BaseCommand#json},
     * {@link BaseCommand#repoOption}: after the command's name first).
     */
    int run(CliContext ctx, StartupPrefetch prefetch) {
        ClaimCommand claim = new ClaimCommand();
        claim.ctx = ctx;
        claim.prefetch = prefetch;
        claim.global.repo = repo != null ? repo : rootRepo;
        claim.global.json = json || rootJson;
        claim.wave = wave;
        claim.lane = lane;
        claim.agent = agent;
        try {
            return claim.call();
        } catch (Exception failed) {
            return LaneCli.failed(ctx, failed, rootJson || json).code();
        }
    }
}
