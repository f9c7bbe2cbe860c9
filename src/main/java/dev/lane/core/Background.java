package dev.lane.core;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A value computed on a second thread while the caller goes on with other start-up work (a lane run is a short JVM
 * on a machine with at least two cores: opening the repository with JGit, say, overlaps reading the inbox).
 *
 * <p>Protocol. {@link #start} runs the supplier at once on a new daemon thread. {@link #get} waits for it and returns
 * the value, or throws what the supplier threw (a {@link LaneException} as it is, so the user sees the same message
 * and exit code as if the work had run in the caller's thread). The work must only read shared state or create
 * things owned by the value (a handle, a parsed file): it may run even if the caller then fails and never asks for it.
 * {@link #close} disposes of a value nobody took: it waits for the work and passes its value to the disposer given at
 * the start; after {@link #get} it does nothing (the caller owns the value then). A crash loses nothing: the work
 * changes no state.
 *
 * @param <T> the value
 */
public final class Background<T> implements AutoCloseable {
    private final FutureTask<T> task;
    private final Consumer<? super T> disposer;
    private boolean taken;

    private Background(Supplier<T> work, Consumer<? super T> disposer) {
        this.task = new FutureTask<>(work::get);
        this.disposer = disposer;
    }

    /** Starts {@code work} on a new daemon thread named {@code name}; {@code disposer} closes an untaken value. */
    public static <T> Background<T> start(String name, Supplier<T> work, Consumer<? super T> disposer) {
        Background<T> b = new Background<>(work, disposer);
        Thread t = new Thread(b.task, "lane-" + name);
        t.setDaemon(true);
        t.start();
        return b;
    }

    /** Starts {@code work} whose value needs no disposing. */
    public static <T> Background<T> start(String name, Supplier<T> work) {
        return start(name, work, value -> {
        });
    }

    /** The value, once computed; throws what the work threw. The caller owns the value from now on. */
    public T get() {
        taken = true;
        return await();
    }

    private T await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the work is short: finish waiting, then restore the flag
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw LaneException.internal(cause.toString(), cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Disposes of the value if nobody took it (waiting for the work to end); a failed work leaves nothing. */
    @Override
    public void close() {
        if (taken) {
            return;
        }
        taken = true;
        T value;
        try {
            value = await();
        } catch (RuntimeException failed) {
            return; // the work failed: it left nothing to dispose of
        }
        if (value != null) {
            disposer.accept(value);
        }
    }
}
