package dev.lane.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** The process entry point: wires the real world into a {@link CliContext} and exits with the command's code. */
public final class Main {
    /** JGit's switch for its SHA-1: {@code java} (its default, collision-detecting) or {@code jdkNative}. */
    static final String JGIT_SHA1 = "org.eclipse.jgit.util.sha1.implementation";

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty(CommandModel.CONVERTER_EXCLUDES, CommandModel.UNUSED_CONVERTERS); // start-up: see there
        // picocli's documented switch for Groovy closures in annotations, which lane does not use. Without it, every
        // run looks for groovy.lang.Closure on the class path, a miss that opens and indexes the whole jar (5,000
        // entries, about 7 ms) when every class lane needs comes from the start-up archive.
        System.setProperty("picocli.disable.closures", "true");
        // JGit logs through slf4j: naming its provider (the no-op one lane ships) spares slf4j a class-path search.
        System.setProperty("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN"); // and not to announce on stderr that it was named
        // JGit hashes the objects an integrate pass writes with the JDK's SHA-1 rather than its own Java port of git's
        // collision-detecting SHA-1 (sha1dc): ~17 ms of a 50-lane pass, ~40 ms of CPU (docs/decisions.md, Eleventh
        // session, says what that gives up). A value given with LANE_JAVA_OPTS (-D...=java) wins.
        if (System.getProperty(JGIT_SHA1) == null) {
            System.setProperty(JGIT_SHA1, "jdkNative");
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        CliContext ctx = new CliContext(Path.of("").toAbsolutePath(), System.getenv(), Clock.systemUTC(), out, err);
        int code = LaneCli.run(ctx, args);
        out.flush();
        err.flush();
        // The command is over: every file it wrote is renamed into place or closed, every git it started has ended,
        // and no shutdown hook has work left (lane's own, which stops a check, is removed when the check ends; JGit's
        // releases lock files and thread pools of a repository the command has closed). So the JVM's orderly
        // shutdown is skipped: ~5 ms of every run (interleaved 1-file claims, 31 rounds: 135.3 vs 129.7 ms). A signal
        // (Ctrl-C, kill) still runs the hooks, and an error thrown out of run still exits through the JVM's own path.
        Runtime.getRuntime().halt(code);
    }
}
