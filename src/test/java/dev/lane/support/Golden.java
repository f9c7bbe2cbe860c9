package dev.lane.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file (snapshot) assertions for what people read: help, tables, messages. A change to any of them fails
 * a test until the golden file is updated on purpose: run the tests with {@code -Dgolden.update=true} and review
 * the diff of {@code src/test/resources/golden/} before committing it.
 */
public final class Golden {
    private static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {
    }

    public static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name + ".txt");
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("no golden file " + file + "; create it with: mvn test -Dgolden.update=true, then review it");
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                    "output differs from " + file + " (if the change is intended: mvn test -Dgolden.update=true)");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
