package dev.lane.repo;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Who lane's own commits are by, as git itself would take it: git is asked ({@code git var GIT_AUTHOR_IDENT} and
 * {@code GIT_COMMITTER_IDENT}), so its own rules hold, environment before config: {@code GIT_AUTHOR_NAME},
 * {@code GIT_AUTHOR_EMAIL}, {@code GIT_COMMITTER_NAME} and {@code GIT_COMMITTER_EMAIL} win over {@code author.*} and
 * {@code committer.*}, which win over {@code user.*}; the {@code EMAIL} variable gives an email when nothing else does.
 * Only an identity given that way counts ({@code user.useConfigOnly}: no guessing from the host name). Agents in fresh containers often have none; then the lane's
 * agent id takes that role ({@code <agent>@lane.invalid}), never a failure.
 *
 * @param name       the name
 * @param email      the email
 * @param configured whether git has it from the environment or its config (false: the agent's fallback)
 */
public record Identity(String name, String email, boolean configured) {

    /**
     * The two identities of a commit.
     *
     * @param author    who wrote the change
     * @param committer who made the commit
     */
    public record Roles(Identity author, Identity committer) {
    }

    /**
     * The author and committer git would use for a commit made with {@code git} (its folder and environment), each
     * falling back to the agent's; asks git twice, at once.
     */
    public static Roles of(GitCli git, String agent) {
        Process author = git.start("-c", "user.useConfigOnly=true", "var", "GIT_AUTHOR_IDENT");
        Process committer = git.start("-c", "user.useConfigOnly=true", "var", "GIT_COMMITTER_IDENT");
        GitCli.Result a = GitCli.await(author);
        GitCli.Result c = GitCli.await(committer);
        String email = emailVariable(git);
        if (email != null) {
            // git counts $EMAIL as given by the user, but user.useConfigOnly refuses it: ask a role that failed again
            // with it as user.email (it failed, so either no other setting gives an email, or the name is missing
            // and is refused again). Not without user.useConfigOnly: git would guess the name ('root <$EMAIL>').
            a = a.ok() ? a : git.run("-c", "user.useConfigOnly=true", "-c", "user.email=" + email, "var",
                    "GIT_AUTHOR_IDENT");
            c = c.ok() ? c : git.run("-c", "user.useConfigOnly=true", "-c", "user.email=" + email, "var",
                    "GIT_COMMITTER_IDENT");
        }
        return new Roles(given(a, agent), given(c, agent));
    }

    /** {@code EMAIL} in git's environment, which git takes as the user's email when nothing else gives one; or null. */
    private static String emailVariable(GitCli git) {
        String email = git.env().containsKey("EMAIL") ? git.env().get("EMAIL") : System.getenv("EMAIL");
        return email == null || email.isBlank() ? null : email;
    }

    /** {@code git} with the environment set for each role git has no identity for (and only for those). */
    public static GitCli forCommits(GitCli git, String agent) {
        Roles roles = of(git, agent);
        Map<String, String> env = new HashMap<>();
        if (!roles.author().configured()) {
            env.put("GIT_AUTHOR_NAME", roles.author().name());
            env.put("GIT_AUTHOR_EMAIL", roles.author().email());
        }
        if (!roles.committer().configured()) {
            env.put("GIT_COMMITTER_NAME", roles.committer().name());
            env.put("GIT_COMMITTER_EMAIL", roles.committer().email());
        }
        return env.isEmpty() ? git : git.withEnv(env);
    }

    /** The identity in {@code git var}'s answer ("Name &lt;email&gt; time zone"), or the agent's if it has none. */
    private static Identity given(GitCli.Result r, String agent) {
        PersonIdent p = r.ok() ? RawParseUtils.parsePersonIdent(r.line()) : null;
        if (p != null && !p.getName().isEmpty() && !p.getEmailAddress().isEmpty()) {
            return new Identity(p.getName(), p.getEmailAddress(), true);
        }
        return new Identity(agent, agent + "@lane.invalid", false);
    }
}
