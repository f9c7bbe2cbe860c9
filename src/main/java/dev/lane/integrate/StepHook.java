package dev.lane.integrate;

import dev.lane.core.LaneException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Called by the integrator when a pass reaches a {@link Step}. Production code passes {@link #NONE}; tests pass
 * hooks that move main behind the integrator's back, or kill the process.
 */
@FunctionalInterface
public interface StepHook {
    StepHook NONE = step -> {
    };

    /** The environment variable of the crash test hook. */
    String CRASH_ENV = dev.lane.core.CrashPoint.ENV;

    void reached(Step step);

    /**
     * Test hook: if {@code LANE_CRASH_AT=<step label>} is set, the process halts with status 137 (as if killed with
     * kill -9: no shutdown hooks, no finally blocks, no flushing) the moment the pass reaches that step. Used by the
     * crash-safety test, which runs {@code lane integrate} in a separate JVM once per step. Unset: no effect.
     */
    static StepHook crashAt(Map<String, String> env) {
        String label = env.get(CRASH_ENV);
        if (label == null || label.isBlank()) {
            return NONE;
        }
        Step target = Step.fromLabel(label.strip()).orElseThrow(() -> LaneException.usage(CRASH_ENV + "=" + label
                + " names no step; steps are: " + Arrays.stream(Step.values()).map(Step::label)
                        .collect(Collectors.joining(", "))));
        return step -> {
            if (step == target) {
                Runtime.getRuntime().halt(137);
            }
        };
    }
}
