package dev.lane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lane.support.Git;
import dev.lane.support.TestRepo;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code tools/lane} run from a current folder that was deleted (a lane's worktree after
 * {@code lane release} run inside it): the JVM cannot start there, so the launcher either runs from the absolute
 * {@code --repo} or says what happened, instead of the JVM's own error on stdout.
 *
 * <p>The launcher runs for real (bash, then the real JVM and lane), from a copy in a checkout-shaped folder whose
 * {@code target/lane.jar} only names this test run's class path, so the test never builds the project.
 */
class LauncherDeletedFolderTest {
    @TempDir
    Path temp;

    private TestRepo repo;
    private Path launcher;

    @BeforeEach
    void setUp() throws IOException {
        repo = TestRepo.create(temp);
        repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1").expect(0);
        Path checkout = temp.resolve("checkout");
        launcher = Files.createDirectories(checkout.resolve("tools")).resolve("lane");
        Files.copy(Path.of("tools", "lane"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        writeClassPathJar(Files.createDirectories(checkout.resolve("target")).resolve("lane.jar"));
    }

    @Test
    void fromADeletedFolderWithAnAbsoluteRepoTheCommandRunsInThatRepository() throws Exception {
        Run r = fromDeletedFolder("--json", "--repo", repo.root().toString(), "status");

        assertEquals(0, r.exitCode(), r::toString);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("dimA", doc.get("waves").get(0).get("lanes").get(0).get("lane").asText(), r::toString);
        assertFalse(r.err().contains("Error occurred during initialization of VM"), r::toString);
    }

    @Test
    void fromADeletedFolderWithoutRepoLaneSaysTheFolderIsGoneAndExits2() throws Exception {
        Run r = fromDeletedFolder("status");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("lane: the current folder no longer exists (" + temp.resolve("gone")
                + "); cd to the repository, or give an absolute path with --repo DIR"), r::toString);
        assertEquals("", r.out(), "nothing on stdout, least of all the JVM's error");
    }

    @Test
    void fromADeletedFolderWithARelativeRepoAndJsonTheErrorIsTheUsualJsonDocument() throws Exception {
        Run r = fromDeletedFolder("--json", "--repo", "jpcite", "status");

        assertEquals(2, r.exitCode(), r::toString);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("usage", doc.get("error").asText());
        assertEquals(2, doc.get("exitCode").asInt());
        assertTrue(doc.get("message").asText().startsWith("the current folder no longer exists ("), r::toString);
        assertTrue(r.err().contains("lane: the current folder no longer exists"), r::toString);
    }

    @Test
    void fromADeletedFolderInitAndDemoRefuseRelativePathsInsteadOfResolvingThemAgainstTheRoot() throws Exception {
        Run init = fromDeletedFolder("init");
        Run demo = fromDeletedFolder("demo", "--dir", "mydemo");

        assertEquals(2, init.exitCode(), init::toString);
        assertTrue(init.err().contains("the current folder no longer exists"), init::toString);
        assertEquals(2, demo.exitCode(), demo::toString);
        assertTrue(demo.err().contains("the current folder no longer exists") && demo.err().contains("give an "
                + "absolute path with --dir"), demo::toString);
        assertFalse(Files.exists(Path.of("/mydemo")));
    }

    @Test
    void fromADeletedFolderSubmitWithAnAbsoluteRepoDoesNotTakeThatFolderForTheLanesWorktree() throws Exception {
        Path worktree = repo.worktree("45", "dimA");
        TestRepo.write(worktree, "src/not-mine.txt", "x\n");

        Run r = fromDeletedFolder("--repo", worktree.toString(), "submit", "-m", "not mine");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("the current folder no longer exists (" + temp.resolve("gone") + "); cd to the "
                + "repository, or pass --wave and --lane"), r::toString);
        assertEquals("", Git.ok(worktree, "log", "--format=%s", "-1", "--grep=not mine"), "nothing was committed");
    }

    /** Runs the launcher from {@code temp/gone}, deleted by the shell just before it starts the launcher. */
    private Run fromDeletedFolder(String... args) throws Exception {
        Path gone = Files.createDirectories(temp.resolve("gone"));
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "cd \"$1\" && rmdir \"$1\" && exec \"$2\" \"${@:3}\"",
                "bash", gone.toString(), launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(temp.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LANE_"));
        env.put("LANE_CDS", "0");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the launcher did not finish within 2 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** A jar holding only a manifest whose Class-Path is this test run's class path: what lane.jar would hold. */
    private static void writeClassPathJar(Path jar) throws IOException {
        String surefire = System.getProperty("surefire.test.class.path");
        String classPath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Stream.of(classPath.split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" ")));
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, manifest)) {
            j.flush();
        }
    }

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }
}
