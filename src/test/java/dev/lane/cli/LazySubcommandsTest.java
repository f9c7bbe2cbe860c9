package dev.lane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@link LaneCli#run} registers only the subcommand it needs; a user must not be able to tell. */
class LazySubcommandsTest {
    private static final List<List<String>> ARGUMENTS = List.of(
            List.of(),
            List.of("--help"),
            List.of("-h"),
            List.of("--version"),
            List.of("-hV"),
            List.of("--help", "claim"),
            List.of("claim", "--help"),
            List.of("--json", "claim", "--help"),
            List.of("--repo", "claim", "submit", "--help"),
            List.of("--repo", "dir", "submit", "--help"),
            List.of("--repo=x", "ledger", "--help"),
            List.of("claim"),
            List.of("claim", "--wave"),
            List.of("claim", "--wave", "1", "--lane", "a", "--bogus"),
            List.of("clam", "--wave", "1"),
            List.of("--jsn", "claim"),
            List.of("--", "claim"),
            List.of("release", "--wave", "1"),
            List.of("submit", "--bump"),
            List.of("ledger", "--verify", "extra"));

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome lazily(Path cwd, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LaneCli.run(context(cwd, out, err), args.toArray(String[]::new));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static Outcome withEverySubcommand(Path cwd, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = context(cwd, out, err);
        int code = LaneCli.create(ctx).execute(args.toArray(String[]::new));
        ctx.out().flush();
        ctx.err().flush();
        return new Outcome(code, out.toString(), err.toString());
    }

    private static CliContext context(Path cwd, StringWriter out, StringWriter err) {
        return new CliContext(cwd, Map.of(), Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void helpVersionAndUsageErrorsAreTheSameAsWithEverySubcommandRegistered(@TempDir Path dir) {
        for (List<String> args : ARGUMENTS) {
            assertEquals(withEverySubcommand(dir, args), lazily(dir, args), "lane " + String.join(" ", args));
        }
    }

    @Test
    void topLevelHelpListsEverySubcommand(@TempDir Path dir) {
        String help = lazily(dir, List.of("--help")).out();
        for (String name : List.of("init", "claim", "submit", "release", "ledger")) {
            assertEquals(true, help.contains("  " + name + " ") || help.contains("  " + name + "\n"), help);
        }
    }

    @Test
    void onlyACertainSubcommandNameNarrowsTheRegistration() {
        CommandLine root = LaneCli.create(context(Path.of("."), new StringWriter(), new StringWriter()));
        var spec = root.getCommandSpec();
        assertEquals("claim", LaneCli.namedSubcommand(spec, new String[] {"claim", "--wave", "1"}));
        assertEquals("claim", LaneCli.namedSubcommand(spec, new String[] {"--json", "claim"}));
        assertEquals("submit", LaneCli.namedSubcommand(spec, new String[] {"--repo", "dir", "submit"}));
        assertNull(LaneCli.namedSubcommand(spec, new String[] {"--repo", "claim", "submit"}));
        assertEquals("ledger", LaneCli.namedSubcommand(spec, new String[] {"--repo=claim", "ledger"}));
        assertNull(LaneCli.namedSubcommand(spec, new String[] {}));
        assertNull(LaneCli.namedSubcommand(spec, new String[] {"--help", "claim"}));
        assertNull(LaneCli.namedSubcommand(spec, new String[] {"-hV"}));
        assertNull(LaneCli.namedSubcommand(spec, new String[] {"--", "claim"}));
        assertNull(LaneCli.namedSubcommand(spec, new String[] {"@args.txt"}));
        assertNull(LaneCli.namedSubcommand(spec, new String[] {"clam"}));
        assertNull(LaneCli.namedSubcommand(spec, new String[] {"--jsn", "claim"}));
    }
}
