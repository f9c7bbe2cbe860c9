package dev.lane.status;

import dev.lane.json.Labelled;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The wave's latest integrate pass, when it ended without changing anything because a check refused it
 * ({@code integrate-refused}, exit 5) or it stopped with an error ({@code integrate-aborted}: main moved during the
 * pass, a lock was busy, a git failure). Its lanes keep the states they had, so without this a wave blocked by a
 * refusal would look merely "submitted". Read from the wave's ledger only: the closing entry after the last
 * {@code integrate-started}; a later pass that lands, finishes or is still running replaces it.
 *
 * @param outcome refused or aborted
 * @param at      when the pass ended (its closing entry)
 * @param detail  the closing entry's text: what refused it, and what to do
 */
public record RefusedPass(Outcome outcome, Instant at, String detail) {

    /** How a pass that changed nothing ended. */
    public enum Outcome implements Labelled {
        /** A check refused it (exit 5). */
        REFUSED,
        /** It stopped with an error (exit 1, 2 or 3). */
        ABORTED;
    }

    /** The wave's latest pass if it ended refused or aborted, from the wave's ledger entries. */
    public static Optional<RefusedPass> of(List<LedgerReader.Recorded> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            LedgerEntry e = entries.get(i).entry();
            switch (e.event()) {
                case INTEGRATE_REFUSED:
                    return Optional.of(new RefusedPass(Outcome.REFUSED, e.time(), e.detail()));
                case INTEGRATE_ABORTED:
                    return Optional.of(new RefusedPass(Outcome.ABORTED, e.time(), e.detail()));
                case INTEGRATE_STARTED, MAIN_MOVED, INTEGRATE_FINISHED:
                    return Optional.empty();
                default:
                    break;
            }
        }
        return Optional.empty();
    }

}
