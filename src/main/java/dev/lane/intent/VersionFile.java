package dev.lane.intent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lane.core.LaneException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * Reads and rewrites the version value of a version file, changing no other byte of it.
 *
 * <p>{@code .toml} files: the first of {@code project.version}, {@code tool.poetry.version}, {@code version}
 * (parsed with tomlj). {@code .json} files: the top-level {@code "version"} string (parsed with jackson-core), and
 * its copies: the {@code "version"} of each entry of a top-level {@code "packages"} list, as an MCP
 * {@code server.json} has them. A copy that equals the version is in step with it and moves with it; a copy that
 * already differs (a package pinned on purpose) is left alone. The parser finds the values and where they are; the
 * rewrite replaces exactly those characters.
 */
public final class VersionFile {
    private static final List<String> TOML_KEYS = List.of("project.version", "tool.poetry.version", "version");

    private VersionFile() {
    }

    /** The version value in {@code content}, or empty if the file has none. Throws if the file does not parse. */
    public static Optional<String> read(String path, String content) {
        return locate(path, content).map(found -> found.version().value());
    }

    /**
     * {@code content} with its version value, and every copy in step with it, replaced by {@code version}; all other
     * bytes unchanged.
     */
    public static String withVersion(String path, String content, String version) {
        Found found = locate(path, content).orElseThrow(() -> LaneException.refused(
                "version file " + path + " has no version value to bump"));
        String old = found.version().value();
        List<Location> moving = new ArrayList<>(List.of(found.version()));
        found.copies().stream().filter(copy -> copy.value().equals(old)).forEach(moving::add);
        moving.sort(Comparator.comparingInt(Location::start).reversed()); // from the end: offsets before stay valid
        StringBuilder out = new StringBuilder(content);
        for (Location at : moving) {
            out.replace(at.start(), at.start() + at.value().length(), version);
        }
        return out.toString();
    }

    /**
     * Whether {@code after} is {@code before} with nothing changed but its version value (to a new value or not) and
     * copies of it: copies in step moved along, or left behind, or some of each. Such a change is a bump request;
     * the integrator then moves every copy in step, so none is left behind on main.
     */
    public static boolean onlyVersionChanged(String path, String before, String after) {
        Optional<String> from = read(path, before);
        Optional<String> to = read(path, after);
        if (from.isEmpty() || to.isEmpty()) {
            return false;
        }
        return withVersion(path, before, to.get()).equals(after) || withVersion(path, after, from.get()).equals(before);
    }

    private record Location(String value, int start) {
    }

    /** The version value and its copies (empty but for {@code .json} files with a {@code "packages"} list). */
    private record Found(Location version, List<Location> copies) {
    }

    private static Optional<Found> locate(String path, String content) {
        if (path.endsWith(".json")) {
            return locateJson(path, content);
        }
        if (path.endsWith(".toml")) {
            return locateToml(path, content);
        }
        throw LaneException.usage("version file " + path + ": only .toml and .json version files are supported");
    }

    private static Optional<Found> locateJson(String path, String content) {
        try (JsonParser p = new JsonFactory().createParser(content)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw LaneException.refused("version file " + path + " is not a JSON object");
            }
            Location found = null;
            List<Location> copies = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_OBJECT) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("version".equals(field) && value == JsonToken.VALUE_STRING && found == null) {
                    found = plainString(path, content, p);
                } else if ("packages".equals(field) && value == JsonToken.START_ARRAY) {
                    packageVersions(path, content, p, copies);
                }
                p.skipChildren();
            }
            return found == null ? Optional.empty() : Optional.of(new Found(found, copies));
        } catch (IOException e) {
            throw LaneException.refused("version file " + path + " is not valid JSON: " + e.getMessage());
        }
    }

    /** Adds the {@code "version"} string of each object in the list the parser is at; leaves it at the list's end. */
    private static void packageVersions(String path, String content, JsonParser p, List<Location> copies)
            throws IOException {
        for (JsonToken entry = p.nextToken(); entry != JsonToken.END_ARRAY; entry = p.nextToken()) {
            if (entry != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            boolean seen = false;
            while (p.nextToken() != JsonToken.END_OBJECT) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("version".equals(field) && value == JsonToken.VALUE_STRING && !seen) {
                    copies.add(plainString(path, content, p));
                    seen = true;
                }
                p.skipChildren();
            }
        }
    }

    /** The string value the parser is at, and where its characters start; refuses one written with escapes. */
    private static Location plainString(String path, String content, JsonParser p) throws IOException {
        int quote = (int) p.currentTokenLocation().getCharOffset();
        String text = p.getText();
        if (!content.startsWith("\"" + text + "\"", quote)) {
            throw LaneException.refused("version file " + path + ": a version string uses escapes; write it plainly");
        }
        return new Location(text, quote + 1);
    }

    private static Optional<Found> locateToml(String path, String content) {
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
            int quoteAt = eq < 0 ? -1 : eq + 1;
            while (quoteAt >= 0 && quoteAt < content.length() && (content.charAt(quoteAt) == ' '
                    || content.charAt(quoteAt) == '\t')) {
                quoteAt++;
            }
            // The value must be written as it reads: one quote, the version, the same quote. Else (escapes, a
            // multi-line string) the version's text is not there to replace, and a search for it could find a copy
            // in a comment.
            char quote = quoteAt >= 0 && quoteAt < content.length() ? content.charAt(quoteAt) : 0;
            boolean plain = (quote == '"' || quote == '\'') && content.startsWith(value + quote, quoteAt + 1)
                    && !content.startsWith(String.valueOf(quote).repeat(3), quoteAt);
            int valueAt = plain ? quoteAt + 1 : -1;
            if (valueAt < 0) {
                throw LaneException.refused("version file " + path + ": cannot find the text of " + key + " = \""
                        + value + "\" on line " + pos.line() + "; write it as a plain one-line string");
            }
            return Optional.of(new Found(new Location(value, valueAt), List.of()));
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
