package dev.lane.intent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.lane.core.LaneException;
import dev.lane.names.Name;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * A lane's request to bump the project version: a level ("patch", "minor", "major") or an explicit version
 * ("1.0.0"). Written in intents as that single string.
 */
public record BumpRequest(BumpLevel level, Semver version) {

    public BumpRequest {
        if ((level == null) == (version == null)) {
            throw new IllegalArgumentException("a bump request is a level or a version, exactly one");
        }
    }

    public static BumpRequest of(BumpLevel level) {
        return new BumpRequest(level, null);
    }

    public static BumpRequest of(Semver version) {
        return new BumpRequest(null, version);
    }

    /**
     * Parses "patch|minor|major|X.Y.Z"; a usage error names the bad value. A version must be written exactly as
     * semver4j prints it: {@code v0.4.0} or {@code " 0.4.0"} is refused with the spelling to use (0.4.0), because a
     * version file holds the plain version and what the lane asked for should be what gets written.
     */
    @JsonCreator
    public static BumpRequest parse(String text) {
        Optional<BumpLevel> level = BumpLevel.parse(text);
        if (level.isPresent()) {
            return of(level.get());
        }
        Semver v = Semver.parse(text);
        if (v == null) {
            throw LaneException.usage("invalid bump " + Name.quote(text)
                    + ": use patch, minor, major or a version like 1.2.3");
        }
        if (!v.getVersion().equals(text)) {
            throw LaneException.usage("invalid bump " + Name.quote(text) + ": write the version as "
                    + v.getVersion() + " (a plain semantic version, no leading v or spaces), or use patch, minor "
                    + "or major");
        }
        return of(v);
    }

    /** The version this request gives when applied to {@code current}. */
    public Semver applyTo(Semver current) {
        return level != null ? level.apply(current) : version;
    }

    @JsonValue
    @Override
    public String toString() {
        return level != null ? level.label() : version.getVersion();
    }
}
