package dev.lane.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lane.core.LaneException;
import java.nio.file.Path;

/**
 * The JSON codec for lane's records and {@code --json} output. The mapper is created on first use only (it costs
 * about 250 ms of start-up), and holds no state beyond its configuration.
 */
public final class Json {
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
        try {
            return mapper().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw LaneException.internal("cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** One-line JSON, for JSON-lines streams. */
    public static String writeLine(Object value) {
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
}
