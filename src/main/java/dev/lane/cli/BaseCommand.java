package dev.lane.cli;

import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.json.Json;
import dev.lane.names.AgentId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** What every subcommand shares: global options, the run's context, and the workspace it acts on. */
abstract class BaseCommand implements Callable<Integer> {
    final GlobalOptions global = new GlobalOptions();

    /** The top-level command, whose global options count too (given before the subcommand's name). */
    LaneCommand parent;

    CliContext ctx;

    /** The workspace of the current folder, being loaded on another thread since the run began (or null). */
    StartupPrefetch prefetch;

    /** This command's model (see {@link CommandModel}), bound to this object's fields; its name is its registration. */
    abstract CommandSpec spec();

    /** The model every subcommand starts from: its description, help and version, {@code --repo} and {@code --json}. */
    final CommandSpec command(String... description) {
        return global.addTo(CommandModel.command(this, description));
    }

    boolean json() {
        return global.json || (parent != null && parent.global.json);
    }

    /** {@code --repo}, given after the command's name or before it; null if not given. */
    Path repoOption() {
        return global.repo != null ? global.repo : parent == null ? null : parent.global.repo;
    }

    /**
     * Set by tools/lane to the folder it was started in when that folder no longer exists (a lane's worktree after
     * lane release ran inside it, say): the JVM cannot start there, so the launcher starts it in / instead.
     */
    static final String CWD_GONE_ENV = "LANE_CWD_GONE";

    Workspace workspace() {
        Path start = startFolder();
        return prefetch != null ? prefetch.workspace(start) : StartupPrefetch.load(start, ctx.clock());
    }

    /** Where the repository is looked for: {@code --repo} (against the current folder), else the current folder. */
    Path startFolder() {
        Path repoOption = repoOption();
        return repoOption == null ? resolve(Path.of("")) : resolve(repoOption);
    }

    /**
     * {@code path} against the current folder; a usage error if it is relative and the folder this was started in no
     * longer exists (tools/lane then started Java elsewhere, see {@link #CWD_GONE_ENV}).
     */
    Path resolve(Path path) {
        String gone = ctx.env().get(CWD_GONE_ENV);
        if (gone != null && !path.isAbsolute()) {
            throw LaneException.usage("the current folder no longer exists (" + gone + "); cd to the repository, or "
                    + "give an absolute path" + (repoOption() == null ? " with --repo DIR" : " to --repo"));
        }
        return ctx.cwd().resolve(path).normalize();
    }

    /** The agent id: --agent, else $LANE_AGENT, else $USER, else "agent". */
    AgentId agentOr(String option) {
        if (option != null) {
            return new AgentId(option);
        }
        for (String var : new String[] {"LANE_AGENT", "USER"}) {
            String v = ctx.env().get(var);
            if (v != null && !v.isBlank()) {
                try {
                    return new AgentId(v);
                } catch (LaneException e) {
                    throw LaneException.usage(e.getMessage() + ", taken from $" + var + " (no --agent given); pass "
                            + "--agent NAME, or set LANE_AGENT to a valid name");
                }
            }
        }
        return new AgentId("agent");
    }

    PrintWriter out() {
        return ctx.out();
    }

    PrintWriter err() {
        return ctx.err();
    }

    void printJson(Object value) {
        out().print(Json.write(value));
    }
}
