package dev.lane.cli;

import dev.lane.core.LaneException;
import dev.lane.core.LauncherEnv;
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

    Workspace workspace() {
        Path start = startFolder();
        return prefetch != null ? prefetch.workspace(start) : StartupPrefetch.load(start, ctx.clock());
    }

    /** Where the repository is looked for: {@code --repo} (against the current folder), else the current folder. */
    Path startFolder() {
        Path repoOption = repoOption();
        return resolve(repoOption == null ? Path.of("") : repoOption, "--repo DIR");
    }

    /**
     * {@code path} against the current folder; a usage error if it is relative and the folder this was started in no
     * longer exists (tools/lane then started Java elsewhere, see {@link LauncherEnv#CWD_GONE}). {@code option} names
     * the option an absolute path can be given with.
     */
    Path resolve(Path path, String option) {
        if (!path.isAbsolute()) {
            currentFolder("give an absolute path with " + option);
        }
        return ctx.cwd().resolve(path);
    }

    /**
     * The folder the command was started in, or a usage error saying it no longer exists and what to do instead
     * ({@code instead}), if it does not.
     */
    Path currentFolder(String instead) {
        String gone = ctx.env().get(LauncherEnv.CWD_GONE);
        if (gone != null) {
            throw LaneException.usage("the current folder no longer exists (" + gone + "); cd to the repository, or "
                    + instead);
        }
        return ctx.cwd();
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
