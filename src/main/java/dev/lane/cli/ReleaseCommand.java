package dev.lane.cli;

import dev.lane.names.AgentId;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.release.ReleaseService;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

final class ReleaseCommand extends BaseCommand {
    String wave;

    String lane;

    String agent;

    boolean force;

    @Override
    CommandSpec spec() {
        return command(
                "Give a lane up: remove its worktree and claim so it can be claimed again.",
                "Refused if the worktree holds uncommitted or unsubmitted work, unless --force. Even then no commit "
                        + "is lost: the branch is kept under refs/lane-archive/<wave>/<lane>/<millis>.",
                "Exit: 0 released, 2 lane not claimed, 3 being claimed or busy (retry), 5 work would be left behind "
                        + "(submit first, or --force) or a damaged claim record (--force).")
                .addOption(CommandModel.string("--wave", () -> wave, v -> wave = v).required(true)
                        .paramLabel("WAVE").description("The wave.").build())
                .addOption(CommandModel.string("--lane", () -> lane, v -> lane = v).required(true)
                        .paramLabel("LANE").description("The lane.").build())
                .addOption(CommandModel.string("--agent", () -> agent, v -> agent = v)
                        .paramLabel("AGENT").description("Who releases (default: $LANE_AGENT, else $USER, else agent).").build())
                .addOption(CommandModel.flag("--force", () -> force, v -> force = v)
                        .description("Release even if work would be left behind in the worktree.").build());
    }

    @Override
    public Integer call() {
        WaveId w = new WaveId(wave);
        LaneId l = new LaneId(lane);
        AgentId who = agentOr(agent);
        ReleaseService.Result r = new ReleaseService(workspace()).release(w, l, who, force);
        if (json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("wave", w.value());
            doc.put("lane", l.value());
            doc.put("agent", who.value());
            doc.put("worktreeRemoved", r.worktreeRemoved() ? r.claim().worktree() : null);
            doc.put("archivedRef", r.archivedRef());
            doc.put("archivedHeadRef", r.archivedHeadRef());
            doc.put("claimMovedTo", r.releasedTo().toString());
            doc.put("withdrawnSubmission", r.withdrawnSubmission() == null ? null
                    : r.withdrawnSubmission().sequence());
            printJson(doc);
        } else {
            out().println("released lane " + l + " of wave " + w + (r.claim() == null ? "; its damaged claim was moved "
                    + "to " + r.releasedTo() : "; worktree " + r.claim().worktree()
                    + (r.worktreeRemoved() ? " removed" : " was already gone")));
            if (r.archivedRef() != null) {
                out().println("branch kept as " + r.archivedRef());
            }
            if (r.archivedHeadRef() != null) {
                out().println("commits of the worktree's detached HEAD kept as " + r.archivedHeadRef());
            }
            if (r.withdrawnSubmission() != null) {
                out().println("its submission " + r.withdrawnSubmission().sequence() + " (head "
                        + r.withdrawnSubmission().head().substring(0, 12) + ") had not landed on main: it leaves the "
                        + "wave; the next integrate will not land it");
            }
        }
        return 0;
    }
}
