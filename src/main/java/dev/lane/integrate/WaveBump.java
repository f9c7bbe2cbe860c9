package dev.lane.integrate;

import dev.lane.intent.BumpRequest;
import java.util.Collection;
import java.util.Optional;
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
 * @param current  main's version at the base of the pass (null if the project has none)
 * @param start    the wave's starting version (null if the project has none)
 * @param floor    the version a request must exceed to change anything
 */
record WaveBump(Semver current, Semver start, Semver floor) {

    static WaveBump of(Semver current, Optional<WaveHistory.BumpRecord> earlier) {
        if (current == null) {
            return new WaveBump(null, null, null);
        }
        Semver start = earlier.map(WaveHistory.BumpRecord::from).orElse(current);
        Semver floor = earlier.map(r -> max(r.to(), current)).orElse(current);
        return new WaveBump(current, start, floor);
    }

    /** The version a request asks for under this wave's rule, or empty if the project has no version. */
    Optional<Semver> requested(BumpRequest request) {
        return start == null || request == null ? Optional.empty() : Optional.of(request.applyTo(start));
    }

    /** Whether applying {@code request} now would still raise the version. */
    boolean raises(BumpRequest request) {
        return requested(request).map(v -> v.isGreaterThan(floor)).orElse(false);
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
