package dev.lane.names;

/** A validated agent name; constructing one with an invalid value throws a usage error naming it. */
public record AgentId(String value) implements Comparable<AgentId> {
    public AgentId {
        Name.check("agent", value);
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
