package dev.lane.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * Releases many child JVMs at the same instant, so they really race instead of running one after another as they
 * happen to finish starting.
 *
 * <p>Protocol. The test creates the gate file and holds an exclusive POSIX lock on it ({@link #closed}). Each child
 * (see {@link #pass()}) finishes its start-up, drops a file named after its pid into the ready folder, and then
 * asks for a shared lock on the gate file, which blocks in the kernel. The test waits until every child has
 * arrived ({@link #awaitArrivals}) and then releases its lock ({@link #open}): the kernel grants every waiting
 * shared lock at once. No polling, no CPU burnt while waiting; if the test JVM dies, the kernel drops its lock and
 * the children simply run.
 */
public final class StartGate implements AutoCloseable {
    static final String GATE_PROPERTY = "lane.test.gate";
    static final String READY_PROPERTY = "lane.test.ready";

    private final Path file;
    private final Path readyDir;
    private final FileChannel channel;
    private final FileLock lock;

    private StartGate(Path file, Path readyDir, FileChannel channel, FileLock lock) {
        this.file = file;
        this.readyDir = readyDir;
        this.channel = channel;
        this.lock = lock;
    }

    /** A closed gate in {@code dir} (created if needed). */
    public static StartGate closed(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("gate");
            Path ready = Files.createDirectories(dir.resolve("ready"));
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            return new StartGate(file, ready, ch, ch.lock());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The system properties that tell a child JVM where the gate is. */
    List<String> jvmArgs() {
        return List.of("-D" + GATE_PROPERTY + "=" + file, "-D" + READY_PROPERTY + "=" + readyDir);
    }

    /** Waits until {@code expected} children wait at the gate; fails early if one of them already exited. */
    public void awaitArrivals(int expected, List<JvmProcess> children, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals() < expected) {
            for (JvmProcess child : children) {
                if (!child.isAlive()) {
                    throw new AssertionError("a child exited before the gate opened: " + child.describe());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + arrivals() + " of " + expected + " children reached the gate in "
                        + timeout);
            }
            sleep(20);
        }
    }

    /** Lets every waiting child run. */
    public void open() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        open();
    }

    private int arrivals() {
        try (var s = Files.list(readyDir)) {
            return (int) s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Child side: if this JVM was started behind a gate, reports arrival and blocks until the gate opens; otherwise
     * returns at once.
     */
    public static void pass() {
        String gate = System.getProperty(GATE_PROPERTY);
        if (gate == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(Path.of(gate), StandardOpenOption.READ)) {
            Files.createFile(Path.of(System.getProperty(READY_PROPERTY)).resolve(
                    String.valueOf(ProcessHandle.current().pid())));
            ch.lock(0, Long.MAX_VALUE, true).release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pass the start gate " + gate, e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
