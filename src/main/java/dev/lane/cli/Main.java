package dev.lane.cli;

import dev.lane.config.ConfigLoader;
import dev.lane.json.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;

/**
 * The process entry point: wires the real world into a {@link CliContext} and exits with the command's code.
 *
 * <p>Start-up. Before a command runs, two one-time costs dominate a short lane run: picocli building its model of
 * the command line (on this thread), and the first use of the YAML/JSON codecs and SHA-256 that nearly every
 * command needs (class initialisation, not work). The second is independent of the first, so it runs on a
 * daemon thread at the same time: {@link #warmUp()} parses a constant configuration text, encodes a constant JSON
 * document and hashes one byte, touching no file and no state. The command itself starts only after the warm-up
 * has finished (see {@link LaneCli#run(CliContext, Runnable, String...)}), so the two threads never initialise the
 * same classes at once.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Thread warmUp = new Thread(Main::warmUp, "lane-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        CliContext ctx = new CliContext(Path.of("").toAbsolutePath(), System.getenv(), Clock.systemUTC(), out, err);
        System.exit(LaneCli.run(ctx, () -> join(warmUp), args));
    }

    /** The first use of what nearly every command needs; no file, no state, no output. */
    static void warmUp() {
        try {
            ConfigLoader.parse("inbox: tools/offline/_inbox\nmanifest:\n  required: []\n", "warm-up");
            Json.write(Map.of("warm", "up"));
            MessageDigest.getInstance("SHA-256").digest(new byte[1]);
        } catch (Throwable ignored) {
            // only a head start: the command does the same work itself when it needs it
        }
    }

    private static void join(Thread warmUp) {
        try {
            warmUp.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
