package dev.lane.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import dev.lane.support.RepoState;
import dev.lane.support.TestRepo;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone who can write where lane works ({@code /tmp}, the inbox) plants symbolic links where lane is about to
 * create a folder or write a file. lane must never follow them: the victim stays byte-for-byte as it was, and the
 * claim is refused with nothing left behind.
 */
class SymlinkAttackTest {
    @TempDir
    Path temp;

    private TestRepo repo;
    private Path victim;
    private Map<String, String> victimBefore;

    @BeforeEach
    void plantVictim() throws Exception {
        repo = TestRepo.create(temp.resolve("r"));
        victim = Files.createDirectories(temp.resolve("victim"));
        Files.writeString(victim.resolve("secret.txt"), "the victim's data\n");
        Files.writeString(victim.resolve("AGENT_LEDGER.md"), "not a ledger\n");
        victimBefore = RepoState.tree(victim);
    }

    @Test
    void aSymlinkPlantedAtTheWorktreePathIsRefusedAndItsTargetUntouched() throws Exception {
        Path worktree = repo.worktree("45", "dimA");
        Files.createSymbolicLink(worktree, victim);

        CliRun claim = claim();

        assertEquals(5, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains(worktree.toString()) && claim.err().contains("symbolic link"),
                claim::toString);
        assertVictimUntouched();
        assertTrue(Files.isSymbolicLink(worktree), "lane does not remove what it did not create");
        assertNothingClaimed();
    }

    @Test
    void aDanglingSymlinkPlantedAtTheWorktreePathIsRefusedAndNothingIsCreatedAtItsTarget() throws Exception {
        Path worktree = repo.worktree("45", "dimA");
        Path target = temp.resolve("attacker-wants-this");
        Files.createSymbolicLink(worktree, target);

        CliRun claim = claim();

        assertEquals(5, claim.exitCode(), claim::toString);
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS), "nothing is created through the link");
        assertNothingClaimed();
    }

    @Test
    void integrateAndStatusRefuseASymlinkPlantedAsTheWaveFolderNamingIt() throws Exception {
        Files.createDirectories(repo.inbox());
        Files.createSymbolicLink(repo.waveDir("45"), victim);

        for (String command : new String[] {"integrate", "status"}) {
            CliRun r = repo.lane(command, "--wave", "45");
            assertEquals(5, r.exitCode(), r::toString);
            assertTrue(r.err().contains(repo.waveDir("45").toString()) && r.err().contains("symbolic link"),
                    r::toString);
        }
        assertVictimUntouched();
    }

    @Test
    void aSymlinkPlantedAsTheWaveFolderInTheInboxIsRefusedAndNeverFollowed() throws Exception {
        Files.createDirectories(repo.inbox());
        Files.createSymbolicLink(repo.waveDir("45"), victim);

        CliRun claim = claim();

        assertEquals(5, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains(repo.waveDir("45").toString()) && claim.err().contains("symbolic link"),
                claim::toString);
        assertVictimUntouched();
        assertNothingClaimed();
    }

    @Test
    void aSymlinkPlantedAsTheLaneClaimFolderIsRefusedAndNeverFollowed() throws Exception {
        Files.createDirectories(repo.waveDir("45"));
        Files.createSymbolicLink(repo.claimDir("45", "dimA"), victim);

        CliRun claim = claim();

        assertTrue(claim.exitCode() == 3 || claim.exitCode() == 5, claim::toString);
        assertVictimUntouched();
        assertTrue(Files.isSymbolicLink(repo.claimDir("45", "dimA")));
        assertEquals(List.of("main"), repo.branches());
        assertEquals(1, repo.worktrees().size());
    }

    @Test
    void aSymlinkPlantedAsTheWaveLedgerIsRefusedAndTheFileItPointsToIsUnchanged() throws Exception {
        Files.createDirectories(repo.waveDir("45"));
        Path ledger = repo.ledger("45");
        Files.createSymbolicLink(ledger, victim.resolve("AGENT_LEDGER.md"));

        CliRun claim = claim();

        assertEquals(5, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains(ledger.toString()), claim::toString);
        assertVictimUntouched();
        assertNothingClaimed();

        CliRun show = repo.lane("ledger", "--wave", "45");
        assertFalse(show.out().contains("not a ledger") || show.err().contains("not a ledger"),
                () -> "reading the ledger never follows the link: " + show);
        CliRun verify = repo.lane("ledger", "--verify", "--wave", "45");
        assertFalse(verify.exitCode() == 0, () -> "a linked ledger is not reported intact: " + verify);
        assertVictimUntouched();
    }

    @Test
    void aClaimedWorktreeFolderIsReadableOnlyByItsOwner() throws Exception {
        CliRun claim = claim();

        assertEquals(0, claim.exitCode(), claim::toString);
        Path worktree = repo.worktree("45", "dimA");
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(worktree, LinkOption.NOFOLLOW_LINKS)));
    }

    @Test
    void aFolderAboveTheWorktreePathThatIsAnotherUsersLinkIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "planting a link owned by another user needs root (lchown)");
        Path shared = temp.resolve("shared");
        Files.createSymbolicLink(shared, victim);
        var nobody = shared.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.getFileAttributeView(shared, java.nio.file.attribute.PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
        repo.writeConfig("worktree: " + shared + "/{repo}-{wave}-{lane}\n");

        CliRun claim = claim();

        assertEquals(5, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains(shared + " (above ") && claim.err().contains("owned by another user"),
                claim::toString);
        assertVictimUntouched();
        assertNothingClaimed();
    }

    @Test
    void aFolderAboveTheWorktreePathOwnedByAnotherUserIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "making a folder owned by another user needs root (chown)");
        // Another user got to /tmp/<repo> first (worktree: /tmp/{repo}/{wave}/{lane}, the layout lane suggests for
        // names with dashes) and left it writable to everyone: they can rename our worktree away at any time and
        // put a folder of theirs (with a .git file and hooks of their choosing) in its place.
        Path shared = Files.createDirectory(temp.resolve("shared"));
        var nobody = shared.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(shared, nobody);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        repo.writeConfig("worktree: " + shared + "/{wave}/{lane}\n");

        CliRun claim = claim();

        assertEquals(5, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains(shared + " (above ") && claim.err().contains("another user"),
                claim::toString);
        assertFalse(Files.exists(shared.resolve("45"), LinkOption.NOFOLLOW_LINKS), "nothing is made in their folder");
        assertNothingClaimed();
    }

    @Test
    void aFolderAboveTheWorktreePathThatAnyoneCanRenameInIsRefused() throws Exception {
        // A folder writable by every user and without the sticky bit of /tmp: anyone can rename our worktree away.
        Path open = Files.createDirectory(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        repo.writeConfig("worktree: " + open + "/{wave}-{lane}\n");

        CliRun claim = claim();

        assertEquals(5, claim.exitCode(), claim::toString);
        assertTrue(claim.err().contains(open + " (above ") && claim.err().contains("writable by every user"),
                claim::toString);
        assertNothingClaimed();
    }

    @Test
    void aSymlinkPlantedAtALanesWorkLockIsRefusedAndSubmitChangesNothing() throws Exception {
        claim().expect(0);
        Path worktree = repo.worktree("45", "dimA");
        Files.writeString(worktree.resolve("src/work.py"), "x = 1\n");
        Path lock = repo.waveDir("45").resolve(".dimA.work.lock");
        Files.createSymbolicLink(lock, victim.resolve("secret.txt"));
        String head = repo.git("rev-parse", "lane/45/dimA");

        CliRun submit = repo.lane("submit", "--wave", "45", "--lane", "dimA", "-m", "work");

        assertEquals(5, submit.exitCode(), submit::toString);
        assertTrue(submit.err().contains(lock + " is a symbolic link"), submit::toString);
        assertVictimUntouched();
        assertEquals(head, repo.git("rev-parse", "lane/45/dimA"), "nothing was committed");
    }

    @Test
    void aStrayTempFileOfADeadWriterThatHadOurProcessIdDoesNotFailTheNextWrite() throws Exception {
        claim().expect(0);
        Path worktree = repo.worktree("45", "dimA");
        Files.writeString(worktree.resolve("src/work.py"), "x = 1\n");
        // A submit killed while writing left its temp file; process ids are reused, so a later lane command (here:
        // this JVM, on this thread) can get the very name it would write its own temp file to.
        Path stray = repo.claimDir("45", "dimA").resolve(".tmp-submission.json-" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().getId());
        Files.writeString(stray, "{\"head\": ");

        CliRun submit = repo.lane("submit", "--wave", "45", "--lane", "dimA", "-m", "work");

        assertEquals(0, submit.exitCode(), submit::toString);
        assertTrue(Files.readString(repo.claimDir("45", "dimA").resolve("submission.json")).contains("\"head\""));
        assertFalse(Files.exists(stray, LinkOption.NOFOLLOW_LINKS));
    }

    private CliRun claim() {
        return repo.lane("claim", "--wave", "45", "--lane", "dimA", "--agent", "a1");
    }

    private void assertVictimUntouched() {
        assertEquals(victimBefore, RepoState.tree(victim), "the link's target is untouched");
    }

    private void assertNothingClaimed() throws Exception {
        assertFalse(Files.isDirectory(repo.claimDir("45", "dimA"), LinkOption.NOFOLLOW_LINKS), "no claim folder");
        assertEquals(List.of("main"), repo.branches(), "no lane branch");
        assertEquals(1, repo.worktrees().size(), "no worktree registered");
    }
}
