package dev.lane.submit;

import dev.lane.config.LaneConfig;
import dev.lane.core.LaneException;
import dev.lane.integrate.SharedSurfaces;
import dev.lane.intent.BumpLevel;
import dev.lane.intent.BumpRequest;
import dev.lane.intent.Intents;
import dev.lane.intent.Manifest;
import dev.lane.intent.ProjectVersion;
import dev.lane.intent.VersionFile;
import dev.lane.intent.WorkflowEdit;
import dev.lane.repo.GitCli;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.semver4j.Semver;

/**
 * Finds what a lane did to the shared surfaces between its fork point and a tree, and turns it into intents.
 *
 * <p>Rules: manifest lines the lane added and migration files it added become manifest entries (removing a
 * manifest line is refused: entries can only be added; so is deleting or renaming away a migration file the
 * manifest of the lane's base lists, which would leave the manifest naming a missing file); a changed version
 * value becomes a bump request (a level if it is exactly the next patch/minor/major of the project's version at the
 * fork, the highest of its version files, else that explicit version;
 * any other change to a version file is refused); a changed or added workflow file becomes a workflow edit
 * (deleting one is refused). A change of a shared file's mode or kind (executable bit, symbolic link) is refused:
 * an intent carries text only.
 *
 * @param intents      the intents found
 * @param surfacePaths the shared-surface paths the lane changed (to be restored to their fork-point content)
 */
public record SurfaceChanges(Intents intents, List<String> surfacePaths) {

    /** @param listed the entries the manifest lists at {@code fork} */
    static SurfaceChanges detect(GitCli git, LaneConfig config, String fork, String tree, Set<String> listed) {
        List<Change> changes = changedPaths(git, fork, tree);
        SharedSurfaces shared = new SharedSurfaces(config);
        String manifestFile = config.manifest().file();
        LinkedHashSet<String> entries = new LinkedHashSet<>();
        List<WorkflowEdit> edits = new ArrayList<>();
        List<String> surfaces = new ArrayList<>();
        BumpRequest bump = null;
        String bumpSource = null;
        Semver projectVersion = null; // read once, on the first changed version file
        boolean versionRead = false;
        List<String> removedListed = new ArrayList<>();
        for (Change change : changes) {
            char status = change.status();
            String path = change.path();
            if (path.equals(manifestFile) || config.versionFiles().contains(path) || shared.isWorkflow(path)) {
                requireSameMode(change, fork);
            }
            if (path.equals(manifestFile)) {
                surfaces.add(path);
                entries.addAll(manifestAdditions(git, fork, tree, path, status));
            } else if (config.versionFiles().contains(path)) {
                surfaces.add(path);
                if (!versionRead) {
                    projectVersion = versionAt(git, config, fork);
                    versionRead = true;
                }
                BumpRequest found = versionChange(git, fork, tree, path, status, projectVersion);
                if (found != null && bump != null && !found.toString().equals(bump.toString())) {
                    throw LaneException.usage("version files disagree in this lane: " + bumpSource + " asks for "
                            + bump + " but " + path + " asks for " + found + "; make them the same, or restore them "
                            + "and pass --bump");
                }
                if (found != null) {
                    bump = found;
                    bumpSource = path;
                }
            } else if (shared.isWorkflow(path)) {
                if (status == 'D') {
                    throw LaneException.usage("the lane deletes the workflow file " + path + "; shared workflow files "
                            + "cannot be deleted from a lane: restore it (git checkout " + fork.substring(0, 12) + " -- "
                            + path + ")");
                }
                surfaces.add(path);
                edits.add(new WorkflowEdit(path, status == 'A' ? null : show(git, fork, path), show(git, tree, path)));
            } else if (status == 'A' && shared.isInMigrationsFolder(path)
                    && config.manifest().isMigration(shared.migrationName(path))) {
                entries.add(shared.migrationName(path));
            } else if (status == 'D' && shared.isInMigrationsFolder(path)
                    && listed.contains(shared.migrationName(path))) {
                removedListed.add(path);
            }
        }
        if (!removedListed.isEmpty()) {
            throw LaneException.usage("the lane deletes or renames " + String.join(", ", removedListed) + ", which "
                    + "the manifest " + manifestFile + " lists; a listed migration must stay, or the manifest names "
                    + "a missing file. Restore " + (removedListed.size() == 1 ? "it" : "them") + " (git checkout "
                    + fork.substring(0, 12) + " -- " + String.join(" ", removedListed) + "), put any change in a "
                    + "new migration instead, and submit again.");
        }
        return new SurfaceChanges(new Intents(List.copyOf(entries), bump, edits), surfaces);
    }

    /**
     * The version of the project at {@code treeish}: the highest its version files carry (the rule when they
     * disagree, {@link ProjectVersion}), or null if none has one.
     */
    static Semver versionAt(GitCli git, LaneConfig config, String treeish) {
        return ProjectVersion.read(config.versionFiles(), file -> showIfExists(git, treeish, file)).highest()
                .orElse(null);
    }

    /** The entries of the manifest at {@code treeish} (none if it has no manifest). */
    static Set<String> manifestAt(GitCli git, LaneConfig config, String treeish) {
        return new LinkedHashSet<>(Manifest.entries(showIfExists(git, treeish, config.manifest().file()).orElse("")));
    }

    /** The migration files (plain names) in the migrations folder of {@code tree}. */
    static Set<String> migrationFiles(GitCli git, LaneConfig config, String tree) {
        GitCli.Result r = git.run("ls-tree", "-z", tree + ":" + new SharedSurfaces(config).migrationsFolder());
        Set<String> names = new java.util.HashSet<>();
        if (!r.ok()) {
            return names; // no migrations folder in this tree: no migration files
        }
        for (String entry : r.out().split("\0")) {
            // "<mode> <type> <id>\t<name>": only a regular file is a migration, as the integrator reads it (a
            // symbolic link, folder or submodule of that name is not)
            int tab = entry.indexOf('\t');
            if (tab > 0 && entry.startsWith("100")) {
                names.add(entry.substring(tab + 1));
            }
        }
        return names;
    }

    private static List<String> manifestAdditions(GitCli git, String fork, String tree, String path, char status) {
        if (status == 'D') {
            throw LaneException.usage("the lane deletes the manifest " + path + "; manifest entries can only be added");
        }
        String baseText = status == 'A' ? "" : show(git, fork, path);
        String laneText = show(git, tree, path);
        List<String> before = Manifest.entries(baseText);
        List<String> after = Manifest.entries(laneText);
        // Sets for the look-ups: a manifest kept for years lists tens of thousands of entries, and a look-up in a list
        // per entry made this quadratic (a first submit against 40,000 entries took over 5 s).
        Set<String> inBefore = new HashSet<>(before);
        Set<String> inAfter = new HashSet<>(after);
        List<String> removed = before.stream().filter(e -> !inAfter.contains(e)).toList();
        if (!removed.isEmpty()) {
            throw LaneException.usage("the lane removes manifest entries " + String.join(", ", removed) + " from "
                    + path + "; manifest entries can only be added. Restore those lines and submit again.");
        }
        List<String> added = after.stream().filter(e -> !inBefore.contains(e)).toList();
        if (!Manifest.withoutEntries(laneText, added).equals(Manifest.withoutEntries(baseText, List.of()))) {
            throw LaneException.usage("the lane changes " + path + " beyond adding entries (comments, blank lines or "
                    + "order); those changes cannot travel through a lane and would be lost. Restore them, keep only "
                    + "the added entry lines, and submit again.");
        }
        return added;
    }

    /**
     * The bump request of a changed version file, read against the project's version at the fork ({@code
     * projectVersion}: the highest of the version files, the rule the integrator bumps by), not against the file's
     * own old value: so when the files disagree, one new version written to each asks for that one version, and a
     * file set to the version another file already carries asks for nothing new (refused by the validator).
     */
    private static BumpRequest versionChange(GitCli git, String fork, String tree, String path, char status,
                                             Semver projectVersion) {
        if (status != 'M') {
            throw LaneException.usage("the lane " + (status == 'D' ? "deletes" : "adds") + " the version file " + path
                    + "; a lane may only change its version value");
        }
        String baseText = show(git, fork, path);
        String laneText = show(git, tree, path);
        Optional<String> baseVersion = VersionFile.read(path, baseText);
        Optional<String> laneVersion = VersionFile.read(path, laneText);
        if (baseVersion.isEmpty() || laneVersion.isEmpty() || !VersionFile.onlyVersionChanged(path, baseText, laneText)) {
            throw LaneException.usage("the lane changes " + path + " beyond its version value; a version file is "
                    + "shared: only the version (and, in a .json file, the packages' copies of it) may change in a lane "
                    + "(it becomes a bump request). Restore the other lines and submit again.");
        }
        if (baseVersion.equals(laneVersion)) {
            return null;
        }
        Semver from = projectVersion != null ? projectVersion : Semver.parse(baseVersion.get());
        Semver to = Semver.parse(laneVersion.get());
        if (to == null) {
            throw LaneException.usage(path + ": the lane's version " + laneVersion.get() + " is not a semantic version");
        }
        Optional<BumpLevel> level = from == null ? Optional.empty() : BumpLevel.between(from, to);
        return level.map(BumpRequest::of).orElseGet(() -> BumpRequest.of(to));
    }

    /**
     * One file the lane changed.
     *
     * @param status  git's status letter (A, M, D, T)
     * @param path    the file
     * @param oldMode its mode at the fork point ({@code 000000} if it was absent)
     * @param newMode its mode in the lane's tree ({@code 000000} if it is gone)
     */
    private record Change(char status, String path, String oldMode, String newMode) {
    }

    /** The changes from {@code fork} to {@code tree}. */
    private static List<Change> changedPaths(GitCli git, String fork, String tree) {
        // --raw -z: ":<old mode> <new mode> <old id> <new id> <status>" NUL "<path>" NUL
        String[] parts = git.ok("diff", "--raw", "-z", "--no-renames", fork, tree).out().split("\0");
        List<Change> out = new ArrayList<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            String[] fields = parts[i].substring(1).split(" ");
            out.add(new Change(fields[4].charAt(0), parts[i + 1], fields[0], fields[1]));
        }
        return out;
    }

    /**
     * Refuses a change of mode or kind (an executable bit, a symbolic link) of a shared file, or one added as a link
     * or submodule: an intent carries only text, so the change could not land, and a restore would drop it without a
     * word.
     */
    private static void requireSameMode(Change change, String fork) {
        String from = change.oldMode();
        String to = change.newMode();
        String path = change.path();
        if (from.equals("000000") && (to.equals("120000") || to.equals("160000"))) {
            throw LaneException.usage("the lane adds " + path + " as a " + (to.equals("120000") ? "symbolic link"
                    : "submodule") + "; a shared file travels as an intent, which carries text only: add it as a "
                    + "regular file and submit again.");
        }
        if (from.equals(to) || from.equals("000000") || to.equals("000000")) {
            return;
        }
        String kind = switch (to) {
            case "120000" -> ", a symbolic link";
            case "160000" -> ", a submodule";
            default -> "";
        };
        throw LaneException.usage("the lane changes the mode of " + path + " (" + from + " -> " + to + kind + "); "
                + "a shared file travels as an intent, which carries its text, never its mode. Restore it (git checkout "
                + fork.substring(0, 12) + " -- " + path + ", then redo any text change) and submit again.");
    }

    static String show(GitCli git, String treeish, String path) {
        return git.ok("cat-file", "blob", treeish + ":" + path).out();
    }

    static Optional<String> showIfExists(GitCli git, String treeish, String path) {
        GitCli.Result r = git.run("cat-file", "blob", treeish + ":" + path);
        return r.ok() ? Optional.of(r.out()) : Optional.empty();
    }
}
