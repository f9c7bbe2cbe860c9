package dev.lane.repo;

import dev.lane.core.LaneException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs native git in one folder. Native git is used for what JGit cannot do (linked worktrees) and for the agent
 * side's cheap queries, where it is the fastest tool there is. Automatic GC is never started by lane's own calls.
 *
 * <p>lane's own commits and checkouts run no hooks, and no commit lane makes is signed, whatever the user's git config
 * says (docs/config.md, "Your git configuration"): the commits lane makes for an agent ({@code submit -m}, the
 * bookkeeping commits, sync's merge or rebase) and the worktrees it checks out are lane's mechanism, which a hook that
 * fails or waits, or a signing key that is missing or asks for a passphrase, must not break half way (a claim failing
 * after its worktree was made, a sync leaving a merge in progress). The integrator's commits are built with JGit,
 * which runs no hook and signs nothing either, so every commit lane makes is treated alike. The commands that
 * only move refs ({@code update-ref}, {@code symbolic-ref}) keep the user's {@code reference-transaction} hook, the
 * one hook that is a policy over refs: it may refuse a claim's branch or a release's archive ref, and lane then says
 * that git refused.
 *
 * <p>git runs in {@link #dir} and nowhere else: the variables that would point it at another repository, an index or
 * a work tree ({@link #REPOSITORY_VARIABLES}: {@code GIT_DIR}, {@code GIT_INDEX_FILE}..., set in a git hook's
 * environment or exported in an agent's shell) are not passed on from lane's own environment; only {@link #env}
 * (a scratch index, say) sets them.
 *
 * @param dir the folder git runs in ({@code git -C dir})
 * @param env extra environment (an author identity, say)
 */
public record GitCli(Path dir, Map<String, String> env) {

    /**
     * The variables that tie git to one repository: those {@code git rev-parse --local-env-vars} lists (what git
     * itself clears before it works in a submodule) but the {@code -c} settings ({@code GIT_CONFIG_PARAMETERS},
     * {@code GIT_CONFIG_COUNT}, {@code GIT_CONFIG}), which name no repository. Inherited, they would make a
     * {@code git -C dir} work on the repository they name: a claim run from a hook, or with {@code GIT_DIR} exported,
     * made its branch and worktree in that other repository while recording the claim in this one.
     */
    public static final List<String> REPOSITORY_VARIABLES = List.of("GIT_ALTERNATE_OBJECT_DIRECTORIES",
            "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE",
            "GIT_INDEX_FILE", "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX",
            "GIT_INTERNAL_SUPER_PREFIX", "GIT_SHALLOW_FILE", "GIT_COMMON_DIR");

    /**
     * The {@code -c} settings every git command lane runs is given: no automatic GC, no commit signing, and file names
     * printed as they are: with git's default {@code core.quotePath}, a name with a non-ASCII letter came back as
     * {@code ".github/workflows/r\303\251colte.yml"} from the commands lane reads names from without {@code -z}
     * ({@code diff --name-only}, {@code log --name-only}), which then matched no shared-file pattern (sync merged such a
     * workflow as text) and read badly in messages.
     */
    private static final List<String> IMMUNE_SETTINGS = List.of("-c", "gc.auto=0", "-c", "commit.gpgSign=false",
            "-c", "core.quotePath=false");
    /** The git commands lane runs that make commits or check files out, which run with no hooks at all. */
    private static final Set<String> HOOKLESS_COMMANDS = Set.of("commit", "merge", "rebase", "checkout", "worktree");

    /** The outcome of one git run. */
    public record Result(int exitCode, String out, String err) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** stdout without its trailing newline. */
        public String line() {
            return out.strip();
        }
    }

    /**
     * The {@code -c} setting for a git command that checks out a whole tree (a new worktree): git's parallel
     * checkout, with four workers per core (at most 32). Writing the files is most of a checkout, and a worker spends
     * much of it waiting in the kernel, so more workers than cores pay: on this project's 2-core benchmark machine, a
     * 10,000-file {@code git worktree add} took a median 435 ms with 1 worker, 397 with 2, 355 with 4 and 334 with 8
     * (docs/benchmarks.md). Git applies it only above {@code checkout.thresholdForParallelism} files (100 by
     * default), so small trees stay sequential.
     */
    public static String parallelCheckout() {
        return "checkout.workers=" + Math.min(32, 4 * Runtime.getRuntime().availableProcessors());
    }

    public GitCli(Path dir) {
        this(dir, Map.of());
    }

    public GitCli withEnv(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(more);
        return new GitCli(dir, Map.copyOf(merged));
    }

    public GitCli in(Path other) {
        return new GitCli(other, env);
    }

    /** Starts git without waiting; see {@link #await(Process)}. */
    public Process start(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(IMMUNE_SETTINGS);
        if (HOOKLESS_COMMANDS.contains(command(args))) {
            cmd.addAll(List.of("-c", "core.hooksPath=/dev/null"));
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeAll(REPOSITORY_VARIABLES);
        pb.environment().putAll(env);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return p;
        } catch (IOException e) {
            throw LaneException.internal("cannot run git (is it installed and on PATH?): " + e.getMessage(), e);
        }
    }

    /** The git command {@code args} run: the first argument after any {@code -c NAME=VALUE} settings. */
    private static String command(String... args) {
        int i = 0;
        while (i + 1 < args.length && args[i].equals("-c")) {
            i += 2;
        }
        return i < args.length ? args[i] : "";
    }

    /** Waits for a started git and collects its output. */
    public static Result await(Process p) {
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        String out = drain(p.getInputStream());
        try {
            int code = p.waitFor();
            return new Result(code, out, err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw LaneException.internal("interrupted while git was running", e);
        }
    }

    /** Runs git and returns its result, whatever its exit code. */
    public Result run(String... args) {
        return await(start(args));
    }

    /** Runs git and returns its result; a non-zero exit becomes an internal error quoting git's message. */
    public Result ok(String... args) {
        Result r = run(args);
        if (!r.ok()) {
            throw LaneException.internal("git " + String.join(" ", args) + " failed in " + dir + ": "
                    + r.err().strip(), null);
        }
        return r;
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
