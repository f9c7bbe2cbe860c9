package dev.lane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import picocli.CommandLine;

/**
 * The claim and integrate command lines recognised without picocli ({@link QuickCommandLine}) mean exactly what
 * picocli makes of them: whatever it takes, picocli parses without error to the same command and option values;
 * everything else is left to picocli.
 */
class QuickCommandLineTest {
    /** What a run with these arguments would act on, as picocli parses them; empty if picocli refuses them. */
    private static Optional<List<Object>> picocli(String[] args) {
        CliContext ctx = new CliContext(Path.of("/tmp"), Map.of(), Clock.systemUTC(),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CommandLine cl = LaneCli.create(ctx);
        CommandLine.ParseResult parsed;
        try {
            parsed = cl.parseArgs(args);
        } catch (CommandLine.ParameterException refused) {
            return Optional.empty();
        }
        if (parsed.subcommand() == null || parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()
                || parsed.subcommand().isUsageHelpRequested() || parsed.subcommand().isVersionHelpRequested()) {
            return Optional.empty();
        }
        LaneCommand root = (LaneCommand) cl.getCommand();
        Object command = parsed.subcommand().commandSpec().userObject();
        if (!(command instanceof BaseCommand run)) {
            return Optional.empty();
        }
        Path repo = run.global.repo != null ? run.global.repo : root.global.repo;
        boolean json = run.global.json || root.global.json;
        if (command instanceof ClaimCommand claim) {
            return Optional.of(List.of("claim", claim.wave, claim.lane, String.valueOf(claim.agent), repo == null
                    ? "-" : repo, json));
        }
        if (command instanceof IntegrateCommand integrate) {
            return Optional.of(List.of("integrate", integrate.wave, integrate.squash, integrate.dryRun,
                    String.valueOf(integrate.agent), repo == null ? "-" : repo, json,
                    integrate.order == IntegrateCommand.NO_ORDER));
        }
        return Optional.of(List.of(parsed.subcommand().commandSpec().name()));
    }

    private static Optional<List<Object>> quick(String[] args) {
        return QuickCommandLine.of(args).map(q -> q.command().equals("claim")
                ? List.of("claim", q.values().get("--wave"), q.values().get("--lane"),
                        String.valueOf(q.values().get("--agent")), q.repo() == null ? "-" : q.repo(), q.json())
                : List.of("integrate", q.values().get("--wave"), q.flags().contains("--squash"),
                        q.flags().contains("--dry-run"), String.valueOf(q.values().get("--agent")),
                        q.repo() == null ? "-" : q.repo(), q.json(), true));
    }

    @Property(tries = 5000)
    void whateverIsTakenWithoutPicocliPicocliParsesToTheSameCommandAndValues(@ForAll("commandLines") List<String> words) {
        String[] args = words.toArray(String[]::new);
        Optional<List<Object>> quick = quick(args);
        if (quick.isPresent()) {
            assertEquals(quick, picocli(args), () -> "picocli reads " + words + " otherwise");
        }
        Statistics.collect(quick.isPresent() ? "taken" : "left to picocli");
    }

    /**
     * Command lines made of option-and-value pieces, mostly well formed (so that many are taken), with every
     * spelling that is not mixed in: values that look like options, argument files, commands' names, empty words,
     * {@code --opt=value}, help and version, an end of options, misspelt options, a second command word.
     */
    @Provide
    Arbitrary<List<String>> commandLines() {
        Arbitrary<String> value = Arbitraries.of("45", "dimA", "a1", "/tmp/r", "r", "x y", "claimx", "claim", "",
                "-x", "--lane", "@args", "submit", "status");
        Arbitrary<List<String>> piece = Arbitraries.oneOf(
                Arbitraries.just(List.of("claim")),
                Arbitraries.just(List.of("--json")),
                value.map(v -> List.of("--wave", v)),
                value.map(v -> List.of("--lane", v)),
                value.map(v -> List.of("--agent", v)),
                value.map(v -> List.of("--repo", v)),
                Arbitraries.of("--squash", "--dry-run", "integrate").map(List::of),
                value.map(v -> List.of("--order", v)),
                Arbitraries.of("-h", "--help", "-V", "--version", "--", "--wave=45", "--lane=dimA", "--Wave", "--wav",
                        "submit", "x", "--bump", "--wave", "--lane").map(List::of));
        Arbitrary<String> good = Arbitraries.of("45", "dimA", "a1", "/tmp/r", "r");
        Arbitrary<List<List<String>>> claimLine = Combinators.combine(good, good, piece.list().ofMaxSize(3))
                .as((w, l, extra) -> {
                    List<List<String>> pieces = new java.util.ArrayList<>(extra);
                    pieces.add(List.of("claim"));
                    pieces.add(List.of("--wave", w));
                    pieces.add(List.of("--lane", l));
                    return pieces;
                }).flatMap(pieces -> Arbitraries.shuffle(pieces));
        Arbitrary<List<List<String>>> integrateLine = Combinators.combine(good, piece.list().ofMaxSize(3))
                .as((w, extra) -> {
                    List<List<String>> pieces = new java.util.ArrayList<>(extra);
                    pieces.add(List.of("integrate"));
                    pieces.add(List.of("--wave", w));
                    return pieces;
                }).flatMap(pieces -> Arbitraries.shuffle(pieces));
        return Arbitraries.frequencyOf(Tuple.of(3, claimLine), Tuple.of(3, integrateLine),
                        Tuple.of(1, piece.list().ofMaxSize(7)))
                .map(pieces -> pieces.stream().flatMap(List::stream).toList());
    }

    @Example
    void theShapesAgentsAndTheIntegratorRunAreTakenWithoutPicocli() {
        for (String line : List.of("claim --wave 45 --lane dimA", "claim --lane dimA --wave 45 --agent a1 --json",
                "--json claim --wave 45 --lane dimA", "--repo /tmp/r claim --wave 45 --lane dimA --repo r",
                "claim --repo /tmp/r --json --wave 45 --lane dimA", "integrate --wave 45",
                "--json integrate --dry-run --wave 45 --squash --agent i1 --repo /tmp/r")) {
            String[] args = line.split(" ");
            assertTrue(QuickCommandLine.of(args).isPresent(), line);
            assertEquals(picocli(args), quick(args), line);
        }
    }

    /** Exit code, stdout and stderr of one run through {@link LaneCli#run} (the quick path) or picocli alone. */
    private static String outcome(Path cwd, boolean quick, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(cwd, Map.of("LANE_AGENT", "a1"), Clock.systemUTC(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        int code = quick ? LaneCli.run(ctx, args) : LaneCli.create(ctx).execute(args);
        return code + "\n" + out + "\n" + err;
    }

    @Example
    void aClaimOrPassThatFailsReportsExactlyWhatPicocliReports() throws java.io.IOException {
        Path notARepository = java.nio.file.Files.createTempDirectory("quick-not-a-repo");
        try {
            for (String line : List.of("claim --wave a..b --lane dimA", "--json claim --wave 45 --lane dimA",
                    "claim --wave 45 --lane dimA --agent bad/agent --json", "integrate --wave 45 --dry-run",
                    "integrate --wave 45 --json --repo /nonexistent-lane-repo")) {
                String[] args = line.split(" ");
                assertTrue(QuickCommandLine.of(args).isPresent(), line);
                String quick = outcome(notARepository, true, args);
                assertFalse(quick.startsWith("0\n"), "a failure: " + quick);
                assertEquals(outcome(notARepository, false, args), quick, line);
            }
        } finally {
            java.nio.file.Files.delete(notARepository);
        }
    }

    @Example
    void helpVersionAndEverySpellingPicocliAloneKnowsAreLeftToPicocli() {
        for (String line : List.of("claim --wave 45 --lane dimA --help", "claim -h", "--version claim --wave 4 --lane a",
                "claim --wave=45 --lane dimA", "claim --wave 45", "claim --wave 45 --lane dimA --wave 46",
                "claim --wave 45 --lane dimA --json --json", "claim --wave 45 --lane -dimA",
                "claim --wave 45 --lane dimA extra", "claim --wave 45 --lane @file", "--repo status claim --wave 4 --lane a",
                "claim -- --wave 45 --lane dimA", "status --wave 45 --lane dimA", "claim --wave  --lane dimA",
                "integrate --wave 45 --order dimB,dimA", "integrate --wave 45 --dry-run --dry-run", "integrate",
                "integrate --wave 45 --lane dimA", "--squash integrate --wave 45")) {
            assertTrue(QuickCommandLine.of(line.split(" ")).isEmpty(), line);
        }
    }
}
