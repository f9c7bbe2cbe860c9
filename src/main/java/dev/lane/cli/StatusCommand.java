package dev.lane.cli;

import dev.lane.claim.ClaimStore;
import dev.lane.core.Workspace;
import dev.lane.intent.Intents;
import dev.lane.names.WaveId;
import dev.lane.status.LaneFilter;
import dev.lane.status.LaneState;
import dev.lane.status.LaneView;
import dev.lane.status.IntegratePass;
import dev.lane.status.WaveStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

final class StatusCommand extends BaseCommand {
    String wave;

    /** What --state and --lane are when not given: picocli resets each to this very list before a parse. */
    private static final List<String> NOT_GIVEN = List.of();

    List<String> states = NOT_GIVEN;

    List<String> lanes = NOT_GIVEN;

    @Override
    CommandSpec spec() {
        return command(
                "Show where every lane of a wave stands: claimed, submitted, integrated or PARKED (with the reason).",
                "Without --wave: every wave in the inbox; those with no lane left share one line at the end.")
                .addOption(CommandModel.string("--wave", () -> wave, v -> wave = v)
                        .paramLabel("WAVE").description("Only this wave.").build())
                .addOption(CommandModel.names("--state", () -> states, v -> states = v, NOT_GIVEN)
                        .paramLabel("STATE").description("Only the lanes in these states (comma-separated or "
                                + "repeated, any case): " + LaneFilter.labels() + ". The summary line still "
                                + "counts every lane.").build())
                .addOption(CommandModel.names("--lane", () -> lanes, v -> lanes = v, NOT_GIVEN)
                        .paramLabel("LANE").description("Only these lanes (comma-separated or repeated).").build());
    }

    @Override
    public Integer call() {
        LaneFilter filter = LaneFilter.of(CommandModel.namesGiven(states, NOT_GIVEN),
                CommandModel.namesGiven(lanes, NOT_GIVEN));
        Workspace ws = workspace();
        List<WaveId> waves = new ClaimStore(ws.inbox()).waves(wave == null ? null : new WaveId(wave));
        List<WaveStatus> statuses = new ArrayList<>();
        for (WaveId w : waves) {
            statuses.add(WaveStatus.read(ws.inbox(), w));
        }
        filter.requireKnownLanes(statuses);
        if (json()) {
            printJson(Map.of("waves", statuses.stream().map(s -> toJson(s, filter)).toList()));
        } else if (statuses.isEmpty()) {
            out().println("no waves yet (nothing claimed in " + ws.inbox().root() + ")");
        } else {
            // Without --wave, a wave with no lane left and no pass to report takes one shared line at the end, not a
            // line each: after weeks of waves, the waves still in flight stay at the top of the view.
            List<String> emptied = new ArrayList<>();
            for (WaveStatus s : statuses) {
                if (wave == null && s.lanes().isEmpty() && s.pass().isEmpty() && s.refused().isEmpty()) {
                    emptied.add(s.wave().value());
                } else {
                    out().print(StatusView.render(s, filter, ctx.clock().instant()));
                }
            }
            if (!emptied.isEmpty()) {
                out().println(StatusView.emptiedLine(emptied));
            }
        }
        return 0;
    }

    private static Map<String, Object> toJson(WaveStatus s, LaneFilter filter) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("wave", s.wave().value());
        Map<String, Integer> counts = new LinkedHashMap<>();
        s.counts().forEach((k, v) -> counts.put(k.label(), v));
        doc.put("counts", counts);
        doc.put("filter", filter.isAll() ? null : filterJson(filter));
        doc.put("integrate", s.pass().map(p -> {
            Map<String, Object> pass = new LinkedHashMap<>();
            pass.put("state", p.state().label());
            pass.put("started", p.started().toString());
            pass.put("holder", p.holderLine());
            return pass;
        }).orElse(null));
        doc.put("lastPass", s.refused().map(r -> {
            Map<String, Object> pass = new LinkedHashMap<>();
            pass.put("outcome", r.outcome().label());
            pass.put("at", r.at().toString());
            pass.put("detail", r.detail());
            return pass;
        }).orElse(null));
        List<Map<String, Object>> lanes = new ArrayList<>();
        for (LaneView v : filter.shown(s)) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("lane", v.lane());
            l.put("agent", v.agent());
            l.put("state", v.state().label());
            l.put("since", v.since() == null ? null : v.since().toString());
            l.put("head", v.head());
            l.put("sequence", v.sequence());
            l.put("intents", v.intents());
            l.put("intentsDetail", intentsDetail(v.requested()));
            l.put("intentsPending", intentsDetail(v.pending()));
            l.put("intentsLanded", intentsDetail(v.landedEarlier()));
            l.put("reason", v.reason());
            l.put("note", v.note());
            l.put("worktree", v.worktree());
            lanes.add(l);
        }
        doc.put("lanes", lanes);
        return doc;
    }

    /** What --state and --lane asked for (null where not given): the lanes shown are those that match. */
    private static Map<String, Object> filterJson(LaneFilter filter) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("states", filter.states().isEmpty() ? null
                : filter.states().stream().map(LaneState::label).toList());
        doc.put("lanes", filter.lanes().isEmpty() ? null : List.copyOf(filter.lanes()));
        return doc;
    }

    /**
     * Intents as data: manifest entries, bump request, workflow files edited (of the latest submission, of those still
     * to land, or of those that landed earlier).
     */
    private static Map<String, Object> intentsDetail(Intents intents) {
        if (intents == null) {
            return null;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("manifest", intents.manifest());
        doc.put("bump", intents.bump() == null ? null : intents.bump().toString());
        doc.put("workflows", intents.workflowPaths());
        return doc;
    }

    /**
     * The human view: a summary line counting every lane of the wave (and, with a filter, saying what is shown), then
     * one row per lane shown; parked lanes and damaged claim records shout. A filter that shows no lane prints no
     * table.
     */
    static final class StatusView {
        private StatusView() {
        }

        static String render(WaveStatus s, Instant now) {
            return render(s, LaneFilter.ALL, now);
        }

        static String render(WaveStatus s, LaneFilter filter, Instant now) {
            List<LaneView> shown = filter.shown(s);
            StringBuilder out = new StringBuilder();
            List<String> parts = new ArrayList<>();
            s.counts().forEach((state, n) -> parts.add(n + " " + state.label()));
            out.append("wave ").append(s.wave()).append(": ").append(s.lanes().size()).append(s.lanes().size() == 1 ? " lane" : " lanes")
                    .append(parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")")
                    .append(filter.isAll() ? "" : "; " + showing(filter, shown.size())).append('\n');
            s.pass().ifPresent(p -> out.append(passLine(s.wave(), p, now)).append('\n'));
            s.refused().ifPresent(r -> out.append(TextTable.printable("last integrate pass " + r.outcome().name()
                    + " (" + ago(Duration.between(r.at(), now)) + "), it changed nothing: "
                    + r.detail().replaceAll("\n\\s*", " "))).append('\n'));
            TextTable table = new TextTable(List.of("LANE", "AGENT", "STATE", "SINCE", "HEAD", "DETAIL"));
            if (shown.isEmpty()) {
                return out.toString(); // every lane released, or none the filter shows: a header alone says nothing
            }
            for (LaneView v : shown) {
                String state = switch (v.state()) {
                    case PARKED -> "PARKED";
                    case DAMAGED -> "DAMAGED";
                    default -> v.state().label();
                };
                String detail = v.reason() != null ? v.reason() : v.intentsAndNote();
                table.add(List.of(v.lane(), v.agent() == null ? "?" : v.agent(), state,
                        v.since() == null ? "-" : ago(Duration.between(v.since(), now)),
                        v.head() == null ? "-" : v.head().substring(0, 12), detail.replace('\n', ' ')));
            }
            return out.append(table.render()).append('\n').toString();
        }

        /** "no lane left in waves 44, 45: lane ledger --wave W has their history" (every lane released, say). */
        static String emptiedLine(List<String> waves) {
            if (waves.size() == 1) {
                return "no lane left in wave " + waves.get(0) + ": lane ledger --wave " + waves.get(0)
                        + " has its history";
            }
            return "no lane left in waves " + String.join(", ", waves) + ": lane ledger --wave W has their history";
        }

        /** "showing 2 parked", "showing 1 of lanes dimA, dimB", "showing 0 parked or damaged of lane dimA". */
        static String showing(LaneFilter filter, int shown) {
            String states = filter.states().stream().map(LaneState::label).collect(Collectors.joining(" or "));
            List<String> lanes = List.copyOf(filter.lanes());
            return "showing " + shown + (states.isEmpty() ? "" : " " + states) + (lanes.isEmpty() ? ""
                    : " of " + (lanes.size() == 1 ? "lane " : "lanes ") + String.join(", ", lanes));
        }

        /** The line under the summary while a pass has not finished: the lanes' states are from before it. */
        static String passLine(WaveId wave, IntegratePass p, Instant now) {
            String started = "started " + ago(Duration.between(p.started(), now));
            String who = p.holderLine() == null ? "" : ": " + p.holderLine();
            return switch (p.state()) {
                case RUNNING -> "integrate pass RUNNING (" + started + ")" + who + ". The states below are from "
                        + "before it; look again when it ends.";
                case STOPPED -> "integrate pass STOPPED unfinished (" + started + ", its process is gone)" + who
                        + ". main moved fully or not at all; run lane integrate --wave " + wave + " to finish it.";
                case UNKNOWN -> "integrate pass UNKNOWN (" + started + " on host " + p.host() + ")" + who
                        + ". This machine cannot tell whether that process still runs: look on " + p.host()
                        + ". If it runs, the states below are from before it; if it is gone, main moved fully or not "
                        + "at all: run lane integrate --wave " + wave + " to finish it.";
            };
        }

        static String ago(Duration d) {
            long s = Math.max(0, d.getSeconds());
            if (s < 60) {
                return s + "s ago";
            }
            if (s < 3600) {
                return s / 60 + "m ago";
            }
            if (s < 86400) {
                return s / 3600 + "h" + (s % 3600) / 60 + "m ago";
            }
            return s / 86400 + "d ago";
        }
    }
}
