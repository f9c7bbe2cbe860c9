package dev.lane.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lane.support.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {

    @Test
    void withNoIdentityConfiguredLanesCommitsAreByTheAgent(@TempDir Path repo) {
        Git.ok(repo, "init", "-q");
        assertEquals(new Identity("dimA-bot", "dimA-bot@lane.invalid", false), Identity.of(new GitCli(repo), "dimA-bot"));
    }

    @Test
    void aConfiguredIdentityIsUsedAndTheLastValueOfAKeyWinsAsInGit(@TempDir Path repo) throws Exception {
        Git.ok(repo, "init", "-q");
        Files.writeString(repo.resolve(".git/config"), Files.readString(repo.resolve(".git/config"))
                + "[User]\n\tname = First Name\n\temail = first@example.org\n[user]\n\tname = Ada Lovelace\n");
        assertEquals(new Identity("Ada Lovelace", "first@example.org", true), Identity.of(new GitCli(repo), "bot"));
    }

    @Test
    void anIdentityWithoutAnEmailIsNotUsed(@TempDir Path repo) throws Exception {
        Git.ok(repo, "init", "-q");
        Git.ok(repo, "config", "user.name", "Ada Lovelace");
        assertEquals(new Identity("bot", "bot@lane.invalid", false), Identity.of(new GitCli(repo), "bot"));
    }
}
