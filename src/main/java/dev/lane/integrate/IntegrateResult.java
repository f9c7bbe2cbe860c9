package dev.lane.integrate;

import dev.lane.core.ExitCode;
import java.util.List;

/**
 * The outcome of one integrate pass (also of a dry run, which moves nothing).
 *
 * @param wave          the wave
 * @param mainBefore    main's commit at the start of the pass
 * @param mainAfter     main's commit at the end (equal to mainBefore if nothing moved)
 * @param plannedResult the commit the pass built (for a dry run: the commit main would move to)
 * @param dryRun        whether this was a dry run
 * @param lanes         one outcome per submitted lane, in merge order
 * @param manifestAdded manifest entries the pass added
 * @param versionFrom   main's version before the pass (null if the project has none)
 * @param versionTo     the version after the pass (equal to versionFrom if no bump)
 * @param workflows     workflow files the pass changed
 * @param notSubmitted  lanes claimed in the wave but not submitted (left out)
 * @param checkoutNote  what the user must know about the main checkout, and about a stopped pass of the wave this
 *                      pass recorded first (or, for a dry run, will), or null
 * @param check         what the user's {@code check:} command did
 * @param versionNote   what the user must know about the version: the version files disagreed on main, each file's
 *                      value, and which the bump started from; null if nothing
 */
public record IntegrateResult(String wave, String mainBefore, String mainAfter, String plannedResult, boolean dryRun,
                              List<LaneOutcome> lanes, List<String> manifestAdded, String versionFrom,
                              String versionTo, List<String> workflows, List<String> notSubmitted,
                              String checkoutNote, CheckReport check, String versionNote) {

    public boolean mainMoved() {
        return !mainBefore.equals(mainAfter);
    }

    public long count(LaneStatus status) {
        return lanes.stream().filter(l -> l.status() == status).count();
    }

    /** 4 if any lane was parked, else 0. (Refusal and contention are thrown, not returned.) */
    public ExitCode exitCode() {
        return count(LaneStatus.PARKED) > 0 ? ExitCode.PARTIAL : ExitCode.OK;
    }
}
