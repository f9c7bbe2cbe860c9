package dev.lane.json;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

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

    /** The constant of {@code values} labelled {@code given}, in any case and with blanks around it ignored. */
    static <E extends Enum<E> & Labelled> Optional<E> parse(E[] values, String given) {
        String label = given.strip().toLowerCase(Locale.ROOT);
        for (E e : values) {
            if (e.label().equals(label)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Every label of {@code values}, in order, comma-separated, for help and error messages: a plain loop, since a
     * first stream in a fresh JVM reads annotations (see {@code CommandModelStartupTest}).
     */
    static String list(Labelled[] values) {
        StringJoiner all = new StringJoiner(", ");
        for (Labelled e : values) {
            all.add(e.label());
        }
        return all.toString();
    }
}
