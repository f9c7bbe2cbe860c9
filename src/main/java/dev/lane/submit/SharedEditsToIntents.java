package dev.lane.submit;

import dev.lane.config.LaneConfig;
import dev.lane.core.CrashPoint;
import dev.lane.core.LaneException;
import dev.lane.integrate.SharedSurfaces;
import dev.lane.intent.IntentValidator;
import dev.lane.intent.Intents;
import dev.lane.intent.MigrationNumbers;
import dev.lane.intent.WorkflowCheck;
import dev.lane.intent.WorkflowEdit;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.repo.GitCli;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The step {@code lane submit} and {@code lane sync} share: a lane's edits of shared files since its fork point
 * become intents, and the files go back to their fork-point content, so they never reach a textual merge.
 *
 * <p>Protocol. Run by its caller while it holds the lane's {@link LaneWorkLock}. {@link #plan} only reads (git
 * objects and the lane's stored intents): it detects the edits ({@link SurfaceChanges}), merges them into the lane's
 * earlier intents ({@link IntentUpdate}) and validates the result, refusing (exit 2, "COMMAND refused, nothing was
 * changed") an edit submit would not take. {@link Plan#apply} then (1) writes {@code intents.json} atomically and
 * (2) commits the restore of the shared files. A crash between (1) and (2) loses nothing: the intents are saved, and
 * a re-run detects the same edits again (adding them is idempotent); after (2) it finds none.
 */
public final class SharedEditsToIntents {
    private SharedEditsToIntents() {
    }

    /**
     * What the step would do.
     *
     * @param intents      the lane's intents afterwards
     * @param found        the intents detected in the lane's edits
     * @param surfacePaths the shared files the lane changed, to be restored to their fork-point content
     * @param notices      what happened to earlier intents, for the agent to read
     * @param fork         the lane's fork point
     */
    public record Plan(Intents intents, Intents found, List<String> surfacePaths, List<String> notices, String fork) {
        /** Whether the lane's branch carries shared-file edits to move. */
        public boolean movesFiles() {
            return !surfacePaths.isEmpty();
        }

        /**
         * Writes the intents, then (if any) commits the restore of the shared files, with a subject starting with
         * {@code subjectStart} (one of {@link dev.lane.integrate.BookkeepingSubjects}).
         */
        public void apply(GitCli git, SubmissionStore store, WaveId wave, LaneId lane, String subjectStart) {
            store.writeIntents(wave, lane, intents);
            CrashPoint.reached("shared-edits-after-intents");
            if (movesFiles()) {
                restoreSharedFiles(git, fork, surfacePaths, lane, subjectStart);
            }
        }
    }

    /**
     * Detects the edits between {@code fork} and {@code tree}, merges them with {@code previous} and {@code explicit}
     * intents, and validates the result; refuses (exit 2) as {@code command} if they would not be taken. {@code main}
     * is main's commit (or ref), read only to tell whether an earlier entry of the lane has landed.
     */
    public static Plan plan(GitCli git, LaneConfig config, String fork, String tree, Intents previous,
                            Intents explicit, String command, String main) {
        Set<String> listed = SurfaceChanges.manifestAt(git, config, fork);
        SurfaceChanges found = SurfaceChanges.detect(git, config, fork, tree, listed);
        Set<String> migrations = SurfaceChanges.migrationFiles(git, config, tree);
        refuseRemovingLandedEntries(git, config, fork, previous, migrations, main);
        IntentUpdate update = IntentUpdate.of(previous, found.intents(), explicit, migrations::contains,
                listed::contains);
        Intents intents = update.intents();
        IntentValidator validator = new IntentValidator(migrations::contains,
                SurfaceChanges.versionAt(git, config, fork), MigrationNumbers.listedIn(listed));
        List<String> problems = new java.util.ArrayList<>(validator.problems(intents));
        problems.addAll(earlierEditsInTheWay(intents, found.intents()));
        if (!problems.isEmpty()) {
            throw LaneException.usage(command + " refused, nothing was changed:\n  " + String.join("\n  ", problems));
        }
        return new Plan(intents, found.intents(), found.surfacePaths(), update.notices(), fork);
    }

    /**
     * For each workflow whose merged intent fails the workflow check while the lane's new edit of it alone passes: a
     * line saying the problem comes from the earlier submitted edit merged in (the file in the worktree is fine, so the
     * check's sentence alone, naming a key twice the file does not have, misleads), and the way out.
     */
    private static List<String> earlierEditsInTheWay(Intents intents, Intents found) {
        List<String> out = new java.util.ArrayList<>();
        for (WorkflowEdit merged : intents.workflows()) {
            Optional<WorkflowEdit> fresh = found.workflows().stream()
                    .filter(e -> e.path().equals(merged.path())).findFirst();
            if (fresh.isEmpty() || Objects.equals(fresh.get().lane(), merged.lane())
                    || WorkflowCheck.check(merged.path(), merged.lane()).isEmpty()
                    || WorkflowCheck.ofLaneEdit(merged.path(), fresh.get().base(), fresh.get().lane()).isPresent()) {
                continue;
            }
            out.add("(the problem above is not in the worktree's file: it comes from your earlier submitted edit of "
                    + merged.path() + ", kept in the lane's intents.json, merged with this one. If the worktree's file "
                    + "holds everything you want, " + IntentUpdate.RESET + ")");
        }
        return out;
    }

    /**
     * Refuses (exit 2) a lane that deletes or renames away a migration file of its own earlier manifest entry once
     * that entry has landed: main's manifest lists it, so the integrator would park the lane for removing a listed
     * migration. The fork point's manifest does not show it when the lane goes on working after landing without
     * {@code lane sync} (its fork point is then its own earlier head, from before the pass listed the entry), so the
     * rule on the fork's manifest ({@link SurfaceChanges}) misses it; without this, submit took the rename and said
     * it "dropped the earlier manifest entry".
     */
    private static void refuseRemovingLandedEntries(GitCli git, LaneConfig config, String fork, Intents previous,
                                                    Set<String> migrations, String main) {
        SharedSurfaces surfaces = new SharedSurfaces(config);
        List<String> gone = previous.manifest().stream().filter(e -> !migrations.contains(e))
                .filter(e -> git.run("cat-file", "-e", fork + ":" + surfaces.migrationPath(e)).ok()).toList();
        if (gone.isEmpty()) {
            return;
        }
        Set<String> onMain = SurfaceChanges.manifestAt(git, config, main);
        List<String> landed = gone.stream().filter(onMain::contains).toList();
        if (landed.isEmpty()) {
            return;
        }
        List<String> paths = landed.stream().map(surfaces::migrationPath).toList();
        throw LaneException.usage("the lane deletes or renames " + String.join(", ", paths) + ", which main's manifest "
                + "lists (this lane's " + (landed.size() == 1 ? "entry " : "entries ") + String.join(", ", landed)
                + " landed); a listed migration must stay, or the manifest names a missing file. Restore "
                + (landed.size() == 1 ? "it" : "them") + " (git checkout " + fork.substring(0, 12) + " -- "
                + String.join(" ", paths) + "), put any change in a new migration instead, and submit again.");
    }

    /**
     * Sets {@code paths} in the worktree and index to their content at {@code commit}: checked out from it, or
     * removed where it has none. The caller commits.
     */
    public static void setFilesTo(GitCli git, String commit, List<String> paths) {
        for (String path : paths) {
            if (git.run("cat-file", "-e", commit + ":" + path).ok()) {
                git.ok("checkout", commit, "--", path);
            } else {
                git.ok("rm", "-q", "-f", "--", path);
            }
        }
    }

    private static void restoreSharedFiles(GitCli git, String fork, List<String> paths, LaneId lane,
                                           String subjectStart) {
        setFilesTo(git, fork, paths);
        git.ok("commit", "-q", "--no-verify", "-m", subjectStart + lane
                + " into intents\n\nRestored to their base content: " + String.join(", ", paths));
    }
}
