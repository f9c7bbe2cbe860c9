package dev.lane.integrate;

import dev.lane.config.LaneConfig;
import dev.lane.core.LaneException;
import dev.lane.intent.Manifest;
import dev.lane.intent.ProjectVersion;
import dev.lane.intent.VersionFile;
import dev.lane.intent.WorkflowCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The built-in checks a result tree must pass before main may move (any failure refuses the whole pass, exit 5):
 * every manifest entry names a migration file that exists; the manifest lists every required migration
 * ({@code required:} in lanes.yml); all version files agree (a bump makes them agree; files that disagreed on main
 * already are said to have done so); every workflow file the pass changed reads as GitHub reads it and has a
 * {@code workflow_dispatch} trigger ({@link WorkflowCheck}; the lanes whose edits would fail it are parked before,
 * by {@link PassWorkflows}). They read only git objects, so they cost little.
 */
final class Checks {
    private final RepoAccess access;
    private final LaneConfig config;
    private final SharedSurfaces surfaces;
    private final WaveBump waveBump;

    /** @param waveBump the bump rule of the pass (to say which request would still bump, if the files disagree) */
    Checks(RepoAccess access, LaneConfig config, WaveBump waveBump) {
        this.access = access;
        this.config = config;
        this.surfaces = new SharedSurfaces(config);
        this.waveBump = waveBump;
    }

    /**
     * Why the version files of the result disagree. A bump writes one version to every file, so a result that
     * disagrees comes from a pass that bumps nothing; if main's files disagreed the same way, the message says it was
     * so on main already, before this pass, and what to do about it: a request the wave's own earlier bump does not
     * cover already ({@link WaveBump#smallestRaising}).
     */
    private String disagreement(ProjectVersion inResult, ObjectId baseTree) {
        String problem = "version files disagree: " + inResult.listing("has");
        ProjectVersion onMain;
        try {
            onMain = ProjectVersion.read(config.versionFiles(), path -> access.readText(baseTree, path));
        } catch (LaneException unreadable) {
            return problem;
        }
        if (!onMain.byFile().equals(inResult.byFile())) {
            return problem;
        }
        String bump = waveBump.smallestRaising().orElse("patch"); // a bump the wave's earlier one does not cover
        return problem + ". They disagreed on main already, before this pass, and this pass bumps no version. "
                + "Make them agree on main (commit one version to every version file), or have a lane of this wave "
                + "request a bump (lane submit --bump " + bump + " in its worktree), which writes one new version, "
                + "above the highest, to every version file; then integrate again.";
    }

    /** Every problem of {@code result}, each a sentence naming the file; empty if it passes. */
    List<String> problems(ObjectId baseTree, ObjectId result) {
        List<String> problems = new ArrayList<>();
        String manifestPath = config.manifest().file();
        Optional<String> manifest = access.readText(result, manifestPath);
        List<String> entries = manifest.map(Manifest::entries).orElse(List.of());
        List<String> onMain = access.readText(baseTree, manifestPath).map(Manifest::entries).orElse(List.of());
        for (String entry : entries) {
            String path = surfaces.migrationPath(entry);
            if (!access.hasFile(result, path)) {
                boolean already = onMain.contains(entry) && !access.hasFile(baseTree, path);
                problems.add("manifest " + manifestPath + " lists " + entry + ", but there is no " + path
                        + (already ? ". It was so on main already, before this pass: restore " + path + " on main, "
                        + "or take the line " + entry + " out of the manifest on main; then integrate again." : ""));
            }
        }
        List<String> missing = config.manifest().required().stream().filter(r -> !entries.contains(r)).toList();
        if (!missing.isEmpty()) {
            String them = String.join(", ", missing);
            boolean one = missing.size() == 1;
            boolean already = missing.stream().noneMatch(onMain::contains);
            problems.add("manifest " + manifestPath + " lacks required migration" + (one ? " " : "s ") + them
                    + " (required: in lanes.yml)" + (already ? ". Main's manifest lacked " + (one ? "it" : "them")
                    + " already, before this pass, so every pass is refused until it lists " + (one ? "it" : "them")
                    + ": add " + (one ? "it" : "them") + " on main (the migration file" + (one ? "" : "s") + " under "
                    + config.manifest().migrations() + " and " + (one ? "its line" : "their lines") + " in the "
                    + "manifest), or have a lane of this wave add " + (one ? "it" : "them") + " (the file"
                    + (one ? "" : "s") + ", then lane submit --manifest " + missing.get(0) + (one ? "" : " ...")
                    + " in its worktree), or take " + (one ? "it" : "them") + " out of required: in lanes.yml; "
                    + "then integrate again." : ""));
        }
        Map<String, String> versions = new LinkedHashMap<>();
        for (String path : config.versionFiles()) {
            Optional<String> text = access.readText(result, path);
            if (text.isPresent()) {
                try {
                    VersionFile.read(path, text.get()).ifPresent(v -> versions.put(path, v));
                } catch (LaneException unreadable) {
                    problems.add(unreadable.getMessage());
                }
            }
        }
        ProjectVersion inResult = new ProjectVersion(versions);
        if (inResult.disagree()) {
            problems.add(disagreement(inResult, baseTree));
        }
        for (String path : access.changedPaths(baseTree, result, surfaces::isWorkflow, surfaces::mayHoldSurfaces)) {
            access.readText(result, path).flatMap(text -> WorkflowCheck.problem(path, text))
                    .ifPresent(problems::add);
        }
        return problems;
    }
}
