package dev.lane.cli;

import dev.lane.core.LaneException;
import dev.lane.integrate.CheckProgress;
import dev.lane.integrate.CheckReport;
import dev.lane.integrate.CheckRun;
import dev.lane.integrate.IntegrateRequest;
import dev.lane.integrate.IntegrateResult;
import dev.lane.integrate.Integrator;
import dev.lane.integrate.LaneOutcome;
import dev.lane.integrate.LaneStatus;
import dev.lane.integrate.StepHook;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

final class IntegrateCommand extends BaseCommand {
    String wave;

    /** What --order is when not given: picocli resets the option to this very list before each parse. */
    static final List<String> NO_ORDER = List.of();

    List<String> order = NO_ORDER;

    boolean squash;

    boolean dryRun;

    String agent;

    @Override
    CommandSpec spec() {
        return command(
                "Land a wave's submitted lanes on main in one serial pass: main moves exactly once, or not at all.",
                "Lanes merge in claim order (or --order) in memory; a lane that conflicts is parked and the rest go "
                        + "on. Manifest entries, the wave's one version bump and workflow edits are applied by "
                        + "meaning; the checks (and the check: command of lanes.yml) run before main moves.",
                "Exit: 0 all landed, 3 busy or main moved (nothing changed), 4 some lanes parked (the rest landed), "
                        + "5 a check refused (nothing changed).")
                .addOption(CommandModel.string("--wave", () -> wave, v -> wave = v).required(true)
                        .paramLabel("WAVE").description("The wave to integrate.").build())
                .addOption(CommandModel.names("--order", () -> order, v -> order = v, NO_ORDER)
                        .paramLabel("LANE").description("Merge these lanes first, in this order (comma-separated); "
                                + "the rest follow in claim order.").build())
                .addOption(CommandModel.flag("--squash", () -> squash, v -> squash = v)
                        .description("Land each lane as one squashed commit instead of a merge commit.").build())
                .addOption(CommandModel.flag("--dry-run", () -> dryRun, v -> dryRun = v)
                        .description("Merge, apply and check, print the plan; move nothing.").build())
                .addOption(CommandModel.string("--agent", () -> agent, v -> agent = v)
                        .paramLabel("AGENT").description("Who integrates (default: $LANE_AGENT, else $USER, else "
                                + "agent); the commit author if git has none.").build());
    }

    @Override
    public Integer call() {
        WaveId w = new WaveId(wave);
        List<String> names = CommandModel.namesGiven(order, NO_ORDER);
        if (names.stream().anyMatch(String::isBlank)) {
            String given = String.join(",", names).strip();
            throw LaneException.usage("--order has an empty lane name" + (given.replace(",", "").isBlank() ? ""
                    : " (" + given + ")") + ": name lanes separated by commas, like --order dimB,dimA, or leave "
                    + "--order out for claim order");
        }
        List<LaneId> lanes = names.stream().map(String::strip).map(LaneId::new).toList();
        StepHook hook = StepHook.crashAt(ctx.env());
        IntegrateResult r = new Integrator(workspace(), hook, new CheckLines(err()))
                .integrate(new IntegrateRequest(w, lanes, squash, dryRun, agentOr(agent)),
                        prefetch == null ? null : prefetch.repository());
        if (json()) {
            printJson(jsonShape(r));
        } else {
            out().print(human(r, squash));
        }
        if (r.checkoutNote() != null) {
            err().println("lane: " + r.checkoutNote());
        }
        if (!r.notSubmitted().isEmpty() && json()) {
            err().println("lane: not submitted, left out: " + String.join(", ", r.notSubmitted()));
        }
        return r.exitCode().code();
    }

    /**
     * Exactly the documented --json shape (docs/integrator.md): the fields, plus {@code dryRun},
     * {@code main.planned} (the commit the pass built: for a dry run the one main would move to), each lane's
     * {@code agent} (as in {@code lane status --json}), {@code head} and landed {@code commit}, and
     * {@code notSubmitted}.
     */
    static Map<String, Object> jsonShape(IntegrateResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("wave", r.wave());
        doc.put("dryRun", r.dryRun());
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("before", r.mainBefore());
        main.put("after", r.mainAfter());
        main.put("planned", r.plannedResult());
        doc.put("main", main);
        List<Map<String, Object>> lanes = new ArrayList<>();
        for (LaneOutcome l : r.lanes()) {
            Map<String, Object> lane = new LinkedHashMap<>();
            lane.put("lane", l.lane());
            lane.put("agent", l.agent());
            lane.put("status", l.status().label());
            lane.put("reason", l.reason());
            lane.put("head", l.head());
            lane.put("commit", l.commit());
            lane.put("note", l.note());
            lanes.add(lane);
        }
        doc.put("lanes", lanes);
        doc.put("manifest", Map.of("added", r.manifestAdded()));
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("from", r.versionFrom());
        version.put("to", r.versionTo());
        version.put("note", r.versionNote());
        doc.put("version", version);
        doc.put("workflows", r.workflows());
        doc.put("notSubmitted", r.notSubmitted());
        doc.put("check", checkShape(r.check()));
        return doc;
    }

    /** The {@code check} object of the --json document (docs/integrator.md). */
    private static Map<String, Object> checkShape(CheckReport c) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", c.command());
        doc.put("outcome", c.outcome().label());
        doc.put("parked", c.parked());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (CheckRun run : c.runs()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("run", run.number());
            one.put("commit", run.commit());
            one.put("lanes", run.lanes());
            one.put("outcome", run.outcome().label());
            one.put("exit", run.exitCode());
            one.put("seconds", run.took().toMillis() / 1000.0);
            one.put("log", run.log());
            runs.add(one);
        }
        doc.put("runs", runs);
        return doc;
    }

    /**
     * The operator's view of the check while the pass runs: one line per run on stderr, started when the run starts
     * and finished when it ends ({@code lane: check 3: running ./ci.sh on main + lanes a, b (timeout 30m)... passed
     * in 4.2s}), so a long or hung check is visible. Never on stdout, which holds the report or the JSON document.
     */
    private record CheckLines(PrintWriter err) implements CheckProgress {
        @Override
        public void started(int number, String command, List<String> lanes, Duration timeout) {
            String on = lanes.size() <= 8 ? CheckRun.onWhat(lanes) : "main + " + lanes.size() + " lanes ("
                    + String.join(", ", lanes.subList(0, 3)) + ", ..., "
                    + String.join(", ", lanes.subList(lanes.size() - 2, lanes.size())) + ")";
            err.print("lane: check " + number + ": running " + command + " on " + on
                    + " (timeout " + CheckProgress.describe(timeout) + ")... ");
            err.flush();
        }

        @Override
        public void finished(CheckRun run) {
            err.println(switch (run.outcome()) {
                case PASSED -> "passed";
                case FAILED -> "failed (exit " + run.exitCode() + ")";
                case TIMED_OUT -> "stopped at the timeout";
            } + " in " + CheckReport.seconds(run.took()));
            err.flush();
        }
    }

    static String human(IntegrateResult r) {
        return human(r, false);
    }

    /** The report for people; {@code squashed}: the lanes landed (or would land) as squashed commits. */
    static String human(IntegrateResult r, boolean squashed) {
        StringBuilder out = new StringBuilder();
        String counts = r.count(LaneStatus.INTEGRATED) + (r.dryRun() ? " would land, " : " integrated, ")
                + r.count(LaneStatus.PARKED) + (r.dryRun() ? " would be parked, " : " parked, ")
                + r.count(LaneStatus.ALREADY_INTEGRATED) + " already integrated";
        if (r.dryRun()) {
            out.append("DRY RUN, nothing moved. Wave ").append(r.wave()).append(": ").append(counts).append("; main ")
                    .append(shortId(r.mainBefore()))
                    // No commit id: the real pass writes new commits (their times differ), so a preview id would
                    // name a commit main never gets. The trees are the same; --json has the preview as main.planned.
                    .append(r.plannedResult().equals(r.mainBefore()) ? " would not move" : " would move")
                    .append('\n');
        } else {
            out.append("Wave ").append(r.wave()).append(": ").append(counts).append("; main ")
                    .append(r.mainMoved() ? shortId(r.mainBefore()) + " -> " + shortId(r.mainAfter())
                            : "unchanged at " + shortId(r.mainBefore()))
                    .append('\n');
        }
        if (r.lanes().isEmpty()) {
            out.append("(no submitted lanes)\n");
        } else {
            List<LaneOutcome> news = r.lanes().stream()
                    .filter(l -> l.status() != LaneStatus.ALREADY_INTEGRATED).toList();
            if (!news.isEmpty()) {
                TextTable table = new TextTable(List.of("LANE", "AGENT", "STATUS", "DETAIL"));
                for (LaneOutcome l : news) {
                    String status = switch (l.status()) {
                        case PARKED -> r.dryRun() ? "WOULD PARK" : "PARKED";
                        case INTEGRATED -> r.dryRun() ? "would land" : l.status().label();
                        default -> l.status().label();
                    };
                    table.add(List.of(l.lane(), l.agent() == null ? "?" : l.agent(), status, detail(l, r.dryRun(), squashed)));
                }
                out.append(table.render());
            }
            List<String> already = r.lanes().stream().filter(l -> l.status() == LaneStatus.ALREADY_INTEGRATED)
                    .map(LaneOutcome::lane).toList();
            if (!already.isEmpty()) {
                out.append("already on main, nothing to do: ").append(String.join(", ", already)).append('\n');
            }
        }
        if (!r.manifestAdded().isEmpty()) {
            out.append("manifest:  +").append(String.join(" +", r.manifestAdded())).append('\n');
        }
        if (r.versionTo() != null && !r.versionTo().equals(r.versionFrom())) {
            out.append("version:   ").append(r.versionFrom()).append(" -> ").append(r.versionTo()).append('\n');
        }
        if (r.versionNote() != null) {
            out.append("note:      ").append(r.versionNote()).append('\n');
        }
        for (LaneOutcome l : r.lanes()) {
            if (l.note() != null) {
                out.append("note:      ").append(l.note()).append('\n');
            }
        }
        if (!r.workflows().isEmpty()) {
            out.append("workflows: ").append(String.join(", ", r.workflows())).append('\n');
        }
        if (r.check().ran()) {
            out.append("check:     ").append(r.check().summary()).append('\n');
        }
        if (!r.notSubmitted().isEmpty()) {
            out.append("not submitted (left out): ").append(String.join(", ", r.notSubmitted())).append('\n');
        }
        List<LaneOutcome> parked = r.lanes().stream().filter(l -> l.status() == LaneStatus.PARKED).toList();
        for (LaneOutcome l : parked) {
            out.append(r.dryRun() ? "\nWOULD PARK " : "\nPARKED ").append(l.lane()).append(":\n  ")
                    .append(Arrays.stream(l.reason().split("\n", -1)).map(TextTable::printable)
                            .collect(Collectors.joining("\n  "))).append('\n');
        }
        if (!parked.isEmpty() && !r.dryRun()) {
            out.append("\nNext: do what each PARKED reason above says (for a conflict: in the lane's worktree "
                    + "`lane sync`, fix, `lane submit`); then run `lane integrate --wave ").append(r.wave())
                    .append("` again.\n");
        }
        return out.toString();
    }

    private static String detail(LaneOutcome l, boolean dryRun, boolean squashed) {
        if (l.status() != LaneStatus.INTEGRATED) {
            String first = l.reason() == null ? "" : l.reason().split("\n", 2)[0];
            return first.length() > 90 ? first.substring(0, 87) + "..." : first;
        }
        List<String> parts = new ArrayList<>();
        if (l.commit() == null) {
            parts.add("intents only");
        } else if (dryRun) { // no commit id: the real pass writes its own, with other ids (see human)
            parts.add(squashed ? "would squash" : "would merge");
        } else {
            parts.add((squashed ? "squashed as " : "merged as ") + shortId(l.commit()));
        }
        if (!l.applied().manifest().isEmpty()) {
            parts.add("manifest +" + String.join(" +", l.applied().manifest()));
        }
        if (l.applied().bump() != null) {
            parts.add("bump " + l.applied().bump());
        }
        if (!l.applied().workflows().isEmpty()) {
            parts.add("edits " + String.join(", ", l.applied().workflows()));
        }
        return String.join("; ", parts);
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
