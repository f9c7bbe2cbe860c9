package dev.lane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.core.ExitCode;
import dev.lane.core.LaneException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void aRepositoryWithoutLanesYmlGetsTheBriefsLayout(@TempDir Path repo) {
        LaneConfig c = ConfigLoader.load(repo);
        assertEquals("tools/offline/_inbox", c.inbox());
        assertEquals("/tmp/{repo}-{wave}-{lane}", c.worktree());
        assertEquals("lane/{wave}/{lane}", c.branch());
        assertEquals("main", c.main());
        assertEquals("scripts/migrations/autonomath_boot_manifest.txt", c.manifest().file());
        assertEquals("scripts/migrations", c.manifest().migrations());
        assertEquals(List.of("pyproject.toml", "server.json"), c.versionFiles());
        assertEquals(List.of(".github/workflows/*.yml"), c.workflows());
        assertNull(c.check());
    }

    @Test
    void keysGivenOverrideTheDefaultsAndTheRestKeepTheirDefaults() {
        LaneConfig c = ConfigLoader.parse("""
                main: trunk
                manifest:
                  required: [049_provenance_strengthen.sql]
                check: mvn -q test
                """, "lanes.yml");
        assertEquals("trunk", c.main());
        assertEquals(List.of("049_provenance_strengthen.sql"), c.manifest().required());
        assertEquals("scripts/migrations", c.manifest().migrations());
        assertEquals("mvn -q test", c.check());
        assertEquals("tools/offline/_inbox", c.inbox());
    }

    @Test
    void anUnknownKeyIsAUsageErrorNamingTheKeyAndItsLine() {
        LaneException e = assertThrows(LaneException.class, () -> ConfigLoader.parse("""
                main: main
                # a comment
                worktrees: /tmp/x
                """, "lanes.yml"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("lanes.yml line 3: unknown key 'worktrees' (known keys here: branch, check, checkTimeout, inbox,"
                + " main, manifest, versionFiles, workflows, worktree)", e.getMessage());
    }

    @Test
    void anUnknownNestedKeyNamesItsFullPath() {
        LaneException e = assertThrows(LaneException.class, () -> ConfigLoader.parse("""
                manifest:
                  file: m.txt
                  requried: []
                """, "lanes.yml"));
        assertEquals("lanes.yml line 3: unknown key 'manifest.requried' (known keys here: file, migrations, pattern,"
                + " required)", e.getMessage());
    }

    @Test
    void aWrongTypeIsAUsageErrorNamingTheKeyAndItsLine() {
        LaneException e = assertThrows(LaneException.class, () -> ConfigLoader.parse("""
                inbox: inbox
                versionFiles: pyproject.toml
                """, "lanes.yml"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("lanes.yml line 2: key 'versionFiles' has the wrong type"), e.getMessage());
    }

    @Test
    void aNumberWhereTextIsExpectedIsRefusedRatherThanSilentlyConverted() {
        LaneException e = assertThrows(LaneException.class, () -> ConfigLoader.parse("main: 5\n", "lanes.yml"));
        assertEquals("lanes.yml line 1: key 'main' has the wrong type: expected text", e.getMessage());
        assertEquals("5", ConfigLoader.parse("main: \"5\"\n", "lanes.yml").main());
    }

    @Test
    void brokenYamlIsAUsageErrorWithItsLine() {
        LaneException e = assertThrows(LaneException.class,
                () -> ConfigLoader.parse("main: main\nmanifest: [unclosed\n", "lanes.yml"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("lanes.yml line "), e.getMessage());
        e = assertThrows(LaneException.class, () -> ConfigLoader.parse("main: main\n  bad: indent\n", "lanes.yml"));
        assertEquals("lanes.yml line 2: not valid YAML: mapping values are not allowed here", e.getMessage());
    }

    @Test
    void theFileWrittenByInitLoadsAsTheDefaults(@TempDir Path repo) throws Exception {
        ConfigInit.Result r = ConfigInit.init(repo);
        assertEquals(LaneConfig.defaults(), ConfigLoader.load(repo));
        assertTrue(r.gitignoreUpdated());
        assertTrue(Files.readString(repo.resolve(".gitignore")).contains("/tools/offline/_inbox/"));
    }

    @Test
    void initLeavesGitignoreAloneWhenARuleAlreadyIgnoresTheInbox(@TempDir Path repo) throws Exception {
        dev.lane.support.Git.ok(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve(".gitignore"), "/tools/\n");

        ConfigInit.Result r = ConfigInit.init(repo);

        assertFalse(r.gitignoreUpdated());
        assertEquals("/tools/\n", Files.readString(repo.resolve(".gitignore")), "no second rule for the same folder");
    }

    @Test
    void anInboxThatIsNotAFolderOfItsOwnIsRefusedNamingWhatItIs() {
        for (String[] bad : new String[][] {{"/", "the file system's root"}, {".", "the repository's root"},
            {"a/..", "the repository's root"}, {".git/lane", "inside git's own folder"}}) {
            LaneException e = assertThrows(LaneException.class,
                    () -> ConfigLoader.parse("inbox: '" + bad[0] + "'\n", "lanes.yml"), bad[0]);
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertEquals("lanes.yml: key 'inbox' is '" + bad[0] + "', " + bad[1] + "; lane takes every folder in the "
                    + "inbox for a wave, so it must be a folder of its own, like tools/offline/_inbox", e.getMessage());
        }
        assertEquals("/srv/lane-inbox", ConfigLoader.parse("inbox: /srv/lane-inbox\n", "lanes.yml").inbox());
        assertEquals("../shared", ConfigLoader.parse("inbox: ../shared\n", "lanes.yml").inbox());
    }

    @Test
    void initInARepositoryWhoseMainLineIsNotCalledMainWritesTheBranchItIsOn(@TempDir Path repo) throws Exception {
        dev.lane.support.Git.ok(repo, "init", "-q", "-b", "trunk");
        Files.writeString(repo.resolve("README.md"), "hi\n");
        dev.lane.support.Git.ok(repo, "add", "-A");
        dev.lane.support.Git.ok(repo, "-c", "user.name=t", "-c", "user.email=t@lane.invalid", "commit", "-qm", "one");

        ConfigInit.Result r = ConfigInit.init(repo);

        assertEquals("trunk", ConfigLoader.load(repo).main(), "a config every command can use as written");
        assertEquals("trunk", r.main());
    }

    @Test
    void initWritesMainWhenTheRepositoryHasABranchMainEvenIfAnotherIsCheckedOut(@TempDir Path repo)
            throws Exception {
        dev.lane.support.Git.ok(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("README.md"), "hi\n");
        dev.lane.support.Git.ok(repo, "add", "-A");
        dev.lane.support.Git.ok(repo, "-c", "user.name=t", "-c", "user.email=t@lane.invalid", "commit", "-qm", "one");
        dev.lane.support.Git.ok(repo, "switch", "-q", "-c", "feature");

        ConfigInit.init(repo);

        assertEquals("main", ConfigLoader.load(repo).main());
    }

    @Test
    void initRefusesToOverwriteAnExistingConfig(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("lanes.yml"), "main: trunk\n");
        LaneException e = assertThrows(LaneException.class, () -> ConfigInit.init(repo));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("main: trunk\n", Files.readString(repo.resolve("lanes.yml")));
    }

    @Test
    void aFileWithOnlyCommentsMeansAllDefaults() {
        assertEquals(LaneConfig.defaults(), ConfigLoader.parse("# nothing here yet\n\n", "lanes.yml"));
    }

    @Test
    void theWrongTypeMessageSaysWhatWasExpectedInTheUsersTerms() {
        LaneException e = assertThrows(LaneException.class,
                () -> ConfigLoader.parse("workflows: .github/workflows/deploy.yml\n", "lanes.yml"));
        assertEquals("lanes.yml line 1: key 'workflows' has the wrong type: expected a list, like [a, b]",
                e.getMessage());
    }

    @Test
    void aKeyGivenTwiceIsRefusedAtItsSecondLineRatherThanTheLastOneWinning() {
        LaneException e = assertThrows(LaneException.class, () -> ConfigLoader.parse("""
                inbox: a
                main: trunk
                inbox: b
                """, "lanes.yml"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("lanes.yml line 3: key 'inbox' is given twice", e.getMessage());
    }

    @Test
    void aNestedKeyGivenTwiceNamesItsFullPath() {
        LaneException e = assertThrows(LaneException.class, () -> ConfigLoader.parse("""
                manifest:
                  file: a.txt
                  file: b.txt
                """, "lanes.yml"));
        assertEquals("lanes.yml line 3: key 'manifest.file' is given twice", e.getMessage());
    }

    @Test
    void aListElementOfTheWrongTypeIsNamedWithItsIndexAndLine() {
        LaneException e = assertThrows(LaneException.class, () -> ConfigLoader.parse("""
                versionFiles:
                  - pyproject.toml
                  - version: 7
                """, "lanes.yml"));
        assertEquals("lanes.yml line 3: key 'versionFiles[1]' has the wrong type: expected text", e.getMessage());
        e = assertThrows(LaneException.class, () -> ConfigLoader.parse("versionFiles: [1]\n", "lanes.yml"));
        assertEquals("lanes.yml line 1: key 'versionFiles[0]' has the wrong type: expected text", e.getMessage());
    }

    @Test
    void aNullListElementIsAWrongTypeNotAnEmptyEntry() {
        LaneException e = assertThrows(LaneException.class,
                () -> ConfigLoader.parse("workflows: [~]\n", "lanes.yml"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("lanes.yml line 1: key 'workflows[0]' has the wrong type: expected text", e.getMessage());
        e = assertThrows(LaneException.class, () -> ConfigLoader.parse("manifest:\n  required:\n    -\n", "lanes.yml"));
        assertEquals("lanes.yml line 3: key 'manifest.required[0]' has the wrong type: expected text", e.getMessage());
    }

    @Test
    void aNullValueKeepsTheDefault() {
        assertEquals(LaneConfig.defaults(), ConfigLoader.parse("""
                inbox: ~
                main:
                manifest:
                versionFiles: null
                check: ~
                """, "lanes.yml"));
    }

    @Test
    void aRootThatIsNotAMappingIsRefusedWithItsLine() {
        LaneException e = assertThrows(LaneException.class,
                () -> ConfigLoader.parse("# settings\n- main\n", "lanes.yml"));
        assertEquals("lanes.yml line 2: the file must be a mapping of keys (see docs/config.md)", e.getMessage());
        e = assertThrows(LaneException.class, () -> ConfigLoader.parse("trunk\n", "lanes.yml"));
        assertEquals("lanes.yml line 1: the file must be a mapping of keys (see docs/config.md)", e.getMessage());
    }

    @Test
    void aWrongTypeInABlockValueIsReportedAtTheKeysOwnLine() {
        LaneException e = assertThrows(LaneException.class, () -> ConfigLoader.parse("""
                main: trunk
                manifest:
                  - a.sql
                """, "lanes.yml"));
        assertEquals("lanes.yml line 2: key 'manifest' has the wrong type: expected a mapping with file, migrations,"
                + " required, pattern", e.getMessage());
    }

    @Test
    void aVersionFileLaneCannotReadIsRefusedWhenTheConfigLoads() {
        LaneException e = assertThrows(LaneException.class,
                () -> ConfigLoader.parse("versionFiles: [VERSION]\n", "lanes.yml"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("versionFiles entry 'VERSION' is not supported"), e.getMessage());
    }

    @Test
    void checkTimeoutIsADurationInSecondsMinutesOrHoursAndDefaultsToThirtyMinutes() {
        assertEquals(java.time.Duration.ofMinutes(30), LaneConfig.defaults().checkTimeout());
        assertEquals(java.time.Duration.ofSeconds(90),
                ConfigLoader.parse("checkTimeout: 90s\n", "lanes.yml").checkTimeout());
        assertEquals(java.time.Duration.ofHours(2),
                ConfigLoader.parse("checkTimeout: 2h\n", "lanes.yml").checkTimeout());
        for (String bad : new String[] {"checkTimeout: 90\n", "checkTimeout: soon\n",
            "checkTimeout: 5d\n", "checkTimeout: -5m\n"}) {
            LaneException e = assertThrows(LaneException.class,
                    () -> ConfigLoader.parse("main: main\n" + bad, "lanes.yml"));
            assertEquals("lanes.yml line 2: key 'checkTimeout' has the wrong type: expected a duration like 90s, 30m"
                    + " or 2h", e.getMessage(), bad);
        }
        LaneException zero = assertThrows(LaneException.class,
                () -> ConfigLoader.parse("main: main\ncheckTimeout: 0m\n", "lanes.yml"));
        assertEquals("lanes.yml line 2: key 'checkTimeout' must be longer than zero (got '0m'): write a duration like"
                + " 90s, 30m or 2h", zero.getMessage(), "a duration of zero is the right type, out of range");
    }

    @Test
    void aYamlErrorNamesTheLineOfTheProblemAndWhereItsContextStarts() {
        LaneException e = assertThrows(LaneException.class,
                () -> ConfigLoader.parse("main: main\nworkflows: [a.yml,\n  b.yml\ncheck: x\n", "lanes.yml"));
        assertTrue(e.getMessage().startsWith("lanes.yml line 4: not valid YAML: expected ',' or ']', but got"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(while parsing a flow sequence that starts on line 2)"), e.getMessage());
    }

    @Test
    void aYamlAliasIsRefusedRatherThanReadAsItsName() {
        LaneException e = assertThrows(LaneException.class,
                () -> ConfigLoader.parse("main: &m trunk\nbranch: *m\n", "lanes.yml"));
        assertEquals("lanes.yml line 2: key 'branch' is a YAML alias (*m); lane does not expand aliases: write the"
                + " value out", e.getMessage());
        LaneException inList = assertThrows(LaneException.class,
                () -> ConfigLoader.parse("main: &m trunk\nworkflows: [a.yml, *m]\n", "lanes.yml"));
        assertTrue(inList.getMessage().startsWith("lanes.yml line 2: key 'workflows[1]' is a YAML alias (*m)"),
                inList.getMessage());
        assertEquals("trunk", ConfigLoader.parse("main: &m trunk\n", "lanes.yml").main(), "an anchor alone is fine");
    }

    @Test
    void onlyFilesMatchingTheMigrationPatternAreMigrations() {
        LaneConfig.Manifest m = ConfigLoader.parse("manifest:\n  pattern: \"[0-9]*.sql\"\n", "lanes.yml").manifest();
        assertTrue(m.isMigration("262_a.sql"));
        assertTrue(!m.isMigration("README.md") && !m.isMigration("notes.sql"));
        assertTrue(LaneConfig.defaults().manifest().isMigration("notes.sql"));
        assertTrue(!LaneConfig.defaults().manifest().isMigration("notes.md"));
    }

    @Test
    void aWorkflowGlobThatIsNoGlobIsAUsageErrorNamingTheItemAndItsLine() {
        LaneException e = assertThrows(LaneException.class, () -> ConfigLoader.parse("""
                main: main
                workflows: [".github/workflows/*.yml", "["]
                """, "lanes.yml"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("lanes.yml line 2: key 'workflows[1]' is not a valid glob ('['): "),
                e.getMessage());
    }

    @Test
    void aMigrationPatternThatIsNoGlobIsAUsageErrorNamingTheKeyAndItsLine() {
        LaneException e = assertThrows(LaneException.class, () -> ConfigLoader.parse("""
                manifest:
                  file: m.txt
                  pattern: "[a"
                """, "lanes.yml"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("lanes.yml line 3: key 'manifest.pattern' is not a valid glob ('[a'): "),
                e.getMessage());
    }

    @Test
    void aRepositoryPathThatNamesNoFileInTheRepositoryIsAUsageErrorNamingTheKeyAndItsLine() {
        String[][] bad = {
            {"manifest:\n  file: ''\n", "2", "manifest.file", "''"},
            {"manifest:\n  file: scripts/migrations/\n", "2", "manifest.file", "'scripts/migrations/'"},
            {"manifest:\n  file: /etc/manifest.txt\n", "2", "manifest.file", "'/etc/manifest.txt'"},
            {"manifest:\n  migrations: ''\n", "2", "manifest.migrations", "''"},
            {"manifest:\n  migrations: ../db\n", "2", "manifest.migrations", "'../db'"},
            {"main: main\nversionFiles: [pyproject.toml, ../x.toml]\n", "2", "versionFiles[1]", "'../x.toml'"},
            {"versionFiles: [./pyproject.toml]\n", "1", "versionFiles[0]", "'./pyproject.toml'"},
        };
        for (String[] b : bad) {
            LaneException e = assertThrows(LaneException.class, () -> ConfigLoader.parse(b[0], "lanes.yml"), b[0]);
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().startsWith("lanes.yml line " + b[1] + ": key '" + b[2] + "' is " + b[3]
                    + ", not a path inside the repository"), e.getMessage());
        }
        LaneConfig ok = ConfigLoader.parse("manifest:\n  file: db/m.txt\n  migrations: db/migrations/\n", "lanes.yml");
        assertEquals("db/migrations/", ok.manifest().migrations(), "a trailing slash on a folder is fine");
    }
}
