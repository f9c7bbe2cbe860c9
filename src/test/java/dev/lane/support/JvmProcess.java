package dev.lane.support;

import dev.lane.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A separate JVM running {@code dev.lane.cli.Main} (or a test-only main) on the test classpath: a real process, so
 * tests of concurrency and crashes exercise OS locks, atomic mkdir and kill -9 for real, not threads.
 *
 * <p>Output goes to files under the log folder (never pipes, which would block a child when nobody reads them).
 * Children get the test's environment without LANE_* variables, with the machine's git config switched off, and
 * small-JVM flags (C1 only, serial GC, small heap) so that dozens of them start quickly on two cores.
 */
public final class JvmProcess {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx96m", "-Xss512k", "-XX:-UsePerfData", "-Xshare:auto");

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;

    private JvmProcess(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** {@code lane args...} as a separate process. */
    public static Builder lane(String... args) {
        return new Builder(Main.class.getName(), List.of(args));
    }

    /** {@code java mainClass args...} as a separate process (for test-only mains). */
    public static Builder java(Class<?> mainClass, String... args) {
        return new Builder(mainClass.getName(), List.of(args));
    }

    /** How a child finished. */
    public record Result(String name, int exitCode, String out, String err) {
        @Override
        public String toString() {
            return name + ": exit " + exitCode + (out.isBlank() ? "" : "\n  stdout: " + out.strip())
                    + (err.isBlank() ? "" : "\n  stderr: " + err.strip());
        }
    }

    /** Options of a child before it starts. */
    public static final class Builder {
        private String mainClass;
        private final List<String> args;
        private final Map<String, String> env = new HashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private Path dir;
        private Path logs;
        private String name;
        private StartGate gate;

        private Builder(String mainClass, List<String> args) {
            this.mainClass = mainClass;
            this.args = args;
        }

        /** The working folder (default: the test's). */
        public Builder in(Path directory) {
            this.dir = directory;
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** An extra option for the child JVM (after the small-JVM flags), e.g. a {@code -Xlog} option. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Where stdout and stderr files go (required). */
        public Builder logs(Path folder) {
            this.logs = folder;
            return this;
        }

        /** A name for messages and log files (default: jvm-N). */
        public Builder name(String n) {
            this.name = n;
            return this;
        }

        /**
         * Starts the child behind {@code startGate}: a lane child warms up and waits there ({@link GatedLane}); a
         * test-only main must call {@link StartGate#pass()} itself.
         */
        public Builder gate(StartGate startGate) {
            this.gate = startGate;
            return this;
        }

        /**
         * Runs the child with {@code LANE_CRASH_AT=point}, waits until it reaches that crash point (a minute at most)
         * and kills it there with SIGKILL, as a crash would; fails unless it died of the kill. Returns the dead child.
         */
        public JvmProcess killedAt(String point) {
            JvmProcess crasher = env("LANE_CRASH_AT", point).start();
            try {
                crasher.awaitStderr("crash point " + point + " reached", Duration.ofMinutes(1));
            } finally {
                int code = crasher.kill9();
                if (code != 137) {
                    throw new AssertionError(crasher.name + " was not killed by SIGKILL at " + point + ": exit " + code);
                }
            }
            return crasher;
        }

        public JvmProcess start() {
            if (logs == null) {
                throw new IllegalStateException("set logs(folder) before start()");
            }
            String n = name != null ? name : "jvm-" + COUNTER.incrementAndGet();
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(JVM_FLAGS);
            cmd.addAll(jvmOptions);
            cmd.add("-cp");
            cmd.add(testClassPath());
            String main = mainClass;
            if (gate != null) {
                cmd.addAll(gate.jvmArgs());
                if (main.equals(Main.class.getName())) {
                    main = GatedLane.class.getName();
                }
            }
            cmd.add(main);
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Map<String, String> e = pb.environment();
            e.keySet().removeIf(k -> k.startsWith("LANE_"));
            e.put("GIT_CONFIG_GLOBAL", "/dev/null");
            e.put("GIT_CONFIG_NOSYSTEM", "1");
            e.putAll(env);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            try {
                Files.createDirectories(logs);
                Path o = logs.resolve(n + ".out");
                Path r = logs.resolve(n + ".err");
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.redirectOutput(o.toFile());
                pb.redirectError(r.toFile());
                return new JvmProcess(n, pb.start(), o, r);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /** The classpath of this test run (surefire passes it in a property; plain runs have it in java.class.path). */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the child to exit; kills it and fails the test if it takes longer than {@code timeout}. */
    public Result await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(name + " did not finish within " + timeout + "; killed it. " + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Result(name, process.exitValue(), read(out), read(err));
    }

    /** Waits until the child's stderr contains {@code text}; fails if it exits or the time runs out first. */
    public void awaitStderr(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!read(err).contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited before printing '" + text + "': " + describe());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not print '" + text + "' within " + timeout + ": " + describe());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Kills the child with SIGKILL (kill -9: no shutdown hooks, no cleanup) and returns its exit code. */
    public int kill9() {
        try {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the child with SIGTERM (as {@code timeout} or a CI cancel does: its shutdown hooks run) and waits. */
    public int terminate() {
        try {
            process.destroy();
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills every child still running (for finally blocks). */
    public static void killAll(List<JvmProcess> children) {
        for (JvmProcess c : children) {
            if (c.isAlive()) {
                c.kill9();
            }
        }
    }

    /** Waits for every child; the results are in the same order. */
    public static List<Result> awaitAll(List<JvmProcess> children, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Result> results = new ArrayList<>();
        for (JvmProcess c : children) {
            long left = Math.max(1, deadline - System.nanoTime());
            results.add(c.await(Duration.ofNanos(left)));
        }
        return results;
    }

    String describe() {
        return name + " (pid " + process.pid() + ", " + (process.isAlive() ? "running" : "exit " + process.exitValue())
                + ")\n  stdout: " + read(out).strip() + "\n  stderr: " + read(err).strip();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
