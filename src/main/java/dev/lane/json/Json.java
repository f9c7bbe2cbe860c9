package dev.lane.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lane.core.LaneException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON codec for lane's records and {@code --json} output.
 *
 * <p>Start-up cost decides how it works. Documents made only of maps with string keys, lists, strings, booleans,
 * integers and nulls (every {@code --json} document a command builds, and the claim record) are written straight
 * through jackson-core's generator, which costs a few milliseconds; anything else (records, enums, times) goes
 * through the databind {@link ObjectMapper}, which is created on first use only because it costs about 250 ms of
 * start-up. Both write byte-for-byte the same text for the same document. Neither holds state beyond its
 * configuration.
 *
 * <p>Reading never uses the mapper. Every file lane reads back (claim records, submissions, intents, outcomes) is
 * parsed by jackson-core's streaming parser into plain values ({@link #readTree}) and mapped field by field by a
 * {@code fromJson} factory or directly through {@link JsonFields}, so reading fifty of them costs no mapper start-up.
 */
public final class Json {
    private static final JsonFactory GENERATORS = new JsonFactory();
    private static volatile ObjectMapper mapper;

    private Json() {
    }

    public static ObjectMapper mapper() {
        ObjectMapper m = mapper;
        if (m == null) {
            synchronized (Json.class) {
                if (mapper == null) {
                    mapper = new ObjectMapper()
                            .registerModule(new JavaTimeModule())
                            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                            .enable(SerializationFeature.INDENT_OUTPUT);
                }
                m = mapper;
            }
        }
        return m;
    }

    /** Pretty JSON for files and single-document output. */
    public static String write(Object value) {
        if (isPlain(value)) {
            return generate(value, true) + "\n";
        }
        try {
            return mapper().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw LaneException.internal("cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** One-line JSON, for JSON-lines streams. */
    public static String writeLine(Object value) {
        if (isPlain(value)) {
            return generate(value, false);
        }
        try {
            return mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw LaneException.internal("cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a document lane wrote into plain values with the streaming parser (no mapper): objects as maps with
     * string keys in file order (a repeated key keeps its last value), arrays as lists, and strings, booleans,
     * numbers ({@link Integer}, {@link Long}, {@link java.math.BigInteger} or {@link Double}) and nulls as such.
     * Malformed text, or anything after the document, is a {@link LaneException} naming {@code source}.
     */
    public static Object readTree(String text, Path source) {
        try (JsonParser p = GENERATORS.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw damaged(source, "the file is empty");
            }
            Object value = readValue(p, first);
            if (p.nextToken() != null) {
                throw damaged(source, "text after the document at " + p.currentLocation().offsetDescription());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw LaneException.internal(source + " is damaged (not the JSON lane wrote): " + problem(e), e);
        } catch (IOException e) {
            throw LaneException.internal("cannot parse " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the parser found wrong, for people: its message without the parser's own location notes (which name a
     * redacted "source" and a start marker), then where, as line and column.
     */
    private static String problem(JsonProcessingException e) {
        String text = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "");
        JsonLocation at = e.getLocation();
        return text + (at == null || at.getLineNr() < 1 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }

    /** The error for a file lane wrote that does not read back: exit code INTERNAL, naming the file. */
    public static LaneException damaged(Path source, String problem) {
        return LaneException.internal(source + " is damaged (not the JSON lane wrote): " + problem, null);
    }

    private static Object readValue(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new JsonParseException(p, "unexpected end of the document");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    map.put(name, readValue(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    list.add(readValue(p, e));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new JsonParseException(p, "unexpected " + t);
        }
    }

    /** True if {@code value} is a document the generator writes exactly as the mapper would. */
    static boolean isPlain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !isPlain(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!isPlain(item)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static String generate(Object value, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = GENERATORS.createGenerator(out)) {
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            writeValue(g, value);
        } catch (IOException e) {
            throw LaneException.internal("cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Object item : (List<?>) value) {
                writeValue(g, item);
            }
            g.writeEndArray();
        }
    }
}
