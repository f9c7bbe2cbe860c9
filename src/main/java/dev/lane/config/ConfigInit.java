package dev.lane.config;

import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import dev.lane.repo.GitCli;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** {@code lane init}: writes a commented {@code lanes.yml} with the defaults and keeps the inbox out of git. */
public final class ConfigInit {
    private ConfigInit() {
    }

    /** What init did; {@code main} is the branch it wrote as {@code main:}. */
    public record Result(Path configFile, boolean gitignoreUpdated, String main) {
    }

    public static Result init(Path repoRoot) {
        Path file = repoRoot.resolve(ConfigLoader.FILE_NAME);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw LaneException.refused(file + " already exists; edit it, or delete it and run lane init again");
        }
        LaneConfig d = LaneConfig.defaults();
        String main = mainBranch(new GitCli(repoRoot), d.main());
        SafeFiles.writeAtomically(file, template(d, main));
        Path gitignore = repoRoot.resolve(".gitignore");
        Optional<String> current = SafeFiles.readIfExists(gitignore);
        String line = "/" + d.inbox() + "/";
        boolean present = current.map(t -> t.lines().anyMatch(l -> l.strip().equals(line)
                || l.strip().equals(d.inbox()) || l.strip().equals(d.inbox() + "/"))).orElse(false)
                || new GitCli(repoRoot).run("check-ignore", "-q", d.inbox() + "/").ok(); // /tools/, say
        if (!present) {
            String text = current.orElse("");
            String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            SafeFiles.writeAtomically(gitignore, text + sep + "# lane: claims, intents and ledgers (local state)\n"
                    + line + "\n");
        }
        return new Result(file, !present, main);
    }

    /**
     * The branch to write as {@code main:}: the default if the repository has a branch of that name (or none at all,
     * or a detached HEAD), else the branch the main checkout is on, so that in a repository whose main line is
     * {@code master} or {@code trunk} the file works as written instead of stopping every command.
     */
    private static String mainBranch(GitCli git, String fallback) {
        if (git.run("rev-parse", "--verify", "-q", "refs/heads/" + fallback).ok()) {
            return fallback;
        }
        GitCli.Result head = git.run("symbolic-ref", "-q", "--short", "HEAD");
        return head.ok() && !head.line().isEmpty() ? head.line() : fallback;
    }

    static String template(LaneConfig d, String main) {
        return """
                # lanes.yml: configuration of `lane` for this repository. Every key is optional; the values
                # below are the defaults. Reference: docs/config.md.

                # Folder of claims, intents and wave ledgers (relative to the repository root).
                inbox: %s

                # Where a lane's worktree goes. {repo} is this checkout's folder name, {wave} and {lane} the names.
                worktree: /tmp/{repo}-{wave}-{lane}

                # The branch a lane works on.
                branch: lane/{wave}/{lane}

                # The branch lanes start from and are integrated into.
                main: %s

                # The migration manifest: lanes never edit it textually, their entries become intents.
                manifest:
                  file: %s
                  migrations: %s
                  required: []          # migrations the manifest must always list (checked by the integrator)
                  pattern: "*.sql"      # which new files in the migrations folder are migrations

                # Files carrying the project version: one bump per wave, applied to all of them.
                versionFiles: [pyproject.toml, server.json]

                # CI workflow files (globs): lane edits become three-way-merged intents.
                workflows: [".github/workflows/*.yml"]

                # A command the integrator runs on the result before main moves (null: none).
                check: null

                # How long one run of the check may take; past it the run is stopped and counts as failed.
                checkTimeout: 30m
                """.formatted(d.inbox(), main, d.manifest().file(), d.manifest().migrations());
    }
}
