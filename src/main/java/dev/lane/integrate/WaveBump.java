package dev.lane.integrate;

import dev.lane.config.LaneConfig;
import dev.lane.intent.BumpLevel;
import dev.lane.intent.BumpRequest;
import dev.lane.intent.ProjectVersion;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;
import org.semver4j.Semver;

/**
 * The one-bump-per-wave rule, which makes the version bump exactly-once across passes, crashes and resubmissions.
 *
 * <p>A wave has one starting version: the version main had before the wave's first bump (read back from the
 * {@code Lane-Bump} trailer of an earlier pass), or main's current version if the wave never bumped. Every bump
 * request of a landing lane is applied to that starting version (a level) or taken as is (an explicit version),
 * and the wave's target is the highest of them. The version files are rewritten only if the target is strictly
 * higher than both main's current version and the version the wave already set. So 0.3.5 with patch and minor
 * becomes 0.4.0 whether the two lanes land in one pass or two; a later patch request of the same wave changes
 * nothing (patch of 0.3.5 is 0.3.6, not above 0.4.0); a later major request moves it on to 1.0.0; and a rerun
 * after a crash finds the bump already in main's history and does not bump again.
 *
 * <p>Main's version is the highest its version files carry ({@link dev.lane.intent.ProjectVersion}): when they
 * disagree, a bump starts from the highest, so it never re-issues a version one file already has, and writes the
 * one new version to every file.
 *
 * <p>A request that does not raise the version is either covered by the wave's own bump (a lower request of the
 * same wave, or one applied by an earlier pass: nothing to say) or below main's version, which moved past it by
 * other means, or main no longer has a version at all: then it is not applied, and the lane's outcome says so
 * ({@link #notApplied}).
 *
 * @param current  main's version at the base of the pass (null if the project has none)
 * @param start    the wave's starting version (null if the project has none)
 * @param floor    the version a request must exceed to change anything
 * @param waveSet  the version the wave's earlier bump set (null if the wave did not bump before)
 */
record WaveBump(Semver current, Semver start, Semver floor, Semver waveSet) {

    /**
     * Main's version at {@code main}: the highest that the version files of {@code config} carry there (files that
     * disagree: the highest, {@link ProjectVersion}); empty if none has one. Throws the {@link
     * dev.lane.intent.VersionFile#read} error if a version file does not parse.
     */
    static Optional<Semver> mainVersion(RepoAccess access, RevCommit main, LaneConfig config) {
        return ProjectVersion.read(config.versionFiles(), file -> access.readText(main.getTree(), file)).highest();
    }

    /**
     * The rule for a wave's bump on {@code main}: main's version ({@link #mainVersion}) and what the wave's earlier
     * passes bumped ({@code history}). The one way a pass and submit's outlook ({@link BumpOutlook}) arrive at it.
     */
    static WaveBump at(RepoAccess access, RevCommit main, LaneConfig config, WaveHistory history) {
        return of(mainVersion(access, main, config).orElse(null), history.bump());
    }

    static WaveBump of(Semver current, Optional<WaveHistory.BumpRecord> earlier) {
        if (current == null) {
            return new WaveBump(null, null, null, null);
        }
        Semver start = earlier.map(WaveHistory.BumpRecord::from).orElse(current);
        Semver floor = earlier.map(r -> max(r.to(), current)).orElse(current);
        return new WaveBump(current, start, floor, earlier.map(WaveHistory.BumpRecord::to).orElse(null));
    }

    /**
     * Why {@code request} of {@code lane} is not applied, if it does not raise the version and the wave's own bump
     * does not cover it either: main is already at or above the version it asks for. E.g. "bump 0.4.0 of lane x not
     * applied: main is already at 0.5.0". Also when no version file on main has a version any more (a lane's request
     * was checked against its base, which had one): nothing is bumped, and the lane's outcome says so.
     */
    Optional<String> notApplied(String lane, BumpRequest request) {
        if (request != null && current == null) { // validated against the lane's base; main has lost its version
            return Optional.of("bump " + request + " of lane " + lane
                    + " not applied: no version file on main has a version to bump");
        }
        Optional<Semver> asked = requested(request);
        if (asked.isEmpty() || asked.get().isGreaterThan(floor)
                || (waveSet != null && !asked.get().isGreaterThan(waveSet))) {
            return Optional.empty();
        }
        return Optional.of("bump " + request + " of lane " + lane
                + (request.level() != null ? " (" + asked.get().getVersion() + ")" : "")
                + " not applied: main is already at " + current.getVersion());
    }

    /** The version a request asks for under this wave's rule, or empty if the project has no version. */
    Optional<Semver> requested(BumpRequest request) {
        return start == null || request == null ? Optional.empty() : Optional.of(request.applyTo(start));
    }

    /** Whether applying {@code request} now would still raise the version. */
    boolean raises(BumpRequest request) {
        return requested(request).map(v -> v.isGreaterThan(floor)).orElse(false);
    }

    /**
     * The smallest bump request that would still raise the version in this wave, as {@code lane submit --bump} takes
     * it: the lowest level that does ("patch" unless the wave's earlier bump already covers it), else the version
     * just above what the rule must exceed; empty if the project has no version.
     */
    Optional<String> smallestRaising() {
        if (start == null) {
            return Optional.empty();
        }
        for (BumpLevel level : BumpLevel.values()) {
            if (raises(BumpRequest.of(level))) {
                return Optional.of(level.label());
            }
        }
        return Optional.of(BumpLevel.PATCH.apply(floor).getVersion());
    }

    /** The version to write for these requests, or empty if none of them raises the version. */
    Optional<Semver> target(Collection<BumpRequest> requests) {
        Semver best = null;
        for (BumpRequest r : requests) {
            Optional<Semver> v = requested(r);
            if (v.isPresent() && (best == null || v.get().isGreaterThan(best))) {
                best = v.get();
            }
        }
        return best != null && best.isGreaterThan(floor) ? Optional.of(best) : Optional.empty();
    }

    private static Semver max(Semver a, Semver b) {
        return a.isGreaterThan(b) ? a : b;
    }
}
