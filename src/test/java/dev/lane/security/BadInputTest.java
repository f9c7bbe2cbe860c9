package dev.lane.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.json.Json;
import dev.lane.names.Name;
import dev.lane.support.CliRun;
import dev.lane.support.RepoState;
import dev.lane.support.TestRepo;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every class of bad input is refused with exit 2 and a message naming the input, before any state is touched:
 * no inbox, no branch, no worktree appears, and an existing lane's state stays exactly as it was.
 */
class BadInputTest {
    @TempDir
    Path temp;

    /** One bad value per class the issue names; each is tried as a wave, a lane and an agent name. */
    static Stream<Arguments> badNames() {
        Map<String, String> classes = new java.util.LinkedHashMap<>();
        classes.put("slash", "dim/A");
        classes.put("dot-dot", "..");
        classes.put("dot-dot inside", "a..b");
        classes.put("space", "dim A");
        classes.put("control character", "dim\u0007A");
        classes.put("newline", "dimA\nforged");
        classes.put("empty", "");
        classes.put("leading dot", ".dimA");
        classes.put("leading dash", "-dimA");
        classes.put("65 characters", "a".repeat(65));
        List<Arguments> cases = new ArrayList<>();
        for (String option : List.of("wave", "lane", "agent")) {
            classes.forEach((kind, value) -> cases.add(Arguments.of(option, kind, value)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "--{0} with {1}")
    @MethodSource("badNames")
    void aBadNameIsRefusedWithExitTwoNamingItAndNothingChanges(String option, String kind, String value) {
        TestRepo repo = TestRepo.create(temp);
        RepoState before = RepoState.of(repo);
        Map<String, String> args = new java.util.LinkedHashMap<>(Map.of("wave", "45", "lane", "dimA",
                "agent", "a1"));
        args.put(option, value);

        CliRun claim = repo.lane("claim", "--wave=" + args.get("wave"), "--lane=" + args.get("lane"),
                "--agent=" + args.get("agent"));

        assertEquals(2, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains(option), () -> "the message names the option: " + claim);
        if (!value.isEmpty()) {
            assertTrue(claim.err().contains(Name.quote(value)), () -> "the message shows the value: " + claim);
        }
        assertFalse(claim.err().chars().anyMatch(c -> c < 0x20 && c != '\n'),
                () -> "no raw control character reaches the terminal: " + claim);
        assertFalse(claim.err().contains("\tat "), "no stack trace");
        assertEquals("", claim.out());
        assertNothingChanged(repo, before);
        assertFalse(Files.exists(repo.inbox(), LinkOption.NOFOLLOW_LINKS), "no inbox is created");
    }

    @Test
    void aSixtyFourCharacterNameIsStillAccepted() {
        TestRepo repo = TestRepo.create(temp);
        String name = "a".repeat(64);
        CliRun claim = repo.lane("claim", "--wave", "45", "--lane", name, "--agent", name);
        assertEquals(0, claim.exitCode(), claim::toString);
    }

    @Test
    void aBadAgentNameFromTheEnvironmentIsRefusedToo() {
        TestRepo repo = TestRepo.create(temp);
        RepoState before = RepoState.of(repo);
        CliRun claim = CliRun.run(repo.root(), Map.of("LANE_AGENT", "../../evil"), "claim", "--wave", "45",
                "--lane", "dimA");
        assertEquals(2, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains("'../../evil'"), claim::toString);
        assertNothingChanged(repo, before);
    }

    @Test
    void noCommandAtAllIsAUsageErrorSoAScriptWithAnEmptyCommandWordFails() throws Exception {
        TestRepo repo = TestRepo.create(temp);

        CliRun human = repo.lane();
        CliRun json = repo.lane("--json");

        assertEquals(2, human.exitCode(), human.toString());
        assertEquals("", human.out());
        assertTrue(human.err().startsWith("Usage: lane ") && human.err().contains("lane: no command given; name one "
                + "of: init, claim, submit"), human.err());
        assertEquals(2, json.exitCode(), json.toString());
        assertEquals("usage", Json.mapper().readTree(json.out()).get("error").asText(), json.out());
        assertEquals(0, repo.lane("--help").exitCode());
    }

    @Test
    void anUnknownOptionIsRefusedWithExitTwoNamingIt() {
        TestRepo repo = TestRepo.create(temp);
        RepoState before = RepoState.of(repo);
        CliRun claim = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--frobnicate");
        assertEquals(2, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains("--frobnicate"), claim::toString);
        assertNothingChanged(repo, before);
    }

    @Test
    void anUnknownKeyInLanesYmlIsRefusedNamingTheKeyAndTheLine() {
        TestRepo repo = TestRepo.create(temp);
        repo.writeConfig(repo.defaultConfig() + "colour:\n  shade: blue\nbranch: lane/{wave}/{lane}\n");
        RepoState before = RepoState.of(repo);
        CliRun claim = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1");
        assertEquals(2, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains("'colour'") && claim.err().contains("line 2:"), claim::toString);
        assertNothingChanged(repo, before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"versionFiles: 5", "manifest: just-a-string", "inbox: 42", "main: [a, b]",
        "main:\n  - a\n  - b"})
    void aWrongTypeInLanesYmlIsRefusedNamingTheKeyAndTheLine(String line) {
        TestRepo repo = TestRepo.create(temp);
        repo.writeConfig(repo.defaultConfig() + "check: null\n" + line + "\n");
        RepoState before = RepoState.of(repo);
        String key = line.substring(0, line.indexOf(':'));
        CliRun claim = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1");
        assertEquals(2, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains("'" + key + "'") && claim.err().contains("line 3:"), claim::toString);
        assertNothingChanged(repo, before);
    }

    @ParameterizedTest(name = "--bump {0}")
    @ValueSource(strings = {"garbage", "1.2", "1.2.3.4", "minor;rm -rf /", ""})
    void aGarbageBumpIsRefusedNamingItAndTheLaneIsLeftAsItWas(String bump) {
        TestRepo repo = claimedLaneWithUncommittedWork();
        RepoState before = RepoState.of(repo);
        CliRun submit = repo.lane("submit", "--wave", "45", "--lane", "dimA", "-m", "work", "--bump", bump);
        assertEquals(2, submit.exitCode(), submit::toString);
        assertTrue(submit.err().contains("'" + bump + "'"), submit::toString);
        assertNothingChanged(repo, before);
    }

    @ParameterizedTest(name = "--manifest {0}")
    @ValueSource(strings = {"sub/262_x.sql", "../262_x.sql", "/etc/passwd"})
    void aManifestEntryWithASlashIsRefusedNamingItAndTheLaneIsLeftAsItWas(String entry) {
        TestRepo repo = claimedLaneWithUncommittedWork();
        RepoState before = RepoState.of(repo);
        CliRun submit = repo.lane("submit", "--wave", "45", "--lane", "dimA", "-m", "work", "--manifest", entry);
        assertEquals(2, submit.exitCode(), submit::toString);
        assertTrue(submit.err().contains("'" + entry + "'"), submit::toString);
        assertNothingChanged(repo, before);
    }

    @Test
    void submitOutsideALaneWorktreeWithoutWaveAndLaneIsRefusedNamingTheFolder() {
        TestRepo repo = claimedLaneWithUncommittedWork();
        RepoState before = RepoState.of(repo);
        CliRun submit = repo.lane("submit", "-m", "work");
        assertEquals(2, submit.exitCode(), submit::toString);
        assertTrue(submit.err().contains(repo.root().toString()) && submit.err().contains("--wave"),
                submit::toString);
        assertNothingChanged(repo, before);

        CliRun half = repo.lane("submit", "-m", "work", "--wave", "45");
        assertEquals(2, half.exitCode(), half::toString);
        assertTrue(half.err().contains("--lane"), half::toString);
        assertNothingChanged(repo, before);
    }

    @ParameterizedTest(name = "lane {0}")
    @ValueSource(strings = {"status", "integrate", "ledger"})
    void aWaveNoLaneWasEverClaimedInIsRefusedNamingTheWavesThereAreAndNothingIsCreated(String command) {
        TestRepo repo = claimedLaneWithUncommittedWork();
        RepoState before = RepoState.of(repo);

        CliRun r = repo.lane(command, "--wave", "4S");

        assertEquals(2, r.exitCode(), r::toString);
        assertEquals("lane: there is no wave 4S in " + repo.inbox() + ": no lane of it was ever claimed. Waves: 45.\n",
                r.err().lines().findFirst().orElse("") + "\n", r::toString);
        assertFalse(Files.exists(repo.waveDir("4S")), "no folder is made for the mistyped wave");
        assertNothingChanged(repo, before);
    }

    /** A repository with lane dimA of wave 45 claimed and a changed file in its worktree. */
    private TestRepo claimedLaneWithUncommittedWork() {
        TestRepo repo = TestRepo.create(temp);
        CliRun claim = repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1");
        assertEquals(0, claim.exitCode(), claim::toString);
        try {
            Files.writeString(repo.worktree("45", "dimA").resolve("src/app.py"), "print('changed')\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return repo;
    }

    @Test
    void anInvalidAgentNameFromTheEnvironmentSaysWhichVariableItCameFromAndWhatToDo() {
        TestRepo repo = TestRepo.create(temp);
        RepoState before = RepoState.of(repo);
        CliRun fromUser = CliRun.run(repo.root(), Map.of("USER", "john@corp.com"),
                "claim", "--wave", "45", "--lane", "dimA").expect(2);
        assertTrue(fromUser.err().contains("invalid agent name 'john@corp.com'")
                && fromUser.err().contains("taken from $USER (no --agent given); pass --agent NAME, or set LANE_AGENT"),
                fromUser::toString);
        CliRun fromLaneAgent = CliRun.run(repo.root(), Map.of("LANE_AGENT", "agent 7", "USER", "ok"),
                "claim", "--wave", "45", "--lane", "dimA").expect(2);
        assertTrue(fromLaneAgent.err().contains("invalid agent name 'agent 7'")
                && fromLaneAgent.err().contains("taken from $LANE_AGENT"), fromLaneAgent::toString);
        assertNothingChanged(repo, before);
    }

    @Test
    void aRepoOptionNamingAFileSaysItIsNotAFolderAndOneNamingNothingSaysItDoesNotExist() throws Exception {
        Path file = Files.writeString(temp.resolve("notes.txt"), "x\n");
        CliRun r = CliRun.run(temp, "status", "--repo", file.toString()).expect(2);
        assertTrue(r.err().contains(file + " is not a folder; pass --repo with the repository's folder"), r::toString);
        CliRun missing = CliRun.run(temp, "status", "--repo", temp.resolve("nope").toString()).expect(2);
        assertTrue(missing.err().contains("repository folder " + temp.resolve("nope") + " does not exist"),
                missing::toString);
    }

    private static void assertNothingChanged(TestRepo repo, RepoState before) {
        assertEquals(before, RepoState.of(repo), "a refused command changes nothing");
    }
}
