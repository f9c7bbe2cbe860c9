package dev.lane.integrate;

import dev.lane.config.LaneConfig;
import dev.lane.intent.BumpRequest;
import dev.lane.intent.Manifest;
import dev.lane.intent.VersionFile;
import dev.lane.intent.WorkflowEdit;
import dev.lane.intent.WorkflowMerge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
 *       already uses (in the manifest, or from a lane earlier in the order) parks its lane, naming both files.</li>
 *   <li>Workflows: each edit is a three-way merge of the lane's base, the current result and the lane's version
 *       ({@link WorkflowMerge}); an overlapping edit parks the lane, with the hunk.</li>
 *   <li>Version: one bump for the wave ({@link WaveBump}), written to every version file that has a version, with
 *       every other byte unchanged ({@link VersionFile#withVersion}).</li>
 * </ul>
 * Each lane is all or nothing: a parked lane contributes nothing, and the lanes after it are applied as if it was
 * never there.
 */
final class SharedSurfaceApplier {
    private final RepoAccess access;
    private final LaneConfig config;

    SharedSurfaceApplier(RepoAccess access, LaneConfig config) {
        this.access = access;
        this.config = config;
    }

    SurfaceResult apply(ObjectId tree, List<Candidate> lanes, WaveBump waveBump) {
        String manifestPath = config.manifest().file();
        String manifestText = access.readText(tree, manifestPath).orElse("");
        LinkedHashSet<String> listed = new LinkedHashSet<>(Manifest.entries(manifestText));
        Map<Long, String> numberOwner = new HashMap<>();
        for (String e : listed) {
            Manifest.number(e).ifPresent(n -> numberOwner.putIfAbsent(n, e + " (already in the manifest)"));
        }
        Map<String, String> workflowText = new LinkedHashMap<>();
        Map<String, String> parked = new LinkedHashMap<>();
        List<SurfaceResult.Entry> added = new ArrayList<>();
        List<SurfaceResult.Edit> edits = new ArrayList<>();
        List<Candidate> contributors = new ArrayList<>();
        Map<String, LaneOutcome.Applied> applied = new LinkedHashMap<>();

        for (Candidate lane : lanes) {
            PendingIntents pending = lane.pending();
            List<String> laneEntries = new ArrayList<>();
            Map<Long, String> laneNumbers = new HashMap<>();
            String problem = null;
            for (String entry : pending.manifest().stream().sorted(Manifest.ORDER).toList()) {
                if (listed.contains(entry)) {
                    continue; // another lane of this pass lists it already: once is enough
                }
                OptionalLong number = Manifest.number(entry);
                if (number.isPresent()) {
                    String owner = numberOwner.get(number.getAsLong());
                    String own = laneNumbers.get(number.getAsLong());
                    if (owner != null || own != null) {
                        problem = "migration number " + number.getAsLong() + " is taken twice: " + entry
                                + " (this lane) and " + (owner != null ? owner : own + " (this lane too)")
                                + ". Renumber this lane's migration, then lane sync and lane submit again.";
                        break;
                    }
                    laneNumbers.put(number.getAsLong(), entry);
                }
                laneEntries.add(entry);
            }
            Map<String, String> laneWorkflows = new LinkedHashMap<>();
            List<SurfaceResult.Edit> laneEdits = new ArrayList<>();
            if (problem == null) {
                for (WorkflowEdit edit : pending.workflows()) {
                    String current = laneWorkflows.containsKey(edit.path()) ? laneWorkflows.get(edit.path())
                            : workflowText.containsKey(edit.path()) ? workflowText.get(edit.path())
                            : access.readText(tree, edit.path()).orElse(null);
                    problem = applyEdit(edit, current, lane.lane(), laneWorkflows);
                    if (problem != null) {
                        break;
                    }
                    laneEdits.add(new SurfaceResult.Edit(lane.lane(), edit.path(), PendingIntents.id(edit)));
                }
            }
            if (problem != null) {
                parked.put(lane.lane(), problem);
                continue;
            }
            for (String entry : laneEntries) {
                listed.add(entry);
                Manifest.number(entry).ifPresent(n -> numberOwner.put(n, entry + " (lane " + lane.lane() + ")"));
                added.add(new SurfaceResult.Entry(entry, lane.lane()));
            }
            workflowText.putAll(laneWorkflows);
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
        files.putAll(workflowText);
        Optional<SurfaceResult.Version> version = bump(tree, lanes, parked, waveBump, files);
        ObjectId result = access.withFiles(tree, files);
        return new SurfaceResult(result, parked, added, version, edits, contributors, applied);
    }

    /** Merges one edit into {@code current}; returns the reason to park, or null and records the new text. */
    private static String applyEdit(WorkflowEdit edit, String current, String lane, Map<String, String> out) {
        if (current == null) {
            if (edit.base() != null) {
                return "workflow " + edit.path() + " was edited by this lane but no longer exists on main; "
                        + "lane sync, redo the edit, and lane submit again";
            }
            out.put(edit.path(), edit.lane());
            return null;
        }
        if (current.equals(edit.lane())) {
            out.put(edit.path(), current);
            return null;
        }
        WorkflowMerge.Outcome merged = WorkflowMerge.merge(edit.base() == null ? "" : edit.base(), current,
                edit.lane(), lane);
        if (merged instanceof WorkflowMerge.Outcome.Conflict c) {
            return "workflow edit of " + edit.path() + " overlaps an edit already on main or from a lane before "
                    + "it:\n" + c.hunks();
        }
        out.put(edit.path(), ((WorkflowMerge.Outcome.Merged) merged).text());
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
        return Optional.of(new SurfaceResult.Version(waveBump.current().getVersion(), to,
                waveBump.start().getVersion(), written, asked));
    }

    /** Entries of the manifest in {@code tree}. */
    Set<String> manifestEntries(ObjectId tree) {
        return new LinkedHashSet<>(Manifest.entries(access.readText(tree, config.manifest().file()).orElse("")));
    }
}
