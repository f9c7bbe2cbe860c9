package dev.lane.cli;

import dev.lane.core.ExitCode;
import dev.lane.core.LaneException;
import dev.lane.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds the one {@link CommandLine} used by {@link Main} and by the tests: same commands, same error handling,
 * same exit codes. User mistakes and refusals print one clear message on stderr, never a stack trace; only a real
 * bug prints a trace (and only with {@code LANE_DEBUG=1}).
 *
 * <p>Start-up: building picocli's model of a command is most of what a short lane run costs before it does any
 * work. The models are built in code ({@link CommandModel}: no annotation is read), and {@link #run} registers only
 * the subcommand its arguments name. When the arguments do not name one for certain (no subcommand, a typo, an
 * {@code @file}, {@code --}), every subcommand is registered, so help, suggestions and errors are exactly those of
 * the full command.
 */
public final class LaneCli {
    private LaneCli() {
    }

    /** The command line with every subcommand registered. */
    public static CommandLine create(CliContext ctx) {
        return create(ctx, null);
    }

    /**
     * The command line for {@code args}: with only the subcommand they name if that is certain, else with all.
     * Parsing {@code args} with either gives the same result.
     */
    static CommandLine create(CliContext ctx, String[] args) {
        return create(ctx, args, null);
    }

    private static CommandLine create(CliContext ctx, String[] args, StartupPrefetch prefetch) {
        LaneCommand lane = new LaneCommand();
        CommandLine cl = new CommandLine(lane.spec());
        String named = args == null ? null : namedSubcommand(cl.getCommandSpec(), args);
        for (LaneCommand.Subcommand sub : LaneCommand.SUBCOMMANDS) {
            if (named == null || named.equals(sub.name())) {
                BaseCommand command = sub.create().get();
                command.ctx = ctx;
                command.prefetch = prefetch;
                command.parent = lane;
                cl.addSubcommand(sub.name(), command.spec());
            }
        }
        // Streams, colours and handlers apply to the subcommands registered so far: register them first.
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setParameterExceptionHandler((ex, given) -> {
            ParameterException reported = firstCause(ex);
            PrintWriter err = reported.getCommandLine().getErr();
            err.println("lane: " + reported.getMessage());
            UnmatchedArgumentException.printSuggestions(reported, err); // "Did you mean: lane claim?" for a typo
            err.println("Try '" + reported.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            if (java.util.Arrays.asList(given).contains("--json")) {
                printJsonError(reported.getCommandLine().getOut(), ExitCode.USAGE, reported.getMessage());
            }
            return ExitCode.USAGE.code();
        });
        cl.setExecutionStrategy(parseResult -> {
            Integer shown = jsonRequested(parseResult) ? printJsonHelp(parseResult) : null;
            return shown != null ? shown : new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
                failed(ctx, ex, jsonRequested(parseResult)).code());
        return cl;
    }

    /**
     * Reports a command that failed with {@code ex}: one line on stderr (and what a rollback could not undo), a stack
     * trace only for a bug and only with {@code LANE_DEBUG=1}, the JSON error document on stdout if {@code json};
     * returns the exit code.
     */
    static ExitCode failed(CliContext ctx, Exception ex, boolean json) {
        PrintWriter err = ctx.err();
        ExitCode code = ex instanceof LaneException le ? le.exitCode() : ExitCode.INTERNAL;
        String message = ex instanceof LaneException ? ex.getMessage() : "internal error: " + ex;
        err.println("lane: " + message);
        for (Throwable also : ex.getSuppressed()) { // what a rollback could not undo, say
            if (also instanceof LaneException) {
                err.println("lane: also: " + also.getMessage());
                message += "\nalso: " + also.getMessage();
            }
        }
        if (code == ExitCode.INTERNAL) {
            err.println(debug(ctx) ? trace(ex) : "(set LANE_DEBUG=1 for the stack trace; please report it)");
        }
        if (json) {
            printJsonError(ctx.out(), code, message);
        }
        return code;
    }

    /**
     * The error to report: picocli checks required options before it reports arguments it did not recognise, but a
     * mistyped option ({@code --lanex dimA}) is the cause of the missing one, so it is named first.
     */
    private static ParameterException firstCause(ParameterException ex) {
        List<String> unmatched = ex.getCommandLine().getUnmatchedArguments();
        if (ex instanceof MissingParameterException && !unmatched.isEmpty()) {
            return new UnmatchedArgumentException(ex.getCommandLine(), unmatched);
        }
        return ex;
    }

    /** Runs one command line to completion and returns its exit code; output goes to the context's streams. */
    public static int run(CliContext ctx, String... args) {
        // Start-up: the workspace is read on a second thread while picocli builds its model on this one.
        try (StartupPrefetch prefetch = StartupPrefetch.start(ctx, args)) {
            Optional<QuickCommandLine> quick = QuickCommandLine.of(args);
            int code = quick.isPresent() ? quick.get().run(ctx, prefetch) : create(ctx, args, prefetch).execute(args);
            ctx.out().flush();
            ctx.err().flush();
            return code;
        }
    }

    /**
     * The subcommand {@code args} name, or null unless that is certain: the first argument that is neither an
     * option of the top-level command nor an option's value must be a subcommand's name, reached only through
     * options the top-level command knows.
     */
    static String namedSubcommand(CommandSpec root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("@") || arg.equals("--")) {
                return null; // an argument file picocli expands, or the end of options: let picocli decide
            }
            if (arg.startsWith("-")) {
                int eq = arg.indexOf('=');
                OptionSpec option = root.findOption(eq > 0 ? arg.substring(0, eq) : arg);
                if (option == null || option.usageHelp() || option.versionHelp()
                        || option.arity().min() != option.arity().max()) {
                    return null; // unknown to the top level (a cluster, a typo), help, or a variable arity
                }
                for (int v = 0; eq < 0 && v < option.arity().max(); v++) {
                    if (++i < args.length && subcommandNamed(args[i]) != null) {
                        return null; // picocli refuses a subcommand name as an option's value: let it say so
                    }
                }
                continue;
            }
            return subcommandNamed(arg);
        }
        return null;
    }

    /** The name of the subcommand {@code name} names, or null if it is none's. */
    static String subcommandNamed(String name) {
        for (LaneCommand.Subcommand sub : LaneCommand.SUBCOMMANDS) {
            if (name.equals(sub.name())) {
                return sub.name();
            }
        }
        return null;
    }

    /**
     * With {@code --json}, help and version are one JSON document too, as every other output is, in picocli's order
     * (the first command on the line that asked for help or the version): {@code {"command": "lane claim", "help":
     * text}} or {@code {"lane": "0.1.0", "java": "17.0.15"}}. Returns the exit code (0), or null if neither was asked.
     */
    private static Integer printJsonHelp(CommandLine.ParseResult parseResult) {
        for (CommandLine parsed : parseResult.asCommandLineList()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            if (parsed.isUsageHelpRequested()) {
                doc.put("command", parsed.getCommandSpec().qualifiedName());
                doc.put("help", parsed.getUsageMessage());
            } else if (parsed.isVersionHelpRequested()) {
                try {
                    doc.put("lane", VersionProvider.lane());
                } catch (java.io.IOException e) {
                    throw LaneException.internal("cannot read lane's version: " + e.getMessage(), e);
                }
                doc.put("java", System.getProperty("java.version"));
            } else {
                continue;
            }
            parsed.getOut().print(Json.write(doc));
            parsed.getOut().flush();
            return 0;
        }
        return null;
    }

    /** The JSON form of an error: {"error": kind, "exitCode": n, "message": text}. */
    private static void printJsonError(PrintWriter out, ExitCode code, String message) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("error", code.name().toLowerCase(Locale.ROOT));
        doc.put("exitCode", code.code());
        doc.put("message", message);
        out.print(Json.write(doc));
        out.flush();
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
}
