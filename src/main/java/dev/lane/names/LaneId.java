package dev.lane.names;

import dev.lane.core.LaneException;

/** A validated lane name; constructing one with an invalid value throws a usage error naming it. */
public record LaneId(String value) implements Comparable<LaneId> {
    /** The wave's ledger, {@code <inbox>/<wave>/AGENT_LEDGER.md}: a sibling of the claim folders, so no lane's name. */
    public static final String LEDGER_FILE = "AGENT_LEDGER.md";

    public LaneId {
        Name.checkRefPart("lane", value);
        if (value.equals(LEDGER_FILE)) {
            throw LaneException.usage("invalid lane name " + Name.quote(value) + ": it is the name of the wave's "
                    + "ledger file, which lives in the same folder as the lanes' claim folders; pick another name");
        }
    }

    @Override
    public int compareTo(LaneId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
