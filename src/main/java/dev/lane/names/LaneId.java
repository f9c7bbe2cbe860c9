package dev.lane.names;

/** A validated lane name; constructing one with an invalid value throws a usage error naming it. */
public record LaneId(String value) implements Comparable<LaneId> {
    public LaneId {
        Name.check("lane", value);
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
