package dev.lane.core;

/**
 * A test hook for crash safety: lets a test crash lane at exactly one step of a protocol and check what a later run
 * makes of the leftovers.
 *
 * <p>When the environment variable {@code LANE_CRASH_AT} names the point a process reaches, the process prints
 * {@code lane: crash point <name> reached} on stderr and stops right there, holding whatever it holds, until it is
 * killed (the test sends kill -9). If nobody kills it within a minute it halts itself with exit code 137, without
 * running any cleanup. With the variable unset (always, in real use) a call costs one environment lookup.
 *
 * <p>Points, each named by what was just done: {@code claim-after-mkdir}, {@code claim-after-record},
 * {@code claim-after-branch}, {@code claim-after-worktree-add} ({@code ClaimService}); {@code submit-after-commit},
 * {@code submit-after-restore}, {@code submit-after-submission} ({@code SubmitService}) and
 * {@code shared-edits-after-intents} ({@code SharedEditsToIntents}, in submit and sync); {@code sync-after-move},
 * {@code sync-after-merge} ({@code SyncService}); {@code release-after-archive}, {@code release-after-worktree-remove},
 * {@code release-after-branch-delete}, {@code release-after-move} ({@code ReleaseService}). The integrator's steps
 * have their own hook ({@code dev.lane.integrate.StepHook}).
 */
public final class CrashPoint {
    public static final String ENV = "LANE_CRASH_AT";

    private CrashPoint() {
    }

    public static void reached(String point) {
        if (!point.equals(System.getenv(ENV))) {
            return;
        }
        System.err.println("lane: crash point " + point + " reached; waiting to be killed");
        System.err.flush();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                break;
            }
        }
        Runtime.getRuntime().halt(137);
    }
}
