package dev.lane.core;

/**
 * The documented, stable exit codes of every {@code lane} command. Scripts may rely on them; the numbers never
 * change meaning. See {@code docs/exit-codes.md}.
 */
public enum ExitCode {
    /** Everything the command set out to do was done. */
    OK(0),
    /** A bug or an environment failure (I/O error, git missing): not the caller's fault. */
    INTERNAL(1),
    /** Usage error or invalid input; nothing was changed. */
    USAGE(2),
    /** Contention: the lane is already claimed, a lock is busy, or main moved. Retry later. */
    CONTENTION(3),
    /** Partial: some lanes were parked, the rest landed. */
    PARTIAL(4),
    /** A check refused the operation; nothing was changed. */
    REFUSED(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
