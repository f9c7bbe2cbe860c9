package dev.lane.core;

/**
 * A failure the user must be told about in plain words, with the exit code that classifies it. The message names
 * the input or state at fault and says what to do; the CLI prints it on stderr without a stack trace.
 */
public class LaneException extends RuntimeException {
    private final ExitCode exitCode;

    public LaneException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public LaneException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static LaneException usage(String message) {
        return new LaneException(ExitCode.USAGE, message);
    }

    public static LaneException contention(String message) {
        return new LaneException(ExitCode.CONTENTION, message);
    }

    public static LaneException refused(String message) {
        return new LaneException(ExitCode.REFUSED, message);
    }

    public static LaneException internal(String message, Throwable cause) {
        return new LaneException(ExitCode.INTERNAL, message, cause);
    }
}
