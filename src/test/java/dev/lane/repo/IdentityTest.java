package dev.lane.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lane.support.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {

    private static Identity agent(String agent) {
        return new Identity(agent, agent + "@lane.invalid", false);
    }

    @Test
    void withNoIdentityConfiguredLanesCommitsAreByTheAgent(@TempDir Path repo) {
        Git.ok(repo, "init", "-q");
        assertEquals(new Identity.Roles(agent("dimA-bot"), agent("dimA-bot")),
                Identity.of(new GitCli(repo), "dimA-bot"));
    }

    @Test
    void aConfiguredIdentityIsUsedAndTheLastValueOfAKeyWinsAsInGit(@TempDir Path repo) throws Exception {
        Git.ok(repo, "init", "-q");
        Files.writeString(repo.resolve(".git/config"), Files.readString(repo.resolve(".git/config"))
                + "[User]\n\tname = First Name\n\temail = first@example.org\n[user]\n\tname = Ada Lovelace\n");
        Identity ada = new Identity("Ada Lovelace", "first@example.org", true);
        assertEquals(new Identity.Roles(ada, ada), Identity.of(new GitCli(repo), "bot"));
    }

    @Test
    void theEmailVariableGivesTheEmailOfAConfiguredNameAsInGit(@TempDir Path repo) {
        Git.ok(repo, "init", "-q");
        Git.ok(repo, "config", "user.name", "Ada Lovelace");
        Identity ada = new Identity("Ada Lovelace", "ada@example.org", true);
        assertEquals(new Identity.Roles(ada, ada),
                Identity.of(new GitCli(repo).withEnv(Map.of("EMAIL", "ada@example.org")), "bot"));
    }

    @Test
    void theEmailVariableAloneGivesNoIdentityTheNameWouldBeGuessedFromTheHost(@TempDir Path repo) {
        Git.ok(repo, "init", "-q");
        GitCli git = new GitCli(repo).withEnv(Map.of("EMAIL", "ada@example.org"));
        assertEquals(new Identity.Roles(agent("bot"), agent("bot")), Identity.of(git, "bot"),
                "git would take the account's name (root, say) for the missing one: an auto-detected author");
    }

    @Test
    void anIdentityWithoutAnEmailIsNotUsed(@TempDir Path repo) {
        Git.ok(repo, "init", "-q");
        Git.ok(repo, "config", "user.name", "Ada Lovelace");
        assertEquals(new Identity.Roles(agent("bot"), agent("bot")), Identity.of(new GitCli(repo), "bot"));
    }

    @Test
    void gitsEnvironmentVariablesBeatItsConfigForTheAuthorAndTheCommitterAsInGit(@TempDir Path repo) {
        Git.ok(repo, "init", "-q");
        Git.ok(repo, "config", "user.name", "Config Name");
        Git.ok(repo, "config", "user.email", "config@example.org");
        GitCli git = new GitCli(repo).withEnv(Map.of("GIT_AUTHOR_NAME", "Env Author",
                "GIT_AUTHOR_EMAIL", "author@example.org", "GIT_COMMITTER_NAME", "Env Committer"));

        assertEquals(new Identity.Roles(new Identity("Env Author", "author@example.org", true),
                        new Identity("Env Committer", "config@example.org", true)), Identity.of(git, "bot"),
                "each variable overrides only its own value, the rest comes from the config");
    }

    @Test
    void anIdentityFromTheEnvironmentAloneIsUsedAndTheRoleWithoutOneFallsBackToTheAgent(@TempDir Path repo) {
        Git.ok(repo, "init", "-q");
        GitCli git = new GitCli(repo).withEnv(Map.of("GIT_AUTHOR_NAME", "Env Author",
                "GIT_AUTHOR_EMAIL", "author@example.org"));

        assertEquals(new Identity.Roles(new Identity("Env Author", "author@example.org", true), agent("bot")),
                Identity.of(git, "bot"));
    }

    @Test
    void commitsMadeForALaneKeepTheEnvironmentsAuthorAndTakeTheAgentOnlyForTheMissingCommitter(@TempDir Path repo)
            throws Exception {
        Git.ok(repo, "init", "-q");
        GitCli git = Identity.forCommits(new GitCli(repo).withEnv(Map.of("GIT_AUTHOR_NAME", "Env Author",
                "GIT_AUTHOR_EMAIL", "author@example.org")), "bot");
        Files.writeString(repo.resolve("a.txt"), "a\n");
        git.ok("add", "a.txt");
        git.ok("commit", "-q", "-m", "work");

        assertEquals("Env Author <author@example.org> / bot <bot@lane.invalid>",
                git.ok("log", "-1", "--format=%an <%ae> / %cn <%ce>").line());
    }
}
