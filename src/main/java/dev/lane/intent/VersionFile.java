package dev.lane.intent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lane.core.LaneException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * Reads and rewrites the version value of a version file, changing no other byte of it.
 *
 * <p>{@code .toml} files: the first of {@code project.version}, {@code tool.poetry.version}, {@code version}
 * (parsed with tomlj). {@code .json} files: the top-level {@code "version"} string (parsed with jackson-core).
 * The parser finds the value and where it is; the rewrite replaces exactly those characters.
 */
public final class VersionFile {
    private static final List<String> TOML_KEYS = List.of("project.version", "tool.poetry.version", "version");

    private VersionFile() {
    }

    /** The version value in {@code content}, or empty if the file has none. Throws if the file does not parse. */
    public static Optional<String> read(String path, String content) {
        return locate(path, content).map(Location::value);
    }

    /** {@code content} with its version value replaced by {@code version}; all other bytes unchanged. */
    public static String withVersion(String path, String content, String version) {
        Location at = locate(path, content).orElseThrow(() -> LaneException.refused(
                "version file " + path + " has no version value to bump"));
        return content.substring(0, at.start()) + version + content.substring(at.start() + at.value().length());
    }

    private record Location(String value, int start) {
    }

    private static Optional<Location> locate(String path, String content) {
        if (path.endsWith(".json")) {
            return locateJson(path, content);
        }
        if (path.endsWith(".toml")) {
            return locateToml(path, content);
        }
        throw LaneException.usage("version file " + path + ": only .toml and .json version files are supported");
    }

    private static Optional<Location> locateJson(String path, String content) {
        try (JsonParser p = new JsonFactory().createParser(content)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw LaneException.refused("version file " + path + " is not a JSON object");
            }
            Location found = null;
            while (p.nextToken() != JsonToken.END_OBJECT) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("version".equals(field) && value == JsonToken.VALUE_STRING && found == null) {
                    int quote = (int) p.currentTokenLocation().getCharOffset();
                    String text = p.getText();
                    if (!content.startsWith("\"" + text + "\"", quote)) {
                        throw LaneException.refused("version file " + path + ": the version string uses escapes; "
                                + "write it plainly");
                    }
                    found = new Location(text, quote + 1);
                }
                p.skipChildren();
            }
            return Optional.ofNullable(found);
        } catch (IOException e) {
            throw LaneException.refused("version file " + path + " is not valid JSON: " + e.getMessage());
        }
    }

    private static Optional<Location> locateToml(String path, String content) {
        TomlParseResult toml = Toml.parse(content);
        if (toml.hasErrors()) {
            throw LaneException.refused("version file " + path + " is not valid TOML: " + toml.errors().get(0));
        }
        for (String key : TOML_KEYS) {
            if (!toml.isString(key)) {
                continue;
            }
            String value = toml.getString(key);
            TomlPosition pos = toml.inputPositionOf(key);
            int lineStart = offsetOfLine(content, pos.line());
            int eq = content.indexOf('=', lineStart + pos.column() - 1);
            int valueAt = eq < 0 ? -1 : content.indexOf(value, eq);
            int lineEnd = content.indexOf('\n', lineStart);
            if (valueAt < 0 || (lineEnd >= 0 && valueAt > lineEnd)) {
                throw LaneException.refused("version file " + path + ": cannot find the text of " + key + " = \""
                        + value + "\" on line " + pos.line() + "; write it as a plain one-line string");
            }
            return Optional.of(new Location(value, valueAt));
        }
        return Optional.empty();
    }

    private static int offsetOfLine(String content, int line) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            offset = content.indexOf('\n', offset) + 1;
        }
        return offset;
    }
}
