package dev.lane.repo;

import java.util.Map;

/**
 * Who lane's own commits are by. If git has an identity configured it is used; agents in fresh containers often
 * have none, so then the lane's agent id is the author ({@code <agent>@lane.invalid}), never a failure.
 */
public final class Identity {
    private Identity() {
    }

    /** {@code git} with an author and committer set if (and only if) none is configured. */
    public static GitCli forCommits(GitCli git, String agent) {
        GitCli.Result name = git.run("config", "user.name");
        GitCli.Result mail = git.run("config", "user.email");
        boolean named = name.ok() && !name.line().isEmpty();
        boolean mailed = mail.ok() && !mail.line().isEmpty();
        if (named && mailed) {
            return git;
        }
        String email = agent + "@lane.invalid";
        return git.withEnv(Map.of(
                "GIT_AUTHOR_NAME", agent, "GIT_AUTHOR_EMAIL", email,
                "GIT_COMMITTER_NAME", agent, "GIT_COMMITTER_EMAIL", email));
    }
}
