package dev.lane.integrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The running {@code check:} command of a pass, and what stops it when the pass itself is stopped.
 *
 * <p>Protocol. The command's shell is started by {@link #start}, which then writes its process id and start time to
 * {@code <check folder>/check-process} (next to the checkout, never in it) and registers a JVM shutdown hook that stops
 * the command. So:
 * <ul>
 *   <li>a pass stopped by a signal its JVM handles (SIGTERM from {@code timeout}, a CI cancel or {@code kill}; SIGINT;
 *       SIGHUP) stops its check on the way out: the check's processes first (the shell's descendants), then the
 *       shell, as a check that ran out of time is stopped. Without the hook the check ran on, unwatched, up to its
 *       whole length;</li>
 *   <li>a pass killed outright (kill -9, a crash) runs no hook and leaves the command running. The next pass that
 *       clears the dead pass's check folder ({@link StaleCheckouts#clear}) first calls {@link #stopLeftover}, which
 *       stops the process the record names, and its descendants, if it still runs and started at the recorded time
 *       (so a process id reused since is never touched).</li>
 * </ul>
 * What is not found either way: a process the check detached from its shell's tree ({@code setsid}, a double fork,
 * a child whose parent exited), and a command of a pass killed between its start and the record's write (a few
 * instructions). {@link #close} stops a command that still runs, then removes the hook; the record goes with the
 * check folder.
 */
final class CheckProcess implements AutoCloseable {
    /** The record's name in the check folder. */
    static final String RECORD = "check-process";
    private final Process process;
    private final Thread hook;

    private CheckProcess(Process process) {
        this.process = process;
        this.hook = new Thread(() -> stop(process), "lane-check-stop");
    }

    /**
     * Starts {@code command}'s process, records it in {@code folder} and arms the shutdown hook. If the record cannot be
     * written the command still runs (only a kill -9's leftover would go unfound) and the hook is armed all the same.
     */
    static CheckProcess start(ProcessBuilder command, Path folder) throws IOException {
        Process p = command.start();
        CheckProcess check = new CheckProcess(p);
        try {
            Runtime.getRuntime().addShutdownHook(check.hook);
        } catch (IllegalStateException shuttingDown) {
            stop(p); // the JVM is on its way out already: the check must not outlive it
            throw new IOException("the pass is being stopped", shuttingDown);
        }
        Optional<Instant> started = p.info().startInstant();
        if (started.isPresent()) {
            try {
                Files.writeString(folder.resolve(RECORD), p.pid() + " " + started.get() + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                // best effort: see above
            }
        }
        return check;
    }

    Process process() {
        return process;
    }

    /** Waits up to {@code millis} for the command to end; true if it did. */
    boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** Stops a check that ran out of time: the processes it started first (a shell's children), then the shell. */
    void stop() {
        stop(process);
    }

    /**
     * Disarms the shutdown hook; a command still running then (the wait for it was interrupted, say) is stopped first,
     * so a check never outlives the pass that watches it. Never fails.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop(process);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or has run: nothing to disarm
        }
    }

    /**
     * Stops what is left running of the check recorded in {@code folder} (a dead pass's check folder): the recorded
     * process and its descendants, only if it runs and started at the recorded time. Returns whether it stopped one.
     * A missing or unreadable record stops nothing.
     */
    static boolean stopLeftover(Path folder) {
        Path file = folder.resolve(RECORD);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        String record;
        try {
            record = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return false;
        }
        String[] parts = record.split(" ");
        if (parts.length != 2) {
            return false;
        }
        long pid;
        Instant started;
        try {
            pid = Long.parseLong(parts[0]);
            started = Instant.parse(parts[1]);
        } catch (NumberFormatException | DateTimeParseException e) {
            return false;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
                .filter(h -> h.info().startInstant().map(started::equals).orElse(false));
        leftover.ifPresent(CheckProcess::stop);
        return leftover.isPresent();
    }

    private static void stop(Process p) {
        stop(p.toHandle());
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stop(ProcessHandle h) {
        h.descendants().forEach(ProcessHandle::destroyForcibly);
        h.destroyForcibly();
    }
}
