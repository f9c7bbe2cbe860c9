package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lane.cli.CliContext;
import dev.lane.cli.LaneCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real repository shaped like the one in the brief (migrations with a manifest, pyproject.toml and server.json
 * at 0.3.5, a deploy workflow, some code), in a temp folder, driven through the real CLI.
 */
public final class WaveFixture {
    public static final String MANIFEST = "scripts/migrations/autonomath_boot_manifest.txt";
    public static final String PYPROJECT = """
            # the project
            [project]
            name = "demo"   # keep this comment
            version = "0.3.5"
            dependencies = ["a>=1.0"]

            [tool.other]
            version = "9.9.9"
            """;
    public static final String SERVER_JSON = """
            {
              "name": "demo",
              "version": "0.3.5",
              "tools": [ "search",  "fetch" ],
              "nested": { "version": "1.0.0" }
            }
            """;
    public static final String DEPLOY = """
            name: deploy
            on:
              push:
                branches: [main]
              workflow_dispatch:
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: make build
                  - run: make test
              deploy:
                needs: build
                runs-on: ubuntu-latest
                steps:
                  - run: echo deploying
                  - run: make deploy
                  - run: make smoke
            """;
    public static final String APP = "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n";

    public final Path root;
    public final Path repo;

    private WaveFixture(Path root) {
        this.root = root;
        this.repo = root.resolve("repo");
    }

    /** A fresh sample repository; {@code extraConfig} is appended to its lanes.yml. */
    public static WaveFixture create(Path tmp, String extraConfig) {
        WaveFixture f = new WaveFixture(tmp);
        try {
            Files.createDirectories(f.repo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        f.git(f.repo, "init", "-q", "-b", "main");
        f.write(f.repo, "scripts/migrations/049_provenance_strengthen.sql", "-- 049\n");
        f.write(f.repo, "scripts/migrations/075_am_amendment_diff.sql", "-- 075\n");
        f.write(f.repo, "scripts/migrations/252_law_jorei_pref.sql", "-- 252\n");
        f.write(f.repo, MANIFEST, "# boot allowlist\n049_provenance_strengthen.sql\n075_am_amendment_diff.sql\n"
                + "252_law_jorei_pref.sql\n");
        f.write(f.repo, "pyproject.toml", PYPROJECT);
        f.write(f.repo, "server.json", SERVER_JSON);
        f.write(f.repo, ".github/workflows/deploy.yml", DEPLOY);
        f.write(f.repo, "src/app.txt", APP);
        f.write(f.repo, "src/other.txt", "other\n");
        f.write(f.repo, ".gitignore", "tools/offline/_inbox/\n");
        f.write(f.repo, "lanes.yml", "worktree: " + tmp.resolve("wt-{wave}-{lane}") + "\n" + extraConfig);
        f.git(f.repo, "add", "-A");
        f.git(f.repo, "commit", "-q", "-m", "initial");
        return f;
    }

    /** A fixture over a repository already at {@code root}/repo (a copy made by a test). */
    public static WaveFixture at(Path root) {
        return new WaveFixture(root);
    }

    public static WaveFixture create(Path tmp) {
        return create(tmp, "");
    }

    /** The outcome of one CLI run. */
    public record Run(int code, String out, String err) {
        public Run expect(int expected) {
            assertEquals(expected, code, "exit code; stdout:\n" + out + "\nstderr:\n" + err);
            return this;
        }
    }

    public Run lane(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(cwd, Map.of("LANE_AGENT", "integrator", "LANE_DEBUG", "1"), Clock.systemUTC(),
                new PrintWriter(out), new PrintWriter(err));
        int code = LaneCli.run(ctx, args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Claims a lane (as agent {@code agent-<lane>}) and returns its worktree. */
    public Path claim(String wave, String lane) {
        Run r = lane(repo, "claim", "--wave", wave, "--lane", lane, "--agent", "agent-" + lane).expect(0);
        return Path.of(r.out().strip());
    }

    /** Submits the lane whose worktree this is, committing all its changes with {@code -m}. */
    public Run submit(Path worktree, String... extra) {
        List<String> args = new ArrayList<>(List.of("submit", "-m", "work"));
        args.addAll(Arrays.asList(extra));
        return lane(worktree, args.toArray(String[]::new)).expect(0);
    }

    public Run integrate(String... args) {
        List<String> all = new ArrayList<>(List.of("integrate"));
        all.addAll(Arrays.asList(args));
        return lane(repo, all.toArray(String[]::new));
    }

    public void write(Path dir, String rel, String content) {
        try {
            Path p = dir.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(Path dir, String rel) {
        try {
            return Files.readString(dir.resolve(rel), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs git with a fixed identity; fails the test if git fails. */
    public String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=test",
                "-c", "user.email=test@lane.invalid"));
        cmd.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            if (code != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " failed (" + code + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String mainHead() {
        return git(repo, "rev-parse", "refs/heads/main").strip();
    }

    public String mainTree() {
        return git(repo, "rev-parse", "refs/heads/main^{tree}").strip();
    }

    /** A file's content on main. */
    public String onMain(String path) {
        return git(repo, "show", "refs/heads/main:" + path);
    }

    /** Subjects of main's first-parent history, newest first. */
    public List<String> firstParentSubjects() {
        return Arrays.asList(git(repo, "log", "--first-parent", "--format=%s", "refs/heads/main").strip().split("\n"));
    }
}
