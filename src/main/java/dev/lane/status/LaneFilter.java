package dev.lane.status;

import dev.lane.core.LaneException;
import dev.lane.json.Labelled;
import dev.lane.names.LaneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which lanes the status view shows: those in one of {@code states} and named in {@code lanes}; an empty set does
 * not filter. A filter picks rows only: a wave's counts always cover all its lanes, so a filtered view still says how
 * many lanes the wave has and in which states.
 *
 * @param states the states to show, in {@link LaneState} order (empty: every state)
 * @param lanes  the lanes to show, in the order given (empty: every lane)
 */
public record LaneFilter(Set<LaneState> states, Set<String> lanes) {
    /** Shows every lane. */
    public static final LaneFilter ALL = new LaneFilter(Set.of(), Set.of());

    public LaneFilter {
        states = states.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(states));
        lanes = Collections.unmodifiableSet(new LinkedHashSet<>(lanes));
    }

    /**
     * The filter of {@code --state} and {@code --lane} as given (each entry one name; the caller splits at commas).
     * States are their labels as status prints them, in any case ({@code PARKED} is {@code parked}). An unknown or
     * empty state, or an invalid lane name, is a usage error naming the valid ones.
     */
    public static LaneFilter of(List<String> states, List<String> lanes) {
        Set<LaneState> wanted = EnumSet.noneOf(LaneState.class);
        for (String given : states) {
            wanted.add(state(given));
        }
        Set<String> names = new LinkedHashSet<>();
        for (String given : lanes) {
            if (given.isBlank()) {
                throw LaneException.usage("--lane has an empty lane name: name lanes separated by commas, like "
                        + "--lane dimA,dimB, or leave --lane out for every lane");
            }
            names.add(new LaneId(given.strip()).value());
        }
        return new LaneFilter(wanted, names);
    }

    /** The state labelled {@code given} (any case), or a usage error listing the states. */
    static LaneState state(String given) {
        return Labelled.parse(LaneState.values(), given).orElseThrow(() -> LaneException.usage(
                (given.isBlank() ? "--state has an empty state name"
                        : "--state names state '" + given.strip() + "', which is not a lane state")
                        + "; states: " + labels() + " (separate several with commas, like --state parked,damaged)"));
    }

    /** Every state's label, in order, comma-separated ({@code lane status --help} prints it). */
    public static String labels() {
        return Labelled.list(LaneState.values());
    }

    /** Whether this filter shows every lane. */
    public boolean isAll() {
        return states.isEmpty() && lanes.isEmpty();
    }

    /** Whether the view shows this lane. */
    public boolean shows(LaneView lane) {
        return (states.isEmpty() || states.contains(lane.state())) && (lanes.isEmpty() || lanes.contains(lane.lane()));
    }

    /** The lanes of {@code wave} this filter shows, in the wave's order. */
    public List<LaneView> shown(WaveStatus wave) {
        return wave.lanes().stream().filter(this::shows).toList();
    }

    /**
     * A usage error unless every lane this filter names is a lane of one of {@code waves} (its claim record damaged
     * or not): a misspelt name shows nothing, which in an incident reads as "not there". The message lists the lanes
     * there are.
     */
    public void requireKnownLanes(List<WaveStatus> waves) {
        Set<String> known = new LinkedHashSet<>();
        waves.forEach(w -> w.lanes().forEach(l -> known.add(l.lane())));
        List<String> unknown = new ArrayList<>(lanes);
        unknown.removeAll(known);
        if (unknown.isEmpty()) {
            return;
        }
        String named = "--lane names " + (unknown.size() == 1 ? "lane " + unknown.get(0) + ", which is"
                : "lanes " + String.join(", ", unknown) + ", which are") + " not claimed in ";
        if (waves.size() == 1) {
            WaveStatus w = waves.get(0);
            throw LaneException.usage(named + "wave " + w.wave() + "; lanes of the wave: " + lanesOf(w));
        }
        throw LaneException.usage(named + "any wave; " + (waves.isEmpty() ? "there are no waves yet"
                : "lanes of the waves: " + waves.stream().map(w -> "wave " + w.wave() + ": " + lanesOf(w))
                        .collect(Collectors.joining("; "))));
    }

    private static String lanesOf(WaveStatus w) {
        return w.lanes().isEmpty() ? "(none)" : w.lanes().stream().map(LaneView::lane).collect(Collectors.joining(", "));
    }
}
