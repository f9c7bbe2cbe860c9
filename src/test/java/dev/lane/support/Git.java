package dev.lane.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Native git for test set-up and for checking what lane left behind. Independent of the machine's git config
 * (global and system config are switched off) and of lane's own git runner, so a bug there cannot hide here.
 */
public final class Git {
    private Git() {
    }

    /** The outcome of one git run. */
    public record Run(int exitCode, String out, String err) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs git in {@code dir}; whatever its exit code. */
    public static Run run(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString(),
                "-c", "user.name=lane-test", "-c", "user.email=lane-test@lane.invalid", "-c", "gc.auto=0"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            String out = drain(p.getInputStream());
            return new Run(p.waitFor(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs git in {@code dir} and returns its stdout; fails the test if git fails. */
    public static String ok(Path dir, String... args) {
        Run r = run(dir, args);
        if (!r.ok()) {
            throw new AssertionError("git " + String.join(" ", args) + " failed in " + dir + " (exit " + r.exitCode()
                    + "): " + r.err());
        }
        return r.out();
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
