package dev.lane.intent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migration manifest: one migration file name per line; blank lines and {@code #} comments are kept but are
 * not entries. New entries are appended after the existing lines, in numeric order of their prefix
 * ({@code 252_law.sql} before {@code 1000_x.sql}), then by name; existing lines are never touched.
 */
public final class Manifest {
    private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");
    private static final Pattern PREFIX = Pattern.compile("^(\\d+)");
    public static final Comparator<String> ORDER = Comparator
            .comparingLong((String n) -> number(n).orElse(Long.MAX_VALUE))
            .thenComparing(Comparator.naturalOrder());

    private Manifest() {
    }

    /** The entries listed in a manifest's text, in file order. */
    public static List<String> entries(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * {@code text} without the lines that list one of {@code entries}, line endings normalised and trailing
     * newlines dropped: two manifests that differ only by added entry lines give the same result.
     */
    public static String withoutEntries(String text, List<String> entries) {
        Set<String> left = new HashSet<>(entries);
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!left.contains(line.strip())) {
                out.append(line.stripTrailing()).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }

    /** Whether {@code name} is a plain migration file name (no folders, no spaces, not hidden). */
    public static boolean isValidEntry(String name) {
        return ENTRY.matcher(name).matches() && !name.contains("..");
    }

    /** The numeric prefix of an entry ({@code 262} for {@code 262_a.sql}), if it has one. */
    public static OptionalLong number(String name) {
        Matcher m = PREFIX.matcher(name);
        if (!m.find() || m.group(1).length() > 18) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(m.group(1)));
    }

    /**
     * {@code text} with those of {@code additions} it does not list yet appended, in manifest order, each line ended
     * like the text's first line ({@code \r\n} in a manifest kept with Windows line endings, else {@code \n}).
     */
    public static String append(String text, List<String> additions) {
        LinkedHashSet<String> present = new LinkedHashSet<>(entries(text));
        List<String> fresh = additions.stream().filter(a -> !present.contains(a)).distinct().sorted(ORDER).toList();
        if (fresh.isEmpty()) {
            return text;
        }
        int firstBreak = text.indexOf('\n');
        String eol = firstBreak > 0 && text.charAt(firstBreak - 1) == '\r' ? "\r\n" : "\n";
        StringBuilder out = new StringBuilder(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.append(eol);
        }
        for (String entry : fresh) {
            out.append(entry).append(eol);
        }
        return out.toString();
    }
}
