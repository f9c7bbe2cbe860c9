package dev.lane.release;

import dev.lane.inbox.Inbox;
import dev.lane.integrate.IntegrateLock;
import dev.lane.names.WaveId;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Test-only main: {@code ReleaseLockHolderMain <inbox> <wave> <lane> <millis>} holds the wave's integrator lock the
 * way a release of {@code lane} does, says {@code held} on stderr, and lets go after {@code millis}.
 */
public final class ReleaseLockHolderMain {
    private ReleaseLockHolderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (IntegrateLock held = IntegrateLock.acquire(new Inbox(Path.of(args[0])), new WaveId(args[1]),
                IntegrateLock.RELEASE + args[2], "release", "holder", Instant.now())) {
            System.err.println("held");
            System.err.flush();
            Thread.sleep(Long.parseLong(args[3]));
        }
    }
}
