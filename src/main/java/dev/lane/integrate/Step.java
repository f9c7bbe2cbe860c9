package dev.lane.integrate;

import java.util.Arrays;
import java.util.Optional;

/**
 * The named points of one integrate pass, in the order a pass reaches them. A {@link StepHook} is called at each;
 * the crash test kills the process at every one of them (see {@link StepHook#crashAt}).
 */
public enum Step {
    /** The wave's integrator lock is held; nothing else has happened. */
    LOCKED("locked"),
    /** main's commit was read: it is the base of the pass. */
    BASE_READ("base-read"),
    /** Every submitted lane was merged (or parked) in memory; commits exist only as unreferenced objects. */
    LANES_MERGED("lanes-merged"),
    /** The shared-surface intents were applied to the result tree. */
    INTENTS_APPLIED("intents-applied"),
    /** The checks passed (the user check command too, with bisection if it failed). */
    CHECKED("checked"),
    /**
     * The per-lane commits and the shared-surface commit are written, and, if main is to move, the pass record (what
     * the pass will record once it moved); main has not moved.
     */
    COMMITS_WRITTEN("commits-written"),
    /**
     * Under the checkout lock, the checkout of main (if there is one) is ready for main to move: its pending change
     * is journaled and its HEAD detached at the base. main has not moved.
     */
    CHECKOUT_PREPARED("checkout-prepared"),
    /** main was moved by the compare-and-swap: the pass is committed. */
    MAIN_MOVED("main-moved"),
    /** The main checkout's files were brought up to date (or left alone and the user told). */
    CHECKOUT_UPDATED("checkout-updated"),
    /** main was re-read and every integrated lane was found in it. */
    VERIFIED("verified"),
    /** Each lane's outcome.json was written; the pass's ledger entries are not (the pass shows as unfinished). */
    OUTCOMES_WRITTEN("outcomes-written"),
    /**
     * The ledger entries of the pass were appended, the last of them closing it; the pass is over (its pass record,
     * still there, is deleted right after).
     */
    LEDGER_WRITTEN("ledger-written");

    private final String label;

    Step(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Step> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }
}
