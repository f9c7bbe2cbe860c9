package dev.lane.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lane.core.LaneException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
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

    /** Reads a record written by lane; {@code source} names the file in the error if it is damaged. */
    public static <T> T read(String text, Class<T> type, Path source) {
        try {
            return mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw LaneException.internal(source + " is damaged (not the JSON lane wrote): " + e.getOriginalMessage(), e);
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
