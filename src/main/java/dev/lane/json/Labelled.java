package dev.lane.json;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An enum whose label, the word {@code --json} and the ledger write for it, is its constant's name in lower case
 * with words joined by {@code -}: {@code TIMED_OUT} is {@code timed-out}. The labels are part of the output formats,
 * so renaming a constant changes the format: the tests pin every label.
 */
public interface Labelled {
    /** The constant's name ({@link Enum#name}). */
    String name();

    @JsonValue
    default String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
