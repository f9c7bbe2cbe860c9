package dev.lane.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real git repository shaped like the one in the brief, in a test's temp folder:
 *
 * <pre>
 * &lt;temp&gt;/jpcite/                        the main checkout (branch main, one commit)
 *   scripts/migrations/autonomath_boot_manifest.txt + the migrations it lists
 *   pyproject.toml, server.json          both at version 0.3.5
 *   .github/workflows/deploy.yml         with a workflow_dispatch trigger
 *   lanes.yml                            worktree: &lt;temp&gt;/wt-{wave}-{lane}
 *   .gitignore                           ignores the inbox
 * &lt;temp&gt;/wt-&lt;wave&gt;-&lt;lane&gt;/             where lane puts worktrees (never the shared /tmp)
 * </pre>
 */
public final class TestRepo {
    public static final String VERSION = "0.3.5";
    public static final String MANIFEST = "scripts/migrations/autonomath_boot_manifest.txt";
    public static final String INBOX = "tools/offline/_inbox";
    public static final String DEPLOY = ".github/workflows/deploy.yml";
    public static final String PYPROJECT = "[project]\nname = \"jpcite\"\nversion = \"" + VERSION + "\"\n";
    public static final String SERVER_JSON = "{\n  \"name\": \"jpcite\",\n  \"version\": \"" + VERSION + "\"\n}\n";
    public static final String WORKFLOW = """
            name: deploy
            on:
              push:
                branches: [main]
              workflow_dispatch:
            jobs:
              deploy:
                runs-on: ubuntu-latest
                steps:
                  - run: echo deploy
            """;

    private final Path temp;
    private final Path root;

    private TestRepo(Path temp, Path root) {
        this.temp = temp;
        this.root = root;
    }

    /** Creates the repository under {@code temp} (a JUnit {@code @TempDir}). */
    public static TestRepo create(Path temp) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(MANIFEST, "049_provenance_strengthen.sql\n075_am_amendment_diff.sql\n");
        files.put("scripts/migrations/049_provenance_strengthen.sql", "-- 049\nSELECT 1;\n");
        files.put("scripts/migrations/075_am_amendment_diff.sql", "-- 075\nSELECT 1;\n");
        files.put("pyproject.toml", PYPROJECT);
        files.put("server.json", SERVER_JSON);
        files.put(DEPLOY, WORKFLOW);
        files.put("src/app.py", "print('hello')\n");
        files.put(".gitignore", "/" + INBOX + "/\n");
        files.put("lanes.yml", defaultConfig(temp));
        return create(temp, "jpcite", files);
    }

    /**
     * Creates a repository in {@code temp/folder} holding exactly {@code files} (relative path to content; a
     * variant of the sample, lanes.yml included) on branch main, in one commit "initial".
     */
    public static TestRepo create(Path temp, String folder, Map<String, String> files) {
        TestRepo repo = open(temp, folder);
        files.forEach(repo::write);
        Git.ok(temp, "init", "-q", "-b", "main", repo.root.toString());
        Git.ok(repo.root, "add", "-A");
        Git.ok(repo.root, "commit", "-q", "-m", "initial");
        return repo;
    }

    /** A repository that already exists in {@code temp/folder} (a copy a test made, say). */
    public static TestRepo open(Path temp, String folder) {
        return new TestRepo(temp, temp.resolve(folder));
    }

    /** The lanes.yml the repository starts with: only {@code worktree:}, pointing into the temp folder. */
    public String defaultConfig() {
        return defaultConfig(temp);
    }

    private static String defaultConfig(Path temp) {
        return "worktree: '" + temp + "/wt-{wave}-{lane}'\n";
    }

    /** Replaces lanes.yml (not committed). */
    public void writeConfig(String yaml) {
        write("lanes.yml", yaml);
    }

    public Path root() {
        return root;
    }

    public Path temp() {
        return temp;
    }

    public Path worktree(String wave, String lane) {
        return temp.resolve("wt-" + wave + "-" + lane);
    }

    public String branch(String wave, String lane) {
        return "lane/" + wave + "/" + lane;
    }

    public Path inbox() {
        return root.resolve(INBOX);
    }

    public Path waveDir(String wave) {
        return inbox().resolve(wave);
    }

    public Path claimDir(String wave, String lane) {
        return waveDir(wave).resolve(lane);
    }

    public Path ledger(String wave) {
        return waveDir(wave).resolve("AGENT_LEDGER.md");
    }

    /** Runs {@code lane args...} in this JVM from the main checkout. */
    public CliRun lane(String... args) {
        return CliRun.run(root, args);
    }

    /** Runs {@code lane args...} in this JVM from {@code cwd}. */
    public CliRun laneIn(Path cwd, String... args) {
        return CliRun.run(cwd, args);
    }

    /** Runs git in the main checkout and returns stdout; fails the test if git fails. */
    public String git(String... args) {
        return Git.ok(root, args);
    }

    /** The short names of all local branches, sorted. */
    public List<String> branches() {
        return lines(git("for-each-ref", "--format=%(refname:short)", "refs/heads/"));
    }

    /** The commit main points at. */
    public String mainHead() {
        return git("rev-parse", "refs/heads/main").strip();
    }

    /** The tree main points at. */
    public String mainTree() {
        return git("rev-parse", "refs/heads/main^{tree}").strip();
    }

    /** A file's content on main. */
    public String onMain(String path) {
        return git("show", "refs/heads/main:" + path);
    }

    /** Subjects of main's first-parent history, newest first. */
    public List<String> firstParentSubjects() {
        return Arrays.asList(git("log", "--first-parent", "--format=%s", "refs/heads/main").strip().split("\n"));
    }

    /** Every worktree git knows, main checkout first, as {@code git worktree list --porcelain} reports them. */
    public List<Path> worktrees() {
        return lines(git("worktree", "list", "--porcelain")).stream()
                .filter(l -> l.startsWith("worktree "))
                .map(l -> Path.of(l.substring("worktree ".length())))
                .toList();
    }

    /** Folders under the temp folder that look like lane worktrees ({@code wt-*}), sorted. */
    public List<Path> worktreeFolders() {
        try (var s = Files.list(temp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("wt-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String relative, String content) {
        write(root, relative, content);
    }

    /** Writes a file under any folder (a lane's worktree, say), creating its parent folders. */
    public static void write(Path base, String relative, String content) {
        try {
            Path file = base.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file under any folder (a lane's worktree, say). */
    public static String read(Path base, String relative) {
        try {
            return Files.readString(base.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
