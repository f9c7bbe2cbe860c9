package dev.lane.integrate;

import dev.lane.support.CliRun;
import dev.lane.support.Git;
import dev.lane.support.JvmProcess;
import dev.lane.support.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The integrator's variant of the sample repository ({@link TestRepo} creates it, in {@code <temp>/repo}): three
 * migrations with a commented manifest, a pyproject.toml and server.json at 0.3.5 with other version-like fields
 * that must not move, a two-job deploy workflow, an eight-line src/app.txt for lanes to edit, driven through the
 * real CLI as agent {@code integrator}.
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

    private static final Map<String, String> AGENT_ENV = Map.of("LANE_AGENT", "integrator", "LANE_DEBUG", "1");

    public final Path root;
    public final Path repo;
    private final TestRepo sample;

    private WaveFixture(TestRepo sample) {
        this.sample = sample;
        this.root = sample.temp();
        this.repo = sample.root();
    }

    /** A fresh sample repository; {@code extraConfig} is appended to its lanes.yml. */
    public static WaveFixture create(Path tmp, String extraConfig) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("scripts/migrations/049_provenance_strengthen.sql", "-- 049\n");
        files.put("scripts/migrations/075_am_amendment_diff.sql", "-- 075\n");
        files.put("scripts/migrations/252_law_jorei_pref.sql", "-- 252\n");
        files.put(MANIFEST, "# boot allowlist\n049_provenance_strengthen.sql\n075_am_amendment_diff.sql\n"
                + "252_law_jorei_pref.sql\n");
        files.put("pyproject.toml", PYPROJECT);
        files.put("server.json", SERVER_JSON);
        files.put(".github/workflows/deploy.yml", DEPLOY);
        files.put("src/app.txt", APP);
        files.put("src/other.txt", "other\n");
        files.put(".gitignore", "tools/offline/_inbox/\n");
        files.put("lanes.yml", "worktree: " + tmp.resolve("wt-{wave}-{lane}") + "\n" + extraConfig);
        return new WaveFixture(TestRepo.create(tmp, "repo", files));
    }

    /** A fixture over a repository already at {@code root}/repo (a copy made by a test). */
    public static WaveFixture at(Path root) {
        return new WaveFixture(TestRepo.open(root, "repo"));
    }

    /**
     * A wave whose next pass a check refuses: lanes.yml requires migrations ({@code required}, one of which,
     * 090_law_article_body_en.sql, no manifest lists), and lane dimA of wave 45 is submitted.
     */
    public static WaveFixture refusedForAMissingMigration(Path tmp, String... required) {
        WaveFixture f = create(tmp, "manifest:\n  required: [" + String.join(", ", required) + "]\n");
        f.submitted("45", "dimA", "src/a.txt", "A\n");
        return f;
    }

    public static WaveFixture create(Path tmp) {
        return create(tmp, "");
    }

    /** Runs {@code lane args...} in {@code cwd} as agent {@code integrator}, with debug output. */
    public CliRun lane(Path cwd, String... args) {
        return CliRun.run(cwd, AGENT_ENV, args);
    }

    /** Claims a lane (as agent {@code agent-<lane>}) and returns its worktree. */
    public Path claim(String wave, String lane) {
        CliRun r = lane(repo, "claim", "--wave", wave, "--lane", lane, "--agent", "agent-" + lane).expect(0);
        return Path.of(r.out().strip());
    }

    /**
     * Claims {@code lane} of {@code wave}, writes {@code file} in its worktree and submits it (with {@code submitArgs},
     * such as {@code --bump patch}); returns the worktree.
     */
    public Path submitted(String wave, String lane, String file, String content, String... submitArgs) {
        Path worktree = claim(wave, lane);
        write(worktree, file, content);
        submit(worktree, submitArgs);
        return worktree;
    }

    /**
     * Lane dimB of wave 45 left behind a conflict: dimA landed "A" in src/app.txt while dimB submitted "B" there.
     * Returns dimB's worktree (a {@code lane sync} there stops on the conflict).
     */
    public Path laneConflictingWithMain() {
        Path a = claim("45", "dimA");
        Path b = claim("45", "dimB");
        write(a, "src/app.txt", "A\n");
        submit(a);
        integrate("--wave", "45").expect(0);
        write(b, "src/app.txt", "B\n");
        submit(b);
        return b;
    }

    /** Submits the lane whose worktree this is, committing all its changes with {@code -m}. */
    public CliRun submit(Path worktree, String... extra) {
        List<String> args = new ArrayList<>(List.of("submit", "-m", "work"));
        args.addAll(Arrays.asList(extra));
        return lane(worktree, args.toArray(String[]::new)).expect(0);
    }

    public CliRun integrate(String... args) {
        List<String> all = new ArrayList<>(List.of("integrate"));
        all.addAll(Arrays.asList(args));
        return lane(repo, all.toArray(String[]::new));
    }

    /**
     * Starts {@code lane integrate --wave wave} in another JVM, as {@code agent}, and returns once its check runs: the
     * wave's {@code check:} must create {@code started} first (then sleep). Stop it with {@link #killInCheck}.
     */
    public JvmProcess passInItsCheck(String wave, Path started, String agent) throws InterruptedException {
        JvmProcess pass = JvmProcess.lane("integrate", "--wave", wave).in(repo).logs(root.resolve("pass-logs"))
                .env("LANE_AGENT", agent).start();
        for (int i = 0; i < 600 && !Files.exists(started); i++) {
            Thread.sleep(50);
        }
        if (!Files.exists(started)) {
            pass.kill9();
            throw new AssertionError("the pass never reached its check");
        }
        return pass;
    }

    /** Kills a pass started by {@link #passInItsCheck} and its check's processes, orphaned by the kill. */
    public static void killInCheck(JvmProcess pass, Path started) {
        pass.kill9();
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(started.toString()))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Runs {@code lane integrate --wave <wave>} in a separate JVM that the LANE_CRASH_AT hook kills (exit 137) when
     * the pass reaches {@code step}; fails the test if it ends any other way.
     */
    public void integrateKilledAt(Step step, String wave) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                "dev.lane.cli.Main", "integrate", "--wave", wave).directory(repo.toFile());
        pb.environment().put(StepHook.CRASH_ENV, step.label());
        pb.environment().put("LANE_AGENT", "crashing-integrator");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 137) {
            throw new AssertionError("expected a crash at " + step.label() + ", got exit " + code + ": " + out);
        }
    }

    public void write(Path dir, String rel, String content) {
        TestRepo.write(dir, rel, content);
    }

    public String read(Path dir, String rel) {
        return TestRepo.read(dir, rel);
    }

    /**
     * Writes {@code file} (new or tracked) in the main checkout and commits it on main, with any other change to a
     * tracked file, as someone working on main directly would.
     */
    public void commitOnMain(String file, String content, String message) {
        write(repo, file, content);
        git(repo, "add", file);
        git(repo, "-c", "user.name=t", "-c", "user.email=t@lane.invalid", "commit", "-qam", message);
    }

    /** {@code lines} lines "word 1" to "word N": a text with room for edits git merges apart. */
    public static String numberedLines(String word, int lines) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            s.append(word).append(' ').append(i).append('\n');
        }
        return s.toString();
    }

    /** Runs git in {@code dir} and returns its stdout; fails the test if git fails. */
    public String git(Path dir, String... args) {
        return Git.ok(dir, args);
    }

    public String mainHead() {
        return sample.mainHead();
    }

    public String mainTree() {
        return sample.mainTree();
    }

    /** A file's content on main. */
    public String onMain(String path) {
        return sample.onMain(path);
    }

    /** Subjects of main's first-parent history, newest first. */
    public List<String> firstParentSubjects() {
        return sample.firstParentSubjects();
    }
}
