package dev.lane.integrate;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a pass did with a submitted lane. The labels are part of the {@code --json} output and outcome.json. */
public enum LaneStatus {
    /** The lane's code and its pending intents landed on main in this pass. */
    INTEGRATED("integrated"),
    /** The lane was left out of this pass; the reason says why and what to do. Nothing of it landed. */
    PARKED("parked"),
    /** main already held the lane's submitted head and every one of its intents; nothing to do. */
    ALREADY_INTEGRATED("already-integrated");

    private final String label;

    LaneStatus(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
