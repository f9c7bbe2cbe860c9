package dev.lane.demo;

import dev.lane.core.LaneException;
import dev.lane.core.LauncherEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs {@code lane} as a separate process (a real agent would), with the same jar or classpath as this JVM. */
final class LaneProcess {
    private LaneProcess() {
    }

    /** The outcome of one run. */
    record Result(int exitCode, String out, String err) {
    }

    static Result run(Path cwd, String agent, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", absoluteClassPath(), "dev.lane.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().put("LANE_AGENT", agent);
        pb.environment().remove(LauncherEnv.CWD_GONE); // the demo's lanes run in folders that exist
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            String out = read(p.getInputStream());
            return new Result(p.waitFor(), out, err.join());
        } catch (IOException e) {
            throw LaneException.internal("demo: cannot start lane: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LaneException.internal("demo: interrupted", e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** This JVM's class path with every entry made absolute, since the agents run in other folders. */
    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(e).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
