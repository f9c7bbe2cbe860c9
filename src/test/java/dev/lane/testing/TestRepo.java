package dev.lane.testing;

import dev.lane.cli.CliContext;
import dev.lane.cli.LaneCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real git repository in a temp folder, shaped like the one in the brief: a migration manifest with its
 * migrations, pyproject.toml and server.json at 0.3.5, and a deploy workflow. Its lanes.yml puts worktrees inside
 * the temp folder so tests never collide in /tmp. Runs the real CLI in-process.
 */
public final class TestRepo {
    public static final String MANIFEST = "scripts/migrations/autonomath_boot_manifest.txt";
    public static final String DEPLOY = ".github/workflows/deploy.yml";
    public static final String PYPROJECT = "[project]\nname = \"jpcite\"\nversion = \"0.3.5\"  # keep in sync\n"
            + "dependencies = [\"fastapi\"]\n";
    public static final String SERVER_JSON = "{\n  \"name\": \"jpcite\",\n  \"version\": \"0.3.5\",\n  \"tools\": []\n}\n";
    public static final String WORKFLOW = """
            name: deploy
            on:
              push:
                branches: [main]
              workflow_dispatch:
            concurrency: deploy
            jobs:
              deploy:
                runs-on: ubuntu-latest
                steps:
                  - run: ./deploy.sh
            """;

    private final Path root;
    private final Path dir;

    private TestRepo(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    /** Creates {@code <tmp>/jpcite} with one commit on main, and a lanes.yml putting worktrees in {@code <tmp>/wt}. */
    public static TestRepo create(Path tmp) throws IOException {
        Path dir = tmp.resolve("jpcite");
        Files.createDirectories(dir);
        TestRepo repo = new TestRepo(tmp, dir);
        repo.git("init", "-q", "-b", "main");
        repo.write(MANIFEST, "001_init.sql\n049_provenance_strengthen.sql\n");
        repo.write("scripts/migrations/001_init.sql", "create table a(x int);\n");
        repo.write("scripts/migrations/049_provenance_strengthen.sql", "alter table a add y int;\n");
        repo.write("pyproject.toml", PYPROJECT);
        repo.write("server.json", SERVER_JSON);
        repo.write(DEPLOY, WORKFLOW);
        repo.write("app/main.py", "print('hello')\n");
        repo.write("lanes.yml", "worktree: " + tmp.resolve("wt") + "/{repo}-{wave}-{lane}\n");
        repo.write(".gitignore", "/tools/offline/_inbox/\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "initial");
        return repo;
    }

    public Path dir() {
        return dir;
    }

    public Path tmp() {
        return root;
    }

    public Path inbox() {
        return dir.resolve("tools/offline/_inbox");
    }

    public Path worktree(String wave, String lane) {
        return root.resolve("wt").resolve("jpcite-" + wave + "-" + lane);
    }

    public void write(String path, String content) throws IOException {
        write(dir, path, content);
    }

    public static void write(Path base, String path, String content) throws IOException {
        Path file = base.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** The result of one CLI run. */
    public record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code lane args...} in the main checkout. */
    public Run lane(String... args) {
        return laneIn(dir, args);
    }

    /** Runs {@code lane args...} in {@code cwd}, with agent "tester" and no git identity configured. */
    public Run laneIn(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("LANE_AGENT", "tester");
        int code = LaneCli.run(new CliContext(cwd, env, Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err)),
                args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs git in the main checkout and returns its stdout; fails the test if git fails. */
    public String git(String... args) {
        return gitIn(dir, args);
    }

    /** Runs git in {@code cwd} with a fixed test identity and returns stdout; throws if git fails. */
    public static String gitIn(Path cwd, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", cwd.toString(), "-c", "user.name=Test",
                "-c", "user.email=test@example.invalid"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " failed in " + cwd + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A listing of every file under the inbox (paths relative to it), to prove a refused command changed nothing. */
    public List<String> inboxListing() throws IOException {
        if (!Files.exists(inbox())) {
            return List.of();
        }
        try (var walk = Files.walk(inbox())) {
            return walk.map(p -> inbox().relativize(p) + (Files.isDirectory(p) ? "/" : " " + size(p))).sorted().toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
