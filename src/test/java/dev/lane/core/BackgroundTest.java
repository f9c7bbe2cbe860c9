package dev.lane.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundTest {

    @Test
    void aRefusalRaisedInTheBackgroundReachesTheCallerWithItsMessageAndExitCode() {
        LaneException refusal = LaneException.usage("lanes.yml line 2: key 'inbox' is given twice");
        try (Background<String> work = Background.start("test", () -> {
            throw refusal;
        })) {
            LaneException seen = assertThrows(LaneException.class, work::get);
            assertSame(refusal, seen);
            assertEquals(ExitCode.USAGE, seen.exitCode());
        }
    }

    @Test
    void aValueNobodyTookIsDisposedOfWhenClosedAndATakenOneIsNot() throws Exception {
        AtomicReference<String> disposed = new AtomicReference<>();
        Background.start("test", () -> "handle", disposed::set).close(); // closed without anyone taking the value
        assertEquals("handle", disposed.get(), "an untaken value must be closed, not leaked");

        disposed.set(null);
        Background<String> taken = Background.start("test", () -> "mine", disposed::set);
        assertEquals("mine", taken.get());
        taken.close();
        assertEquals(null, disposed.get(), "the caller owns a value it took: close must leave it alone");
    }

    @Test
    void theWorkRunsOnAnotherThreadWhileTheCallerGoesOn() throws Exception {
        CountDownLatch callerWentOn = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        try (Background<Boolean> work = Background.start("test", () -> {
            thread.set(Thread.currentThread().getName());
            try {
                return callerWentOn.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        })) {
            callerWentOn.countDown(); // only possible if start() did not wait for the work
            assertTrue(work.get());
        }
        assertEquals("lane-test", thread.get());
        assertFalse(Thread.currentThread().getName().equals(thread.get()));
    }
}
