package dev.lane.cli;

import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimService;
import dev.lane.claim.MainHeadRead;
import dev.lane.core.Workspace;
import dev.lane.names.AgentId;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

final class ClaimCommand extends BaseCommand {
    String wave;

    String lane;

    String agent;

    @Override
    CommandSpec spec() {
        return command(
                "Claim a lane of a wave: exactly one of any number of concurrent claimants wins.",
                "The winner gets its own worktree on a fresh branch from main's head, and the path is printed.",
                "A loser exits with 3 and is told who holds the lane and since when.",
                "Exit: 0 claimed, 2 bad name or lanes.yml, 3 already claimed (take another lane) or being claimed, "
                        + "5 refused (a leftover branch or worktree path, a damaged claim record); a failed claim "
                        + "leaves nothing behind.")
                .addOption(CommandModel.string("--wave", () -> wave, v -> wave = v).required(true)
                        .paramLabel("WAVE").description("The wave, e.g. 45.").build())
                .addOption(CommandModel.string("--lane", () -> lane, v -> lane = v).required(true)
                        .paramLabel("LANE").description("The lane, e.g. dimA.").build())
                .addOption(CommandModel.string("--agent", () -> agent, v -> agent = v)
                        .paramLabel("AGENT").description("Who claims (default: $LANE_AGENT, else $USER, else agent).").build());
    }

    @Override
    public Integer call() {
        WaveId w = new WaveId(wave);
        LaneId l = new LaneId(lane);
        AgentId a = agentOr(agent);
        Workspace ws = workspace();
        // main's head, being read since start-up if the prefetch could start it (then the claim owns the read)
        Optional<MainHeadRead> early = prefetch == null ? Optional.empty() : prefetch.takeMainHeadRead(ws);
        ClaimService service = new ClaimService(ws);
        ClaimRecord claim = early.isPresent() ? service.claim(w, l, a, early.get()) : service.claim(w, l, a);
        if (json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("wave", claim.wave());
            doc.put("lane", claim.lane());
            doc.put("agent", claim.agent());
            doc.put("worktree", claim.worktree());
            doc.put("branch", claim.branch());
            doc.put("base", claim.base());
            doc.put("claimedAt", claim.claimedAt().toString());
            printJson(doc);
        } else {
            out().println(claim.worktree());
        }
        return 0;
    }
}
