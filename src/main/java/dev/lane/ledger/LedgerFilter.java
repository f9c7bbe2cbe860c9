package dev.lane.ledger;

import dev.lane.core.LaneException;
import dev.lane.json.Labelled;
import dev.lane.names.AgentId;
import dev.lane.names.LaneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which ledger entries a view shows: those of {@code lane}, by {@code agent}, with one of {@code events}; a null or
 * empty criterion does not filter. (Which waves' ledgers are read is chosen before: the wave is the ledger's file.)
 *
 * @param lane   only entries of this lane, or null
 * @param agent  only entries by this agent, or null
 * @param events only entries with one of these events, in {@link LedgerEvent} order (empty: every event)
 */
public record LedgerFilter(LaneId lane, AgentId agent, Set<LedgerEvent> events) {
    /** Shows every entry. */
    public static final LedgerFilter ALL = new LedgerFilter(null, null, Set.of());

    public LedgerFilter {
        events = events.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(events));
    }

    /**
     * The events of {@code --event} as given (each entry one label; the caller splits at commas), in any case. An
     * unknown or empty label is a usage error listing the events.
     */
    public static Set<LedgerEvent> events(List<String> given) {
        Set<LedgerEvent> events = EnumSet.noneOf(LedgerEvent.class);
        for (String g : given) {
            events.add(Labelled.parse(LedgerEvent.values(), g).orElseThrow(() -> LaneException.usage(
                    (g.isBlank() ? "--event has an empty event name"
                            : "--event names event '" + g.strip() + "', which is not a ledger event")
                            + "; events: " + labels() + " (separate several with commas, like "
                            + "--event parked,main-moved)")));
        }
        return events;
    }

    /** Every event's label, in order, comma-separated ({@code lane ledger --help} prints it). */
    public static String labels() {
        return Labelled.list(LedgerEvent.values());
    }

    /** Whether the view shows this entry. */
    public boolean shows(LedgerEntry entry) {
        return (lane == null || entry.lane().equals(lane.value()))
                && (agent == null || entry.agent().equals(agent.value()))
                && (events.isEmpty() || events.contains(entry.event()));
    }
}
