package dev.lane.cli;

import dev.lane.fs.SafeFiles;
import dev.lane.repo.GitCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run behind lane's start-up archive. {@code tools/lane} runs it once per jar and JVM with
 * {@code -XX:DumpLoadedClassList} and dumps the classes it lists into a static class-data-sharing archive, so the
 * archive holds every class that lane's commands load: later runs map those classes instead of loading, parsing and
 * verifying them from the jar.
 *
 * <p>It runs the real commands through {@link LaneCli} (help, version, usage errors, init, claim, a lost claim race,
 * submit with shared-file edits, a resubmission, integrate (dry run and real), sync, the ledger and its check,
 * status, release) against a throwaway repository in a fresh private temporary folder, which it deletes at the end.
 * It never reads or writes any other repository, prints nothing, and always exits 0: a step that fails only leaves
 * its classes out of the archive. A new command belongs in this run too.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    /** Runs the training; {@code --verbose} prints each step's exit code on stderr. */
    public static void main(String[] args) {
        // Loads the launcher's entry class so the archive holds it too: loading it from the jar would open and index
        // the whole jar (some 5,000 entries, in the interpreter) on every run; a class in the archive needs no jar.
        Class<?> entry = Main.class;
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("lane-training-");
            List<String> steps = train(tmp);
            if (args.length > 0 && args[0].equals("--verbose")) {
                steps.forEach(System.err::println);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: whatever ran is in the archive
        } finally {
            if (tmp != null) {
                try {
                    new GitCli(tmp.resolve("repo")).run("worktree", "prune");
                    SafeFiles.deleteTree(tmp);
                } catch (RuntimeException e) {
                    // a leftover temporary folder is harmless
                }
            }
        }
        System.exit(0);
    }

    /** Runs every step in {@code tmp}; returns one line per lane run: its exit code and arguments. */
    static List<String> train(Path tmp) throws IOException {
        List<String> steps = new ArrayList<>();
        Path repo = Files.createDirectory(tmp.resolve("repo"));
        Map<String, String> identity = Map.of(
                "GIT_AUTHOR_NAME", "lane-training", "GIT_AUTHOR_EMAIL", "training@lane.invalid",
                "GIT_COMMITTER_NAME", "lane-training", "GIT_COMMITTER_EMAIL", "training@lane.invalid");
        GitCli git = new GitCli(repo).withEnv(identity);
        git.ok("init", "-q", "-b", "main");
        write(repo.resolve("README.md"), "training repository\n");
        write(repo.resolve("pyproject.toml"), "[project]\nname = \"training\"\nversion = \"0.1.0\"\n");
        write(repo.resolve("server.json"), "{\n  \"name\": \"training\",\n  \"version\": \"0.1.0\"\n}\n");
        write(repo.resolve("scripts/migrations/001_init.sql"), "select 1;\n");
        write(repo.resolve("scripts/migrations/autonomath_boot_manifest.txt"), "001_init.sql\n");
        write(repo.resolve(".github/workflows/deploy.yml"),
                "name: deploy\non:\n  push:\n  workflow_dispatch:\njobs: {}\n");
        lane(steps, repo, "--version");
        lane(steps, repo, "--help");
        lane(steps, repo, "claim", "--help");
        lane(steps, repo, "no-such-command");
        lane(steps, repo, "claim", "--wave", "t", "--lane", "../bad");
        lane(steps, repo, "init");
        write(repo.resolve("lanes.yml"), "worktree: " + tmp.resolve("wt-{wave}-{lane}") + "\n"
                + "manifest:\n  required: [001_init.sql]\n");
        git.ok("add", "-A");
        git.ok("commit", "-q", "-m", "training repository");
        git.ok("pack-refs", "--all"); // refs read from packed-refs too, as in any clone

        lane(steps, repo, "claim", "--wave", "t", "--lane", "a", "--agent", "trainer");
        lane(steps, repo, "--json", "claim", "--wave", "t", "--lane", "b", "--agent", "trainer");
        lane(steps, repo, "claim", "--wave", "t", "--lane", "a", "--agent", "other");
        Path worktree = tmp.resolve("wt-t-a");
        write(worktree.resolve("feature.txt"), "work\n");
        write(worktree.resolve("scripts/migrations/002_feature.sql"), "select 2;\n");
        Files.writeString(worktree.resolve("scripts/migrations/autonomath_boot_manifest.txt"),
                "001_init.sql\n002_feature.sql\n", StandardCharsets.UTF_8);
        write(worktree.resolve("pyproject.toml"), "[project]\nname = \"training\"\nversion = \"0.2.0\"\n");
        write(worktree.resolve("server.json"), "{\n  \"name\": \"training\",\n  \"version\": \"0.2.0\"\n}\n");
        write(worktree.resolve(".github/workflows/deploy.yml"),
                "name: deploy\non:\n  push:\n  workflow_dispatch:\njobs:\n  build:\n    runs-on: x\n");
        lane(steps, worktree, "submit", "-m", "training work");
        lane(steps, worktree, "--json", "submit", "--bump", "patch");
        // A second lane with work in a folder the first also changed: its merge is a real three-way merge of trees.
        write(worktree.resolve("src/a.txt"), "a\n");
        lane(steps, worktree, "submit", "-m", "more training work");
        Path second = tmp.resolve("wt-t-b");
        write(second.resolve("src/b.txt"), "b\n");
        lane(steps, second, "submit", "-m", "training work of b");
        lane(steps, repo, "integrate", "--wave", "t", "--dry-run");
        lane(steps, repo, "integrate", "--wave", "t", "--agent", "trainer");
        lane(steps, second, "sync");
        lane(steps, repo, "ledger");
        lane(steps, repo, "ledger", "--json", "--wave", "t");
        lane(steps, repo, "ledger", "--verify");
        lane(steps, repo, "status");
        lane(steps, repo, "--json", "status");
        lane(steps, repo, "--json", "release", "--wave", "t", "--lane", "b", "--agent", "trainer");
        lane(steps, repo, "release", "--wave", "t", "--lane", "a", "--agent", "trainer", "--force");
        return steps;
    }

    private static void lane(List<String> steps, Path cwd, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("LANE_AGENT", "trainer");
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        String code;
        try {
            code = String.valueOf(LaneCli.run(new CliContext(cwd, Map.copyOf(env), Clock.systemUTC(), nowhere,
                    nowhere), args));
        } catch (RuntimeException e) {
            code = "threw " + e; // a failing step only leaves its classes out of the archive
        }
        steps.add(code + " lane " + String.join(" ", args));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
