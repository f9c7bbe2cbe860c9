package dev.lane.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's name and whether a process of it is alive: what claim records and lock files say of their holder,
 * and how dead claims are told from live ones.
 */
public final class Host {
    private Host() {
    }

    public static String name() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                return Files.readString(kernel).strip();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** What this machine can tell of a process named by its host and pid (a claim record, a lock's holder line). */
    public enum ProcessState {
        /** A process of this host that runs. */
        RUNS,
        /** A process of this host that no longer runs. */
        GONE,
        /** A process of another host: whether it still runs cannot be told from here. */
        ON_ANOTHER_HOST
    }

    /** What this machine can tell of process {@code pid} of {@code host}. */
    public static ProcessState stateOf(String host, long pid) {
        return !host.equals(name()) ? ProcessState.ON_ANOTHER_HOST
                : isAlive(pid) ? ProcessState.RUNS : ProcessState.GONE;
    }
}
