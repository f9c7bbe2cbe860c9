package dev.lane.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import dev.lane.support.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inbox outside the repository (inbox: /srv/lanes) named by two repositories' lanes.yml would mix their lanes:
 * the first repository to claim into it owns it, and the other is refused before it reads or writes anything there.
 */
class SharedInboxTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondRepositoryNamingTheSameOutsideInboxIsRefusedAndTheFirstKeepsWorking() throws Exception {
        Path shared = tmp.resolve("shared-inbox");
        TestRepo a = repo("a", shared);
        TestRepo b = repo("b", shared);

        assertEquals(0, a.lane("claim", "--wave", "45", "--lane", "dimA").exitCode());

        CliRun claim = b.lane("claim", "--wave", "45", "--lane", "dimA");
        assertEquals(2, claim.exitCode(), claim.toString());
        assertTrue(claim.err().contains("the inbox " + shared + " belongs to the repository whose git folder is "
                + a.root().resolve(".git").toRealPath()) && claim.err().contains("inbox: of its own"), claim.err());
        assertFalse(Files.exists(tmp.resolve("wt-b-45-dimA")), "b made no worktree");
        assertEquals("", b.git("branch", "--list", "lane/*").strip(), "b made no branch");

        CliRun status = b.lane("status");
        assertEquals(2, status.exitCode(), "b does not list a's lanes as its own: " + status);
        CliRun ledger = b.lane("ledger", "--wave", "45");
        assertEquals(2, ledger.exitCode(), ledger.toString());

        assertEquals(0, a.lane("status", "--wave", "45").exitCode());
        assertEquals(0, a.lane("claim", "--wave", "45", "--lane", "dimB").exitCode(), "a keeps working");
    }

    @Test
    void aFolderWhereTheInboxNamesItsRepositoryIsRefusedNamingItNotAnInternalError() throws Exception {
        Path shared = tmp.resolve("shared-inbox");
        Files.createDirectories(shared.resolve(".lane-repository"));
        TestRepo a = repo("a", shared);

        CliRun claim = a.lane("claim", "--wave", "45", "--lane", "dimA");

        assertEquals(5, claim.exitCode(), claim.toString());
        assertTrue(claim.err().contains(shared.resolve(".lane-repository") + " is a folder"), claim.err());
        assertFalse(Files.exists(shared.resolve("45")), "nothing was claimed");
    }

    private TestRepo repo(String name, Path inbox) {
        return TestRepo.create(tmp, name, Map.of("src/app.py", "print('hello')\n", "lanes.yml",
                "worktree: '" + tmp + "/wt-" + name + "-{wave}-{lane}'\ninbox: '" + inbox + "'\n"));
    }
}
