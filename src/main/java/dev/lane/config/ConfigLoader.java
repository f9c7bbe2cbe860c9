package dev.lane.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads {@code lanes.yml} from the root of the main checkout, layering it over {@link LaneConfig#defaults()}.
 * A missing file means all defaults (and costs no YAML parser start-up). An unknown key, a wrong type or broken
 * YAML is a usage error naming the key and the line.
 */
public final class ConfigLoader {
    public static final String FILE_NAME = "lanes.yml";
    private static final List<String> KNOWN_KEYS =
            List.of("inbox", "worktree", "branch", "main", "manifest", "versionFiles", "workflows", "check");

    private ConfigLoader() {
    }

    public static LaneConfig load(Path repoRoot) {
        Path file = repoRoot.resolve(FILE_NAME);
        Optional<String> text = SafeFiles.readIfExists(file);
        if (text.isEmpty()) {
            return LaneConfig.defaults();
        }
        return parse(text.get(), FILE_NAME);
    }

    /** Parses the text of a config file; {@code source} names it in error messages. */
    public static LaneConfig parse(String yaml, String source) {
        if (yaml.isBlank()) {
            return LaneConfig.defaults();
        }
        ConfigFile file;
        ObjectMapper mapper = mapper();
        try (com.fasterxml.jackson.core.JsonParser parser = mapper.createParser(yaml)) {
            if (parser.nextToken() == null) {
                return LaneConfig.defaults(); // only comments: all defaults
            }
            file = mapper.readValue(parser, ConfigFile.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? String.join(", ", KNOWN_KEYS)
                    : e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw LaneException.usage(source + " line " + keyLine(yaml, e) + ": unknown key '"
                    + path(e) + "' (known keys here: " + known + ")");
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw LaneException.usage(source + " line " + keyLine(yaml, e) + ": " + (path(e).isEmpty()
                    ? "the file must be a mapping of keys (see docs/config.md)"
                    : "key '" + path(e) + "' has the wrong type: expected " + expected(e.getTargetType())));
        } catch (JsonMappingException e) {
            throw LaneException.usage(source + " line " + keyLine(yaml, e) + ": key '" + path(e)
                    + "' is invalid: " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw LaneException.usage(source + " line " + line(e.getLocation()) + ": not valid YAML: "
                    + firstLine(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw LaneException.usage(source + ": cannot be read: " + e.getMessage());
        }
        return file == null ? LaneConfig.defaults() : overlay(file);
    }

    private static LaneConfig overlay(ConfigFile f) {
        LaneConfig d = LaneConfig.defaults();
        LaneConfig.Manifest dm = d.manifest();
        ConfigFile.ManifestSection m = f.manifest;
        LaneConfig.Manifest manifest = m == null ? dm : new LaneConfig.Manifest(
                or(m.file, dm.file()), or(m.migrations, dm.migrations()), or(m.required, dm.required()),
                nonBlank("manifest.pattern", or(m.pattern, dm.pattern())));
        return new LaneConfig(
                nonBlank("inbox", or(f.inbox, d.inbox())),
                nonBlank("worktree", or(f.worktree, d.worktree())),
                nonBlank("branch", or(f.branch, d.branch())),
                nonBlank("main", or(f.main, d.main())),
                manifest,
                versionFiles(or(f.versionFiles, d.versionFiles())),
                or(f.workflows, d.workflows()),
                f.check);
    }

    private static List<String> versionFiles(List<String> files) {
        for (String f : files) {
            if (f == null || !(f.endsWith(".toml") || f.endsWith(".json"))) {
                throw LaneException.usage(FILE_NAME + ": versionFiles entry '" + f + "' is not supported: lane reads "
                        + "and bumps the version of .toml (project.version, tool.poetry.version or version) and "
                        + ".json (top-level \"version\") files only");
            }
        }
        return files;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String nonBlank(String key, String value) {
        if (value.isBlank()) {
            throw LaneException.usage(FILE_NAME + ": key '" + key + "' must not be empty");
        }
        return value;
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // "inbox: 5" or "versionFiles: [1]" are mistakes, not strings: refuse scalar coercion into text.
        for (CoercionInputShape shape : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list, like [a, b]";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == ConfigFile.ManifestSection.class) {
            return "a mapping with file, migrations, required, pattern";
        }
        return "a mapping";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /**
     * The line of the key an error is about. The parser's token at fault is the key's value, which for a block value
     * ({@code key:} then indented lines) starts on a later line; so the key itself is looked up in the YAML's own
     * token stream, falling back to the token at fault (a list element, say).
     */
    private static String keyLine(String yaml, JsonMappingException e) {
        JsonPointer key = JsonPointer.empty();
        for (JsonMappingException.Reference r : e.getPath()) {
            key = r.getFieldName() != null ? key.appendProperty(r.getFieldName()) : key.appendIndex(r.getIndex());
        }
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.getParsingContext().pathAsPointer().equals(key)) {
                    return line(p.currentTokenLocation());
                }
            }
        } catch (IOException notFound) {
            // fall back to the token at fault
        }
        return tokenLine(e);
    }

    /** The line of the token at fault (the parser's own location may already be past it). */
    private static String tokenLine(JsonMappingException e) {
        if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p && p.currentTokenLocation() != null) {
            return line(p.currentTokenLocation());
        }
        return line(e.getLocation());
    }

    private static String line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "?" : String.valueOf(location.getLineNr());
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
