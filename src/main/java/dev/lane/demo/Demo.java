package dev.lane.demo;

import dev.lane.config.LaneConfig;
import dev.lane.core.LaneException;
import dev.lane.inbox.Inbox;
import dev.lane.names.WaveId;
import dev.lane.status.LaneState;
import dev.lane.status.LaneView;
import dev.lane.status.WaveStatus;
import dev.lane.repo.GitCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code lane demo}: a whole wave, for real. Makes the sample repository in a fresh temp folder, runs 18 agents in
 * parallel as separate processes (claim, work in their worktree, submit), integrates the wave, and shows the
 * outcome, the ledger and main's first-parent history. Nothing outside the temp folder is touched.
 */
public final class Demo {
    public static final String WAVE = "45";

    private final Path parent;
    private final PrintWriter out;

    public Demo(Path parent, PrintWriter out) {
        this.parent = parent;
        this.out = out;
    }

    /** What one agent did. */
    private record AgentRun(AgentScript script, LaneProcess.Result claim, LaneProcess.Result submit) {
        boolean ok() {
            return claim.exitCode() == 0 && submit != null && submit.exitCode() == 0;
        }
    }

    /** Runs the demo; returns the process exit code (0 if the wave went as scripted). */
    public int run() {
        Path repo = SampleRepository.create(parent);
        heading("1. A repository shaped like the one in the incident: " + repo);
        out.println("   manifest lists 001_init.sql and the 5 required migrations; pyproject.toml and server.json at "
                + "0.3.5; .github/workflows/deploy.yml");

        List<AgentScript> scripts = AgentScript.wave();
        heading("2. " + scripts.size() + " agents claim, work and submit in parallel (separate processes)");
        List<AgentRun> runs = runAgents(repo, scripts);
        for (AgentRun r : runs) {
            String status = r.ok() ? "submitted" : "FAILED";
            out.printf("   %-16s %-10s %s%n", r.script().lane(), status, r.script().plan());
            if (!r.ok()) {
                out.println("      " + (r.submit() == null ? r.claim().err() : r.submit().err()).strip());
            }
        }

        heading("3. One integrator pass lands the wave: lane integrate --wave " + WAVE);
        LaneProcess.Result integrate = LaneProcess.run(repo, "integrator", List.of("integrate", "--wave", WAVE));
        out.print(indent(integrate.out()));
        out.print(indent(integrate.err()));
        out.println("   (exit " + integrate.exitCode() + (integrate.exitCode() == 4 ? ": some lanes parked, the rest "
                + "landed" : "") + ")");

        GitCli git = new GitCli(repo);
        heading("4. main moved once: git log --first-parent --oneline main");
        out.print(indent(git.run("log", "--first-parent", "--oneline", "main").out()));

        heading("5. The parked lane fixes itself where it works: lane sync, renumber, lane submit, integrate again");
        LaneProcess.Result second = fixClashingLane(repo);
        out.print(indent(second.out()));
        out.println("   (exit " + second.exitCode() + ")");

        heading("6. The operator's views: lane status --wave " + WAVE + ", then lane ledger --wave " + WAVE);
        out.print(indent(LaneProcess.run(repo, "operator", List.of("status", "--wave", WAVE)).out()));
        out.print(indent(LaneProcess.run(repo, "operator", List.of("ledger", "--wave", WAVE)).out()));
        out.print(indent(LaneProcess.run(repo, "operator", List.of("ledger", "--wave", WAVE, "--verify")).out()));

        heading("7. main after both passes: git log --first-parent --oneline main");
        out.print(indent(git.run("log", "--first-parent", "--oneline", "main").out()));
        heading("8. The shared files on main");
        out.print(indent(git.run("show", "main:scripts/migrations/autonomath_boot_manifest.txt").out()));
        out.print(indent(grep(git.run("show", "main:pyproject.toml").out(), "version")));
        out.print(indent(grep(git.run("show", "main:server.json").out(), "version")));
        out.println();
        out.println("The demo repository stays at " + repo + " (worktrees under " + parent.resolve("worktrees")
                + "); look around, then delete " + parent);
        boolean agentsOk = runs.stream().allMatch(AgentRun::ok);
        boolean landed = (integrate.exitCode() == 0 || integrate.exitCode() == 4) && second.exitCode() == 0;
        return agentsOk && landed ? 0 : 1;
    }

    /**
     * The lane parked for its migration number (whichever of the two clashing lanes claimed later) merges the new
     * main into its branch with {@code lane sync}, renames its migration to a free number, submits again, and the
     * integrator runs a second pass.
     */
    private LaneProcess.Result fixClashingLane(Path repo) {
        LaneView parked = WaveStatus.read(new Inbox(repo.resolve(LaneConfig.defaults().inbox())), new WaveId(WAVE))
                .lanes().stream().filter(v -> v.state() == LaneState.PARKED).findFirst()
                .orElseThrow(() -> LaneException.internal("demo: no lane was parked by the first pass", null));
        AgentScript clashing = AgentScript.wave().stream().filter(a -> a.lane().equals(parked.lane())).findFirst()
                .orElseThrow();
        String agent = "agent-" + clashing.lane();
        Path worktree = Path.of(parked.worktree());
        String from = clashing.writes().keySet().stream().filter(f -> f.contains("/262_")).findFirst().orElseThrow();
        String to = from.replace("/262_", "/264_");
        LaneProcess.Result sync = LaneProcess.run(worktree, agent, List.of("sync"));
        out.print(indent("$ lane sync\n" + sync.out() + sync.err()));
        out.println("   $ git mv " + from + " " + to);
        new GitCli(worktree).ok("mv", from, to);
        LaneProcess.Result submit = LaneProcess.run(worktree, agent, List.of("submit", "-m",
                clashing.lane() + ": renumber the migration to 264"));
        out.print(indent("$ lane submit -m ...\n" + submit.out() + submit.err()));
        out.println("   $ lane integrate --wave " + WAVE);
        return LaneProcess.run(repo, "integrator", List.of("integrate", "--wave", WAVE));
    }

    private List<AgentRun> runAgents(Path repo, List<AgentScript> scripts) {
        ExecutorService pool = Executors.newFixedThreadPool(scripts.size());
        try {
            List<Future<AgentRun>> futures = new ArrayList<>();
            for (AgentScript s : scripts) {
                futures.add(pool.submit(() -> runAgent(repo, s)));
            }
            List<AgentRun> runs = new ArrayList<>();
            for (Future<AgentRun> f : futures) {
                runs.add(f.get());
            }
            return runs;
        } catch (Exception e) {
            throw LaneException.internal("demo: an agent failed to run: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static AgentRun runAgent(Path repo, AgentScript s) throws IOException {
        String agent = "agent-" + s.lane();
        LaneProcess.Result claim = LaneProcess.run(repo, agent, List.of("claim", "--wave", WAVE, "--lane", s.lane()));
        if (claim.exitCode() != 0) {
            return new AgentRun(s, claim, null);
        }
        Path worktree = Path.of(claim.out().strip());
        for (Map.Entry<String, String> w : s.writes().entrySet()) {
            SampleRepository.write(worktree, w.getKey(), w.getValue());
        }
        for (Map.Entry<String, String[]> e : s.edits().entrySet()) {
            Path file = worktree.resolve(e.getKey());
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(e.getValue()[0]),
                    java.util.regex.Matcher.quoteReplacement(e.getValue()[1])), StandardCharsets.UTF_8);
        }
        List<String> submit = new ArrayList<>(List.of("submit", "-m", s.lane() + ": " + s.plan()));
        submit.addAll(s.submitArgs());
        return new AgentRun(s, claim, LaneProcess.run(worktree, agent, submit));
    }

    private void heading(String text) {
        out.println();
        out.println("== " + text);
        out.flush();
    }

    private static String indent(String text) {
        if (text.isEmpty()) {
            return "";
        }
        return "   " + text.stripTrailing().replace("\n", "\n   ") + "\n";
    }

    private static String grep(String text, String word) {
        StringBuilder sb = new StringBuilder();
        text.lines().filter(l -> l.contains(word)).forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }
}
