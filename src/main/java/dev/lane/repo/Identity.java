package dev.lane.repo;

import java.util.Map;

/**
 * Who lane's own commits are by. If git has an identity configured it is used; agents in fresh containers often
 * have none, so then the lane's agent id is the author ({@code <agent>@lane.invalid}), never a failure.
 *
 * @param name       the author and committer name
 * @param email      their email
 * @param configured whether it is git's configured identity ({@code user.name} and {@code user.email} both set)
 */
public record Identity(String name, String email, boolean configured) {

    /** git's configured identity, else the agent's; asks git once ({@code git config --get-regexp}). */
    public static Identity of(GitCli git, String agent) {
        GitCli.Result r = git.run("config", "--get-regexp", "^user\\.(name|email)$");
        String name = null;
        String email = null;
        for (String line : r.out().split("\n")) { // "user.name Ada Lovelace"; the last value of a key wins, as in git
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space); // git prints keys lower-case: [User] is user.
            String value = space < 0 ? "" : line.substring(space + 1).strip();
            if (key.equals("user.name")) {
                name = value;
            } else if (key.equals("user.email")) {
                email = value;
            }
        }
        if (r.ok() && name != null && !name.isEmpty() && email != null && !email.isEmpty()) {
            return new Identity(name, email, true);
        }
        return new Identity(agent, agent + "@lane.invalid", false);
    }

    /** {@code git} with an author and committer set if (and only if) none is configured. */
    public static GitCli forCommits(GitCli git, String agent) {
        Identity id = of(git, agent);
        return id.configured() ? git : git.withEnv(Map.of(
                "GIT_AUTHOR_NAME", id.name(), "GIT_AUTHOR_EMAIL", id.email(),
                "GIT_COMMITTER_NAME", id.name(), "GIT_COMMITTER_EMAIL", id.email()));
    }
}
