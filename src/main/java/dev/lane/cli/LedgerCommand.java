package dev.lane.cli;

import dev.lane.claim.ClaimStore;
import dev.lane.core.ExitCode;
import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.json.Json;
import dev.lane.ledger.LedgerFilter;
import dev.lane.ledger.LedgerReader;
import dev.lane.ledger.LedgerReader.Recorded;
import dev.lane.ledger.LedgerReader.Verification;
import dev.lane.names.AgentId;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

final class LedgerCommand extends BaseCommand {
    String wave;

    String lane;

    String agent;

    /** What --event is when not given: picocli resets it to this very list before a parse. */
    private static final List<String> NOT_GIVEN = List.of();

    List<String> events = NOT_GIVEN;

    boolean verify;

    @Override
    CommandSpec spec() {
        return command(
                "Show the wave ledgers (AGENT_LEDGER.md): who did what, when.",
                "With --json: one JSON object per line. With --verify: check the hash chain and name the first line "
                        + "that was edited, removed or reordered (exit 5 if one was).",
                "Exit: 0 shown (or intact), 2 a bad filter or a wave never claimed, 5 a ledger is broken (--verify).")
                .addOption(CommandModel.string("--wave", () -> wave, v -> wave = v)
                        .paramLabel("WAVE").description("Only this wave (default: all waves).").build())
                .addOption(CommandModel.string("--lane", () -> lane, v -> lane = v)
                        .paramLabel("LANE").description("Only entries of this lane.").build())
                .addOption(CommandModel.string("--agent", () -> agent, v -> agent = v)
                        .paramLabel("AGENT").description("Only entries by this agent.").build())
                .addOption(CommandModel.names("--event", () -> events, v -> events = v, NOT_GIVEN)
                        .paramLabel("EVENT").description("Only entries with these events (comma-separated or "
                                + "repeated, any case): " + LedgerFilter.labels() + ".").build())
                .addOption(CommandModel.flag("--verify", () -> verify, v -> verify = v)
                        .description("Verify the hash chain instead of printing entries.").build());
    }

    @Override
    public Integer call() {
        WaveId onlyWave = wave == null ? null : new WaveId(wave);
        if (verify && (lane != null || agent != null || events != NOT_GIVEN)) {
            // The chain runs through every entry of a wave's ledger: checking part of it is not possible, and
            // answering "intact" for the whole file when asked about one lane would mislead.
            throw LaneException.usage("--verify checks a wave's whole ledger (its hash chain runs through every entry), "
                    + "so it takes no --lane, --agent or --event; run lane ledger --verify [--wave W], then filter "
                    + "without --verify");
        }
        LedgerFilter filter = new LedgerFilter(lane == null ? null : new LaneId(lane),
                agent == null ? null : new AgentId(agent), LedgerFilter.events(CommandModel.namesGiven(events, NOT_GIVEN)));
        Workspace ws = workspace();
        List<WaveId> waves = new ClaimStore(ws.inbox()).waves(onlyWave);
        return verify ? verify(ws, waves) : print(ws, waves, filter);
    }

    /**
     * Prints the entries a line at a time, never holding a whole ledger: JSON lines in one pass over each file; the
     * table in two (the first measures the columns, the second prints up to the line the first one reached, so an
     * entry appended in between shows next time rather than unmeasured).
     */
    private int print(Workspace ws, List<WaveId> waves, LedgerFilter filter) {
        if (json()) {
            for (WaveId w : waves) {
                warnIfBroken(w, ws.inbox().ledger(w));
                LedgerReader.forEach(ws.inbox().ledger(w), r -> {
                    if (filter.shows(r.entry())) {
                        out().println(jsonLine(r));
                    }
                });
            }
            return 0;
        }
        TextTable.Columns columns = LedgerTable.columns();
        Map<WaveId, Integer> lastLine = new LinkedHashMap<>();
        for (WaveId w : waves) {
            warnIfBroken(w, ws.inbox().ledger(w));
            LedgerReader.forEach(ws.inbox().ledger(w), r -> {
                if (filter.shows(r.entry())) {
                    columns.measure(LedgerTable.cells(r.entry()));
                    lastLine.put(w, r.line());
                }
            });
        }
        if (lastLine.isEmpty()) {
            out().print(LedgerTable.NONE);
            return 0;
        }
        out().print(columns.header());
        for (Map.Entry<WaveId, Integer> w : lastLine.entrySet()) {
            LedgerReader.forEach(ws.inbox().ledger(w.getKey()), r -> {
                if (r.line() <= w.getValue() && filter.shows(r.entry())) {
                    out().print(columns.row(LedgerTable.cells(r.entry())));
                }
            });
        }
        return 0;
    }

    private static String jsonLine(Recorded r) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", r.entry().time().toString());
        line.put("event", r.entry().event().label());
        line.put("wave", r.entry().wave());
        line.put("lane", r.entry().lane());
        line.put("agent", r.entry().agent());
        line.put("detail", r.entry().detail());
        line.put("chain", r.chain());
        line.put("line", r.line());
        return Json.writeLine(line);
    }

    /**
     * One line on stderr if the wave's ledger fails its check, so that a view of edited rows never passes for the
     * record (stdout, JSON lines included, stays the view). An incomplete last line alone is not reported: a writer
     * appending right now looks the same, and the view skips that line.
     */
    private void warnIfBroken(WaveId w, Path file) {
        if (LedgerReader.verify(file) instanceof Verification.Broken bad && !bad.lastLineIncomplete()) {
            err().println("lane: warning: the ledger of wave " + w + " is broken at line " + bad.line() + " of "
                    + file + " (" + bad.reason() + "): the entries from there on may not be what lane wrote; run "
                    + "lane ledger --verify --wave " + w);
        }
    }

    private int verify(Workspace ws, List<WaveId> waves) {
        boolean broken = false;
        List<Map<String, Object>> results = new ArrayList<>();
        for (WaveId w : waves) {
            Path file = ws.inbox().ledger(w);
            Verification v = LedgerReader.verify(file);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("wave", w.value());
            doc.put("file", file.toString());
            if (v instanceof Verification.Broken bad) {
                broken = true;
                doc.put("intact", false);
                doc.put("line", bad.line());
                doc.put("reason", bad.reason());
                if (!json()) {
                    out().println("wave " + w + ": BROKEN at line " + bad.line() + " of " + file + ": "
                            + bad.reason() + " (" + entries(bad.intactEntriesBefore()) + " before it "
                            + (bad.intactEntriesBefore() == 1 ? "is" : "are") + " intact)");
                }
            } else if (v instanceof Verification.Intact ok) {
                doc.put("intact", true);
                doc.put("entries", ok.entries());
                if (!json()) {
                    out().println("wave " + w + ": intact, " + entries(ok.entries()) + " (" + file + ")");
                }
            }
            results.add(doc);
        }
        if (json()) {
            printJson(Map.of("ledgers", results));
        }
        return broken ? ExitCode.REFUSED.code() : 0;
    }

    private static String entries(int n) {
        return n + (n == 1 ? " entry" : " entries");
    }
}
