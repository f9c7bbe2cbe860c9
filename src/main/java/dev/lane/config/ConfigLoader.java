package dev.lane.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@code lanes.yml} from the root of the main checkout, layering it over {@link LaneConfig#defaults()}.
 * A missing file means all defaults (and costs no YAML parser start-up). An unknown key, a key given twice, a wrong
 * type or broken YAML is a usage error naming the key and its line.
 *
 * <p>How it reads: jackson-dataformat-yaml's streaming parser does all the YAML; this class walks its tokens once,
 * checks each key's shape as it goes, and collects the values by key, which {@code overlay} lays over the defaults. Why
 * not databind: every lane command loads this file, and building an {@code ObjectMapper} and its bean deserializers
 * cost about 65 ms of a cold start, most of the time this load took. Walking the tokens also puts every error at the
 * key's own line.
 */
public final class ConfigLoader {
    public static final String FILE_NAME = "lanes.yml";

    /** What a key's value must be, and how an error says so. */
    private enum Shape {
        TEXT("text"),
        LIST("a list, like [a, b]"),
        MANIFEST("a mapping with file, migrations, required, pattern"),
        DURATION("a duration like 90s, 30m or 2h");

        final String expected;

        Shape(String expected) {
            this.expected = expected;
        }
    }

    private static final Map<String, Shape> KEYS = Map.of("inbox", Shape.TEXT, "worktree", Shape.TEXT,
            "branch", Shape.TEXT, "main", Shape.TEXT, "manifest", Shape.MANIFEST, "versionFiles", Shape.LIST,
            "workflows", Shape.LIST, "check", Shape.TEXT, "checkTimeout", Shape.DURATION);
    private static final Map<String, Shape> MANIFEST_KEYS = Map.of("file", Shape.TEXT, "migrations", Shape.TEXT,
            "required", Shape.LIST, "pattern", Shape.TEXT);
    /** Keys whose text (or whose list items) are globs, compiled when the file loads so a bad one names its line. */
    private static final Set<String> GLOB_KEYS = Set.of("manifest.pattern", "workflows");
    /** Keys whose text (or list items) are paths in the repository, checked when the file loads, at their line. */
    private static final Set<String> FILE_KEYS = Set.of("manifest.file", "versionFiles");
    private static final Set<String> FOLDER_KEYS = Set.of("manifest.migrations");

    private final JsonParser parser;
    private final String source;

    private ConfigLoader(JsonParser parser, String source) {
        this.parser = parser;
        this.source = source;
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
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            return overlay(new ConfigLoader(parser, source).file());
        } catch (StreamReadException e) {
            throw notYaml(source, e);
        } catch (IOException e) {
            throw LaneException.usage(source + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * The parser's complaint, at the line of the problem itself: SnakeYAML's message starts with its context ("while
     * parsing a flow sequence", at the line where that began), and its problem comes after, often on a later line.
     */
    private static LaneException notYaml(String source, StreamReadException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null && m.getProblemMark() != null) {
            String context = m.getContext() == null || m.getContextMark() == null ? ""
                    : " (" + m.getContext() + " that starts on line " + (m.getContextMark().getLine() + 1) + ")";
            return LaneException.usage(source + " line " + (m.getProblemMark().getLine() + 1) + ": not valid YAML: "
                    + m.getProblem() + context);
        }
        return LaneException.usage(source + " line " + line(e.getLocation()) + ": not valid YAML: "
                + firstLine(e.getOriginalMessage()));
    }

    /** The keys the file gives a value (null ones left out); empty if it holds only comments or a null. */
    private Map<String, Object> file() throws IOException {
        JsonToken root = parser.nextToken();
        if (root == null || root == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        Map<String, Object> keys = root == JsonToken.START_OBJECT ? mapping("", KEYS) : null;
        if (keys == null || parser.nextToken() != null) { // a list, a scalar, or a second document
            throw error(parser.currentTokenLocation(), "the file must be a mapping of keys (see docs/config.md)");
        }
        return keys;
    }

    /** The mapping whose start is the current token, read up to its end; {@code prefix} names nested keys. */
    private Map<String, Object> mapping(String prefix, Map<String, Shape> known) throws IOException {
        Map<String, Object> values = new HashMap<>();
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String key = prefix + name;
            JsonLocation at = parser.currentTokenLocation();
            Shape shape = known.get(name);
            if (shape == null) {
                throw error(at, "unknown key '" + key + "' (known keys here: "
                        + String.join(", ", new TreeSet<>(known.keySet())) + ")");
            }
            if (!seen.add(name)) {
                throw error(at, "key '" + key + "' is given twice");
            }
            Object value = value(parser.nextToken(), shape, key, at);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    /** The value of {@code key} (the current token) as {@code shape} says, or null for a YAML null. */
    private Object value(JsonToken token, Shape shape, String key, JsonLocation at) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        refuseAlias(key, at);
        if (shape == Shape.TEXT && token == JsonToken.VALUE_STRING) {
            return checked(key, parser.getText(), at);
        }
        if (shape == Shape.DURATION && token == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            return duration(text).orElseThrow(() -> text.strip().matches("0+[smh]")
                    ? error(at, "key '" + key + "' must be longer than zero (got '" + text.strip() + "'): write "
                            + Shape.DURATION.expected)
                    : wrongType(key, shape, at));
        }
        if (shape == Shape.LIST && token == JsonToken.START_ARRAY) {
            List<String> texts = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                if (t != JsonToken.VALUE_STRING) { // numbers, booleans, nulls, lists and mappings alike
                    throw wrongType(key + "[" + texts.size() + "]", Shape.TEXT, parser.currentTokenLocation());
                }
                refuseAlias(key + "[" + texts.size() + "]", parser.currentTokenLocation());
                texts.add(checked(key + "[" + texts.size() + "]", parser.getText(), parser.currentTokenLocation()));
            }
            return texts;
        }
        if (shape == Shape.MANIFEST && token == JsonToken.START_OBJECT) {
            return mapping(key + ".", MANIFEST_KEYS);
        }
        throw wrongType(key, shape, at); // numbers and booleans are never taken as text
    }

    /**
     * The text of {@code key}, checked if its key needs it: a glob ({@link #GLOB_KEYS}) must be one Java's
     * {@code PathMatcher} accepts, a repository path ({@link #FILE_KEYS}, {@link #FOLDER_KEYS}) must name a place
     * inside the repository. Else a usage error at its line (submit and integrate would stop on it with an internal
     * error, or never find the file).
     */
    private String checked(String key, String text, JsonLocation at) {
        String base = key.replaceFirst("\\[\\d+]$", "");
        if (GLOB_KEYS.contains(base)) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + text);
            } catch (PatternSyntaxException e) {
                throw error(at, "key '" + key + "' is not a valid glob ('" + text + "'): " + e.getDescription()
                        + " at character " + (e.getIndex() + 1) + "; see docs/config.md for the glob syntax");
            }
        }
        boolean folder = FOLDER_KEYS.contains(base);
        if ((folder || FILE_KEYS.contains(base)) && !isRepositoryPath(folder && text.endsWith("/")
                ? text.substring(0, text.length() - 1) : text)) {
            throw error(at, "key '" + key + "' is '" + text + "', not a path inside the repository: write it "
                    + "relative to the repository's root, with '/' between folders and no '.' or '..' (like "
                    + (folder ? "scripts/migrations" : base.equals("versionFiles") ? "pyproject.toml"
                            : "scripts/migrations/autonomath_boot_manifest.txt") + ")");
        }
        return text;
    }

    /** A path git could name in a tree: not empty, relative, no empty, {@code .} or {@code ..} part. */
    private static boolean isRepositoryPath(String path) {
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static LaneConfig overlay(Map<String, Object> f) {
        LaneConfig d = LaneConfig.defaults();
        LaneConfig.Manifest dm = d.manifest();
        Map<String, Object> m = or(f, "manifest", Map.of());
        LaneConfig.Manifest manifest = new LaneConfig.Manifest(or(m, "file", dm.file()),
                or(m, "migrations", dm.migrations()), or(m, "required", dm.required()),
                nonBlank("manifest.pattern", or(m, "pattern", dm.pattern())));
        return new LaneConfig(
                inbox(nonBlank("inbox", or(f, "inbox", d.inbox()))),
                nonBlank("worktree", or(f, "worktree", d.worktree())),
                nonBlank("branch", or(f, "branch", d.branch())),
                nonBlank("main", or(f, "main", d.main())),
                manifest,
                versionFiles(or(f, "versionFiles", d.versionFiles())),
                or(f, "workflows", d.workflows()),
                or(f, "check", d.check()),
                or(f, "checkTimeout", d.checkTimeout()));
    }

    /** The value read for {@code key}, whose type its {@link Shape} fixed, or the default. */
    @SuppressWarnings("unchecked")
    private static <T> T or(Map<String, Object> values, String key, T fallback) {
        Object value = values.get(key);
        return value == null ? fallback : (T) value;
    }

    /** "90s", "30m", "2h": a positive whole number of seconds, minutes or hours. */
    private static Optional<Duration> duration(String text) {
        String t = text.strip();
        if (t.length() < 2 || t.length() > 10 || !t.substring(0, t.length() - 1).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        Duration d = switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ZERO;
        };
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    private static List<String> versionFiles(List<String> files) {
        for (String f : files) {
            if (!(f.endsWith(".toml") || f.endsWith(".json"))) {
                throw LaneException.usage(FILE_NAME + ": versionFiles entry '" + f + "' is not supported: lane reads "
                        + "and bumps the version of .toml (project.version, tool.poetry.version or version) and "
                        + ".json (top-level \"version\", and its copies in \"packages\") files only");
            }
        }
        return files;
    }

    /**
     * Refuses an inbox that is not a folder of its own: lane takes every folder in the inbox for a wave, so the file
     * system's root, the main checkout's root or a folder of git's own would show (and lock, and write into) folders
     * that are not waves.
     */
    private static String inbox(String value) {
        Path p;
        try {
            p = Path.of(value).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw LaneException.usage(FILE_NAME + ": key 'inbox' is not a valid path: " + e.getMessage());
        }
        boolean root = p.isAbsolute() ? p.getNameCount() == 0 : p.toString().isEmpty() || p.toString().equals(".");
        boolean inGit = !p.isAbsolute() && p.getNameCount() > 0 && p.getName(0).toString().equals(".git");
        if (root || inGit) {
            throw LaneException.usage(FILE_NAME + ": key 'inbox' is '" + value + "', " + (inGit ? "inside git's own "
                    + "folder" : p.isAbsolute() ? "the file system's root" : "the repository's root") + "; "
                    + LaneConfig.inboxRule());
        }
        return value;
    }

    private static String nonBlank(String key, String value) {
        if (value.isBlank()) {
            throw LaneException.usage(FILE_NAME + ": key '" + key + "' must not be empty");
        }
        return value;
    }

    /**
     * The YAML parser hands an alias ({@code *name}) over as the text of its name, not the anchored value: taken as
     * is, {@code branch: *b} would quietly mean the branch "b". So aliases are refused.
     */
    private void refuseAlias(String key, JsonLocation at) throws IOException {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw error(at, "key '" + key + "' is a YAML alias (*" + parser.getValueAsString("") + "); lane does not "
                    + "expand aliases: write the value out");
        }
    }

    private LaneException wrongType(String key, Shape shape, JsonLocation at) {
        return error(at, "key '" + key + "' has the wrong type: expected " + shape.expected);
    }

    private LaneException error(JsonLocation at, String problem) {
        return LaneException.usage(source + " line " + line(at) + ": " + problem);
    }

    private static String line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "?" : String.valueOf(location.getLineNr());
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
