package dev.lane.integrate;

import dev.lane.config.LaneConfig;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Which paths of the repository are shared surfaces: the manifest file, the version files, and files matching the
 * workflow globs. A lane's branch must never change them (submit moves such edits into intents); migration files
 * themselves are ordinary code and travel in the branch (but one the manifest lists must not be removed by it).
 */
public final class SharedSurfaces {
    private final String manifest;
    private final List<String> versionFiles;
    private final List<PathMatcher> workflows;
    /** Folders that hold a named surface file (the manifest's, each version file's; "" for the top). */
    private final List<String> fileFolders;
    /** The fixed folder part of each workflow glob (before its first wildcard): matches are at or below it. */
    private final List<String> globFolders;
    /** The migrations folder, without a trailing slash. */
    private final String migrations;

    public SharedSurfaces(LaneConfig config) {
        this.manifest = config.manifest().file();
        this.versionFiles = config.versionFiles();
        this.workflows = config.workflows().stream()
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
        List<String> files = new ArrayList<>(versionFiles);
        files.add(manifest);
        this.fileFolders = files.stream().map(SharedSurfaces::folderOf).toList();
        this.globFolders = config.workflows().stream().map(SharedSurfaces::fixedFolderOf).toList();
        String folder = config.manifest().migrations();
        this.migrations = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    }

    /** The migrations folder (no trailing slash). */
    public String migrationsFolder() {
        return migrations;
    }

    /** The path of the migration file a manifest entry names. */
    public String migrationPath(String entry) {
        return migrations + "/" + entry;
    }

    /** Whether {@code path} lies directly in the migrations folder (where the files manifest entries name are). */
    public boolean isInMigrationsFolder(String path) {
        return path.startsWith(migrations + "/") && path.indexOf('/', migrations.length() + 1) < 0;
    }

    /** The file name of a path in the migrations folder (the manifest entry that would name it). */
    public String migrationName(String path) {
        return path.substring(migrations.length() + 1);
    }

    /** Whether the migrations folder may lie inside {@code folder} (a path without a trailing slash). */
    public boolean mayHoldMigrations(String folder) {
        return isAtOrAbove(folder, migrations);
    }

    /**
     * Whether a surface may lie inside {@code folder} (a path in the repository, without a trailing slash): so a
     * walk looking for changed surfaces need not open any other folder. True for a folder on the way to a named
     * surface file, and for a folder on the way to, or anywhere below, a workflow glob's fixed part.
     */
    public boolean mayHoldSurfaces(String folder) {
        return fileFolders.stream().anyMatch(f -> isAtOrAbove(folder, f))
                || globFolders.stream().anyMatch(g -> isAtOrAbove(folder, g) || isAtOrAbove(g, folder));
    }

    /** Whether {@code a} is {@code b} or one of its parent folders ("" is above everything). */
    private static boolean isAtOrAbove(String a, String b) {
        return a.isEmpty() || a.equals(b) || b.startsWith(a + "/");
    }

    private static String folderOf(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    private static String fixedFolderOf(String glob) {
        int wild = glob.length();
        for (char c : new char[] {'*', '?', '[', '{', '\\'}) {
            int i = glob.indexOf(c);
            if (i >= 0 && i < wild) {
                wild = i;
            }
        }
        return folderOf(glob.substring(0, wild));
    }

    public boolean contains(String path) {
        return path.equals(manifest) || versionFiles.contains(path) || isWorkflow(path);
    }

    public boolean isWorkflow(String path) {
        Path p = Path.of(path);
        return workflows.stream().anyMatch(m -> m.matches(p));
    }
}
