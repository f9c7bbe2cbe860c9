package dev.lane.integrate;

import dev.lane.config.LaneConfig;
import dev.lane.intent.BumpRequest;
import dev.lane.intent.Manifest;
import dev.lane.intent.MigrationNumbers;
import dev.lane.intent.ProjectVersion;
import dev.lane.intent.VersionFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.semver4j.Semver;

/**
 * Applies the pending intents of the merged lanes to the merged tree, serially and in lane order, by meaning
 * rather than by text.
 *
 * <ul>
 *   <li>Manifest: the union of all entries, each once, appended after the existing lines in numeric order of their
 *       prefix ({@link Manifest#append}); existing lines are untouched. An entry whose number another entry
 *       already uses (in the manifest, or from a lane earlier in the order) parks its lane, naming both files
 *       ({@link MigrationNumbers}, the rule {@code lane submit} applies too). A lane whose branch deletes or renames
 *       away a migration file the manifest lists (main's, or by the entry of a lane before it) is parked, naming the
 *       file; so is a lane whose new entry names a file that a lane before it removes, or that main no longer has:
 *       the result would list a missing file.</li>
 *   <li>Workflows: each edit is a three-way merge of the lane's base, the current result and the lane's version,
 *       and the merged file must pass {@link dev.lane.intent.WorkflowCheck} ({@link PassWorkflows}); an
 *       overlapping edit parks the lane with the hunk, a merge GitHub would refuse (a duplicated key, a second
 *       document) or that lacks the workflow_dispatch trigger parks it with the file, the problem and its line, and
 *       the lanes (or main) whose changes it met.</li>
 *   <li>Version: one bump for the wave ({@link WaveBump}), written to every version file that has a version, with
 *       every other byte unchanged ({@link VersionFile#withVersion}). Files that disagreed on main all get the one
 *       new version, which is above the highest of them; the result says they disagreed.</li>
 * </ul>
 * Each lane is all or nothing: a parked lane contributes nothing, and the lanes after it are applied as if it was
 * never there.
 */
final class SharedSurfaceApplier {
    private static final String RESYNC = "Run lane sync in the lane's worktree and lane submit again (an entry "
            + "whose file is gone is dropped; add the file back first if it must be listed), then integrate again.";
    private final RepoAccess access;
    private final LaneConfig config;
    private final SharedSurfaces surfaces;

    SharedSurfaceApplier(RepoAccess access, LaneConfig config) {
        this.access = access;
        this.config = config;
        this.surfaces = new SharedSurfaces(config);
    }

    SurfaceResult apply(ObjectId tree, List<Candidate> lanes, WaveBump waveBump) {
        String manifestPath = config.manifest().file();
        String manifestText = access.readText(tree, manifestPath).orElse("");
        MigrationNumbers listed = MigrationNumbers.listedIn(Manifest.entries(manifestText));
        PassWorkflows workflows = new PassWorkflows(access, tree);
        Map<String, String> parked = new LinkedHashMap<>();
        List<SurfaceResult.Entry> added = new ArrayList<>();
        List<SurfaceResult.Edit> edits = new ArrayList<>();
        List<Candidate> contributors = new ArrayList<>();
        List<Candidate> accepted = new ArrayList<>();
        Map<String, LaneOutcome.Applied> applied = new LinkedHashMap<>();

        for (Candidate lane : lanes) {
            PendingIntents pending = lane.pending();
            List<String> laneEntries = pending.manifest().stream().filter(e -> !listed.lists(e)).distinct()
                    .sorted(Manifest.ORDER).toList(); // one listed by a lane before in this pass: once is enough
            String problem = listed.clashes(laneEntries).stream().findFirst()
                    .map(c -> c.sentence() + ". Renumber this lane's migration, then lane sync and lane submit again.")
                    .orElse(null);
            if (problem == null) {
                problem = removesListed(lane, listed);
            }
            if (problem == null) {
                problem = missingMigration(tree, lane, laneEntries, lanes, accepted);
            }
            List<SurfaceResult.Edit> laneEdits = List.of();
            if (problem == null) { // last, as it takes the lane's edits in when they pass
                PassWorkflows.Outcome edited = workflows.apply(lane.lane(), pending.workflows());
                if (edited instanceof PassWorkflows.Outcome.Parked p) {
                    problem = p.reason();
                } else {
                    laneEdits = ((PassWorkflows.Outcome.Applied) edited).edits();
                }
            }
            if (problem != null) {
                parked.put(lane.lane(), problem);
                continue;
            }
            accepted.add(lane);
            for (String entry : laneEntries) {
                listed.list(entry, lane.lane());
                added.add(new SurfaceResult.Entry(entry, lane.lane()));
            }
            edits.addAll(laneEdits);
            if (!pending.isEmpty()) {
                contributors.add(lane);
            }
            applied.put(lane.lane(), new LaneOutcome.Applied(laneEntries,
                    pending.bump() == null ? null : pending.bump().toString(),
                    laneEdits.stream().map(SurfaceResult.Edit::path).distinct().toList()));
        }

        Map<String, String> files = new LinkedHashMap<>();
        if (!added.isEmpty()) {
            List<String> names = added.stream().map(SurfaceResult.Entry::entry).sorted(Manifest.ORDER).toList();
            files.put(manifestPath, Manifest.append(manifestText, names));
            added.sort((a, b) -> Manifest.ORDER.compare(a.entry(), b.entry()));
        }
        files.putAll(workflows.files());
        Optional<SurfaceResult.Version> version = bump(tree, lanes, parked, waveBump, files);
        ObjectId result = access.withFiles(tree, files);
        return new SurfaceResult(result, parked, added, version, edits, contributors, applied);
    }

    /**
     * Why the lane's branch may not remove the migration files it removes, or null: the manifest lists one of
     * them (main's, or by the entry of a lane before it in this pass), so the result would name a missing file.
     */
    private String removesListed(Candidate lane, MigrationNumbers listed) {
        for (String name : lane.removedMigrations()) {
            if (listed.lists(name)) {
                String path = surfaces.migrationPath(name);
                return "its branch deletes or renames " + path + ", which " + listed.listingLane(name)
                        .map(l -> "lane " + l + " (before it in the order) adds to the manifest")
                        .orElse("main's manifest lists") + "; a listed migration must stay. Restore it in the "
                        + "lane's worktree (git checkout " + config.main() + " -- " + path + "), put any change in a "
                        + "new migration, lane submit -m MESSAGE, then integrate again.";
            }
        }
        return null;
    }

    /**
     * Why the lane's new manifest entries cannot be listed, or null: an entry's migration file is not in the merged
     * result because a lane accepted before it removes it, or because main no longer has it and no lane brings it.
     * A file removed only by a lane parked in this round or by a later one is no reason: that lane does not land
     * (a later one is parked for removing a listed migration) and the merge without it has the file again.
     */
    private String missingMigration(ObjectId tree, Candidate lane, List<String> entries, List<Candidate> lanes,
                                    List<Candidate> accepted) {
        for (String entry : entries) {
            String path = surfaces.migrationPath(entry);
            if (access.hasFile(tree, path)) {
                continue;
            }
            Optional<Candidate> remover = accepted.stream().filter(c -> c.removedMigrations().contains(entry))
                    .findFirst();
            if (remover.isPresent()) {
                return "manifest entry " + entry + " of this lane names " + path + ", which lane "
                        + remover.get().lane() + " (before it in the order) deletes or renames. " + RESYNC;
            }
            boolean removedByOther = lanes.stream().anyMatch(c -> c != lane && c.removedMigrations().contains(entry));
            if (!removedByOther) {
                return "manifest entry " + entry + " of this lane names " + path + ", which main no longer has. "
                        + RESYNC;
            }
        }
        return null;
    }

    private Optional<SurfaceResult.Version> bump(ObjectId tree, List<Candidate> lanes, Map<String, String> parked,
                                                 WaveBump waveBump, Map<String, String> files) {
        Map<String, BumpRequest> requests = new LinkedHashMap<>();
        for (Candidate c : lanes) {
            if (!parked.containsKey(c.lane()) && c.pending().bump() != null) {
                requests.put(c.lane(), c.pending().bump());
            }
        }
        Optional<Semver> target = waveBump.target(requests.values());
        if (target.isEmpty()) {
            return Optional.empty();
        }
        String to = target.get().getVersion();
        List<String> written = new ArrayList<>();
        for (String path : config.versionFiles()) {
            Optional<String> text = access.readText(tree, path);
            if (text.isPresent() && VersionFile.read(path, text.get()).isPresent()) {
                files.put(path, VersionFile.withVersion(path, text.get(), to));
                written.add(path);
            }
        }
        Map<String, String> asked = new LinkedHashMap<>();
        requests.forEach((lane, r) -> asked.put(lane, r.toString()));
        ProjectVersion before = ProjectVersion.read(config.versionFiles(), path -> access.readText(tree, path));
        String note = !before.disagree() ? null : disagreedNote(before, waveBump, to);
        return Optional.of(new SurfaceResult.Version(waveBump.current().getVersion(), to,
                waveBump.start().getVersion(), written, asked, note));
    }

    /**
     * What the user must know when the version files disagreed on main before the bump: each file's value, the
     * version the bump started from (the highest, {@link ProjectVersion}; or, if this wave bumped before, the
     * wave's starting version, as the bump rule has it), and that they agree now.
     */
    static String disagreedNote(ProjectVersion before, WaveBump waveBump, String to) {
        String highest = waveBump.current().getVersion() + " (" + before.highestFiles() + ")";
        String start = waveBump.start().isEqualTo(waveBump.current()) ? "the bump started from the highest, " + highest
                : "main's version is the highest, " + highest + "; this wave's bump started from "
                        + waveBump.start().getVersion() + ", the version before its first bump";
        return "the version files already disagreed on main (" + before.listing("had") + "); " + start
                + ", and wrote " + to + " to every version file, so they agree now";
    }

    /** Entries of the manifest in {@code tree}. */
    Set<String> manifestEntries(ObjectId tree) {
        return new LinkedHashSet<>(Manifest.entries(access.readText(tree, config.manifest().file()).orElse("")));
    }
}
