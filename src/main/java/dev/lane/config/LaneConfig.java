package dev.lane.config;

import java.time.Duration;
import java.util.List;

/**
 * Where things live and which files are shared, for one repository. Every field has a default that fits a
 * repository laid out like the one in the brief, so no {@code lanes.yml} is needed; see {@code docs/config.md}.
 *
 * @param inbox        the inbox folder, relative to the main checkout
 * @param worktree     template of a lane's worktree path ({repo}, {wave}, {lane}); relative paths are taken from
 *                     the main checkout
 * @param branch       template of a lane's branch name ({wave}, {lane})
 * @param main         the branch lanes start from and integrate into
 * @param manifest     the migration manifest
 * @param versionFiles files that carry the project's version
 * @param workflows    glob patterns of CI workflow files
 * @param check        a command the integrator runs on the result before main moves, or null
 * @param checkTimeout how long one run of {@code check} may take before it is stopped and counts as failed
 */
public record LaneConfig(
        String inbox,
        String worktree,
        String branch,
        String main,
        Manifest manifest,
        List<String> versionFiles,
        List<String> workflows,
        String check,
        Duration checkTimeout) {

    /**
     * The migration manifest.
     *
     * @param file       the manifest file, listing one migration file name per line
     * @param migrations the folder holding the migration files
     * @param required   migrations the manifest must always list (checked by the integrator)
     * @param pattern    glob of the file names in {@code migrations} that are migrations (others, like a README,
     *                   never become manifest entries)
     */
    public record Manifest(String file, String migrations, List<String> required, String pattern) {
        public Manifest {
            required = List.copyOf(required);
        }

        /** Whether a file name in the migrations folder is a migration. */
        public boolean isMigration(String fileName) {
            return java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + pattern)
                    .matches(java.nio.file.Path.of(fileName));
        }
    }

    public LaneConfig {
        versionFiles = List.copyOf(versionFiles);
        workflows = List.copyOf(workflows);
    }

    /**
     * Why an inbox must be a folder of its own, and what one looks like: the end of every refusal of an inbox
     * (lanes.yml refuses {@code /}, {@code .} and git's folder when it loads; the workspace what needs the checkout's
     * path to see).
     */
    public static String inboxRule() {
        return "lane takes every folder in the inbox for a wave, so it must be a folder of its own, like "
                + defaults().inbox();
    }

    public static LaneConfig defaults() {
        return new LaneConfig(
                "tools/offline/_inbox",
                "/tmp/{repo}-{wave}-{lane}",
                "lane/{wave}/{lane}",
                "main",
                new Manifest("scripts/migrations/autonomath_boot_manifest.txt", "scripts/migrations", List.of(), "*.sql"),
                List.of("pyproject.toml", "server.json"),
                List.of(".github/workflows/*.yml"),
                null,
                Duration.ofMinutes(30));
    }
}
