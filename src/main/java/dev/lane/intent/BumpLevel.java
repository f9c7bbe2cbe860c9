package dev.lane.intent;

import java.util.Locale;
import java.util.Optional;
import org.semver4j.Semver;

/** A semantic-version bump level. Levels are ordered: the highest requested in a wave is the one applied. */
public enum BumpLevel {
    PATCH, MINOR, MAJOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The next version at this level: a release, without the build metadata of {@code version} (semver4j keeps it,
     * so 0.4.0+b1 would become 0.4.1+b1, a new version claiming an old build's metadata).
     */
    public Semver apply(Semver version) {
        Semver next = switch (this) {
            case PATCH -> version.nextPatch();
            case MINOR -> version.nextMinor();
            case MAJOR -> version.nextMajor();
        };
        return next.withClearedBuild();
    }

    public static Optional<BumpLevel> parse(String text) {
        for (BumpLevel l : values()) {
            if (l.label().equals(text)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The level that turns {@code from} into {@code to}, if {@code to} is exactly the next patch, minor or major. */
    public static Optional<BumpLevel> between(Semver from, Semver to) {
        for (BumpLevel l : values()) {
            if (l.apply(from).isEqualTo(to)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
