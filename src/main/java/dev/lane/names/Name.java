package dev.lane.names;

import dev.lane.core.LaneException;
import java.util.regex.Pattern;

/**
 * The one rule every wave, lane and agent name follows: ASCII letters, digits, '.', '_', '-', 1 to 64 characters, not
 * starting with '.' or '-'. Names become folder names, branch names and ledger fields, so anything that could
 * escape a folder ("..", "/"), hide ("." prefix), pose as an option ("-" prefix) or break a line is refused before
 * any state is touched.
 */
public final class Name {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    private Name() {
    }

    /** Returns {@code value} if it is a valid name of the given kind, else throws a usage error naming it. */
    static String check(String kind, String value) {
        if (value == null || value.isEmpty()) {
            throw LaneException.usage("missing " + kind + " name: pass --" + kind + " NAME");
        }
        if (!VALID.matcher(value).matches() || value.contains("..")) {
            throw LaneException.usage("invalid " + kind + " name " + quote(value) + ": use 1-64 ASCII letters, "
                    + "digits, '.', '_' or '-', not starting with '.' or '-' (no slashes, spaces or '..')");
        }
        return value;
    }

    /**
     * {@link #check} for a wave or lane name, which also becomes a part of the lane's branch name and of its archive
     * ref ({@code refs/lane-archive/<wave>/<lane>/...}): git refuses any part of a ref name ending in ".lock".
     */
    static String checkRefPart(String kind, String value) {
        check(kind, value);
        if (value.endsWith(".lock")) {
            throw LaneException.usage("invalid " + kind + " name " + quote(value) + ": it ends in '.lock', which git "
                    + "refuses in a branch name (the " + kind + " name is part of the lane's branch); pick another "
                    + "name");
        }
        return value;
    }

    /** Quotes a user-supplied value for an error message, making control characters visible. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
