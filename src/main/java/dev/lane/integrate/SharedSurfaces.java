package dev.lane.integrate;

import dev.lane.config.LaneConfig;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Which paths of the repository are shared surfaces: the manifest file, the version files, and files matching the
 * workflow globs. A lane's branch must never change them (submit moves such edits into intents); migration files
 * themselves are ordinary code and travel in the branch.
 */
public final class SharedSurfaces {
    private final String manifest;
    private final List<String> versionFiles;
    private final List<PathMatcher> workflows;

    public SharedSurfaces(LaneConfig config) {
        this.manifest = config.manifest().file();
        this.versionFiles = config.versionFiles();
        this.workflows = config.workflows().stream()
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
    }

    public boolean contains(String path) {
        return path.equals(manifest) || versionFiles.contains(path) || isWorkflow(path);
    }

    public boolean isWorkflow(String path) {
        Path p = Path.of(path);
        return workflows.stream().anyMatch(m -> m.matches(p));
    }
}
