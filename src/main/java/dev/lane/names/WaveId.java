package dev.lane.names;

/** A validated wave name; constructing one with an invalid value throws a usage error naming it. */
public record WaveId(String value) implements Comparable<WaveId> {
    public WaveId {
        Name.checkRefPart("wave", value);
    }

    @Override
    public int compareTo(WaveId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
