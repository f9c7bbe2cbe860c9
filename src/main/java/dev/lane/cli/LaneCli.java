package dev.lane.cli;

import dev.lane.core.ExitCode;
import dev.lane.core.LaneException;
import dev.lane.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds the one {@link CommandLine} used by {@link Main} and by the tests: same commands, same error handling,
 * same exit codes. User mistakes and refusals print one clear message on stderr, never a stack trace; only a real
 * bug prints a trace (and only with {@code LANE_DEBUG=1}).
 */
public final class LaneCli {
    private LaneCli() {
    }

    public static CommandLine create(CliContext ctx) {
        CommandLine cl = new CommandLine(new LaneCommand(), new ContextFactory(ctx));
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("lane: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            if (java.util.Arrays.asList(args).contains("--json")) {
                printJsonError(ex.getCommandLine(), ExitCode.USAGE, ex.getMessage());
            }
            return ExitCode.USAGE.code();
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            ExitCode code = ex instanceof LaneException le ? le.exitCode() : ExitCode.INTERNAL;
            String message = ex instanceof LaneException ? ex.getMessage() : "internal error: " + ex;
            err.println("lane: " + message);
            if (code == ExitCode.INTERNAL) {
                err.println(debug(ctx) ? trace(ex) : "(set LANE_DEBUG=1 for the stack trace; please report it)");
            }
            if (jsonRequested(parseResult)) {
                printJsonError(commandLine, code, message);
            }
            return code.code();
        });
        return cl;
    }

    /** Runs one command line to completion and returns its exit code; output goes to the context's streams. */
    public static int run(CliContext ctx, String... args) {
        int code = create(ctx).execute(args);
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }

    /** The JSON form of an error: {"error": kind, "exitCode": n, "message": text}. */
    private static void printJsonError(CommandLine commandLine, ExitCode code, String message) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("error", code.name().toLowerCase(Locale.ROOT));
        doc.put("exitCode", code.code());
        doc.put("message", message);
        commandLine.getOut().print(Json.write(doc));
        commandLine.getOut().flush();
    }

    /** Whether --json was given to the command or before it: then even an error is a JSON document on stdout. */
    private static boolean jsonRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--json")) {
                return true;
            }
        }
        return false;
    }

    private static boolean debug(CliContext ctx) {
        return "1".equals(ctx.env().get("LANE_DEBUG"));
    }

    private static String trace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /** Creates command objects and hands each the run's context. */
    private record ContextFactory(CliContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K instance = CommandLine.defaultFactory().create(cls);
            if (instance instanceof BaseCommand command) {
                command.ctx = ctx;
            }
            return instance;
        }
    }
}
