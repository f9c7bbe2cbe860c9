package dev.lane.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static Map<String, Object> sample() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("wave", "45");
        doc.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 separator \u2028 emoji \uD83D\uDE00");
        doc.put("none", null);
        doc.put("yes", true);
        doc.put("int", 42);
        doc.put("long", 1L << 40);
        doc.put("empty", Map.of());
        doc.put("list", List.of("a", 1, List.of(), Map.of("k", false)));
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        doc.put("nulls", withNull);
        return doc;
    }

    @Test
    void plainDocumentsAreWrittenExactlyAsTheMapperWritesThem() throws Exception {
        Map<String, Object> doc = sample();
        assertTrue(Json.isPlain(doc));
        assertEquals(Json.mapper().writeValueAsString(doc) + "\n", Json.write(doc));
        assertEquals(Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc),
                Json.writeLine(doc));
    }

    @Test
    void documentsWithOtherValuesStillGoThroughTheMapper() throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>(sample());
        doc.put("time", Instant.parse("2026-11-22T11:04:20.123Z"));
        assertFalse(Json.isPlain(doc));
        assertTrue(Json.write(doc).contains("\"time\" : \"2026-11-22T11:04:20.123Z\""));
        assertEquals(Json.mapper().writeValueAsString(doc) + "\n", Json.write(doc));
    }
}
