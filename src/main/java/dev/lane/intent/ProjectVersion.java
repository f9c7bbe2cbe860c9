package dev.lane.intent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.semver4j.Semver;

/**
 * The project's version as a tree's version files carry it, and the one rule for files that disagree: the project's
 * version is the <b>highest</b> of their versions. So a bump starts from the highest and never re-issues a version
 * one file already carries; it writes its one new version to every file, and they agree again.
 *
 * @param byFile each version file that has a version, with its value as written (lanes.yml order)
 */
public record ProjectVersion(Map<String, String> byFile) {

    public ProjectVersion {
        byFile = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byFile));
    }

    /**
     * The versions of {@code files} as {@code text} gives each file's content (empty if the file is absent); throws
     * the {@link VersionFile#read} error if a file does not parse.
     */
    public static ProjectVersion read(List<String> files, Function<String, Optional<String>> text) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String file : files) {
            text.apply(file).flatMap(t -> VersionFile.read(file, t)).ifPresent(v -> found.put(file, v));
        }
        return new ProjectVersion(found);
    }

    /** The highest semantic version among the files; empty if none has one. */
    public Optional<Semver> highest() {
        Semver best = null;
        for (String value : byFile.values()) {
            Semver v = Semver.parse(value);
            if (v != null && (best == null || v.isGreaterThan(best))) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether the files carry more than one version. */
    public boolean disagree() {
        return byFile.values().stream().distinct().count() > 1;
    }

    /** Each file and its version, e.g. "pyproject.toml has 0.3.5, server.json has 0.3.6" ({@code verb} "has"). */
    public String listing(String verb) {
        return String.join(", ", byFile.entrySet().stream().map(e -> e.getKey() + " " + verb + " " + e.getValue())
                .toList());
    }

    /** The files that carry the highest version, e.g. "server.json". */
    public String highestFiles() {
        Optional<Semver> highest = highest();
        return String.join(", ", byFile.entrySet().stream().filter(e -> {
            Semver v = Semver.parse(e.getValue());
            return v != null && highest.isPresent() && v.isEqualTo(highest.get());
        }).map(Map.Entry::getKey).toList());
    }
}
