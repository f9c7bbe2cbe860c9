package dev.lane.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.support.CliRun;
import dev.lane.support.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --repo DIR} that is no checkout says what DIR is, so the user knows what to pass instead. */
class RepoOptionTest {
    @TempDir
    Path tmp;

    @Test
    void aBareRepositoryIsNamedAsOneThatHasNoCheckoutNotAsNoRepositoryAtAll() throws Exception {
        Path bare = tmp.resolve("origin.git");
        Git.ok(tmp, "init", "-q", "--bare", bare.toString());

        CliRun r = CliRun.run(tmp, "--repo", bare.toString(), "claim", "--wave", "45", "--lane", "dimA");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(bare + " is a bare git repository") && r.err().contains("checkout"), r.err());
        assertTrue(Files.notExists(bare.resolve("tools")), "nothing is made in it");
    }

    @Test
    void aFolderInsideABareRepositoryIsNamedAsBelongingToOne() throws Exception {
        Path bare = tmp.resolve("origin.git");
        Git.ok(tmp, "init", "-q", "--bare", bare.toString());

        CliRun r = CliRun.run(tmp, "--repo", bare.resolve("refs/heads").toString(), "status");

        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(bare + " is a bare git repository"), r.err());
    }
}
