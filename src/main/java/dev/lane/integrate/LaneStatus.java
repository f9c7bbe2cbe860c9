package dev.lane.integrate;

import dev.lane.json.Labelled;

/** What a pass did with a submitted lane. The labels are part of the {@code --json} output and outcome.json. */
public enum LaneStatus implements Labelled {
    /** The lane's code and its pending intents landed on main in this pass. */
    INTEGRATED,
    /** The lane was left out of this pass; the reason says why and what to do. Nothing of it landed. */
    PARKED,
    /** main already held the lane's submitted head and every one of its intents; nothing to do. */
    ALREADY_INTEGRATED
}
