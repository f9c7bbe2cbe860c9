package dev.lane.cli;

import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimService;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "claim", mixinStandardHelpOptions = true,
        description = {
            "Claim a lane of a wave: exactly one of any number of concurrent claimants wins.",
            "The winner gets its own worktree on a fresh branch from main's head, and the path is printed.",
            "A loser exits with 3 and is told who holds the lane and since when."})
final class ClaimCommand extends BaseCommand {
    @Option(names = "--wave", required = true, paramLabel = "WAVE", description = "The wave, e.g. 45.")
    String wave;

    @Option(names = "--lane", required = true, paramLabel = "LANE", description = "The lane, e.g. dimA.")
    String lane;

    @Option(names = "--agent", paramLabel = "AGENT",
            description = "Who claims (default: $LANE_AGENT, else $USER).")
    String agent;

    @Override
    public Integer call() {
        WaveId w = new WaveId(wave);
        LaneId l = new LaneId(lane);
        ClaimRecord claim = new ClaimService(workspace()).claim(w, l, agentOr(agent));
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
