package dev.lane.json;

import dev.lane.core.LaneException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of one JSON object of a file lane wrote, read one by one with the type the record expects. A field
 * that is missing, or of another type, makes a {@link LaneException} (exit code INTERNAL) saying the file is damaged
 * and naming it; fields the record does not ask for are ignored, so that files written by a newer lane still read.
 * Holds the parsed object and the file's path only.
 */
public final class JsonFields {
    private final Map<String, Object> fields;
    private final Path source;
    private final String where;

    private JsonFields(Map<String, Object> fields, Path source, String where) {
        this.fields = fields;
        this.source = source;
        this.where = where;
    }

    /** The top-level object of {@code text}; {@code source} names the file in errors. */
    public static JsonFields of(String text, Path source) {
        return of(Json.readTree(text, source), source, "");
    }

    private static JsonFields of(Object value, Path source, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw Json.damaged(source, (where.isEmpty() ? "the document" : where) + " is not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        return new JsonFields(fields, source, where);
    }

    /** A string field that must not be null. */
    public String string(String name) {
        String s = nullableString(name);
        if (s == null) {
            throw damaged(name, "is null");
        }
        return s;
    }

    /** Whether the object has the field (a field added later is absent from files an older lane wrote). */
    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** Whether the field is absent or null. */
    public boolean isNull(String name) {
        return fields.get(name) == null;
    }

    /** A string field that may be null (but must be present). */
    public String nullableString(String name) {
        Object v = value(name);
        if (v != null && !(v instanceof String)) {
            throw damaged(name, "is not a string");
        }
        return (String) v;
    }

    /** A time written as ISO-8601 text ("2026-11-22T11:04:20.123Z"). */
    public Instant instant(String name) {
        String s = string(name);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw damaged(name, "is not a time: " + s);
        }
    }

    /** A whole-number field that fits a long. */
    public long longValue(String name) {
        Object v = value(name);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw damaged(name, "is not a whole number");
    }

    /** A whole-number field that fits an int. */
    public int intValue(String name) {
        long v = longValue(name);
        if (v != (int) v) {
            throw damaged(name, "is out of range");
        }
        return (int) v;
    }

    /** An enum constant written by its name. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String s = string(name);
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw damaged(name, "is not one of " + List.of(type.getEnumConstants()) + ": " + s);
        }
    }

    /** An object field that must not be null. */
    public JsonFields object(String name) {
        Object v = value(name);
        if (v == null) {
            throw damaged(name, "is null");
        }
        return of(v, source, path(name));
    }

    /** A list of strings (none null). */
    public List<String> strings(String name) {
        List<?> list = list(name);
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw damaged(name + "[" + i + "]", "is not a string");
            }
            out.add(s);
        }
        return out;
    }

    /** A list of objects (none null). */
    public List<JsonFields> objects(String name) {
        List<?> list = list(name);
        List<JsonFields> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(of(list.get(i), source, path(name) + "[" + i + "]"));
        }
        return out;
    }

    /** A failure naming the file and this field, for values a record rejects after reading them. */
    public LaneException damaged(String name, String problem) {
        return Json.damaged(source, "field " + path(name) + " " + problem);
    }

    private List<?> list(String name) {
        Object v = value(name);
        if (!(v instanceof List<?> list)) {
            throw damaged(name, "is not a list");
        }
        return list;
    }

    private Object value(String name) {
        if (!fields.containsKey(name)) {
            throw damaged(name, "is missing");
        }
        return fields.get(name);
    }

    private String path(String name) {
        return where.isEmpty() ? name : where + "." + name;
    }
}
