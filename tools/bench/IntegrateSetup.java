import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimState;
import dev.lane.fs.SafeFiles;
import dev.lane.inbox.Inbox;
import dev.lane.intent.Intents;
import dev.lane.intent.LandedIntents;
import dev.lane.json.Json;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.submit.Submission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Benchmark helper (not part of lane): records N claimed-and-submitted lanes in a repository's inbox, as lane
 * claim + lane submit would, without making N worktrees of a 10,000-file tree (which would measure the disk, not
 * the integrator). Each lane i's branch lane/WAVE/l<i> must exist. Usage:
 *   java -cp target/lane.jar tools/bench/IntegrateSetup.java REPO WAVE N BASE
 */
public class IntegrateSetup {
    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        WaveId wave = new WaveId(args[1]);
        int n = Integer.parseInt(args[2]);
        String base = args[3];
        Inbox inbox = new Inbox(repo.resolve("tools/offline/_inbox"));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            LaneId lane = new LaneId(String.format("l%03d", i));
            String branch = "lane/" + wave + "/" + lane;
            String head = new String(new ProcessBuilder("git", "-C", repo.toString(), "rev-parse", branch).start()
                    .getInputStream().readAllBytes()).strip();
            Files.createDirectories(inbox.claimDir(wave, lane));
            Instant at = t.plusSeconds(i);
            SafeFiles.writeAtomically(inbox.claimRecord(wave, lane), Json.write(new ClaimRecord(wave.value(),
                    lane.value(), "bench", at, ClaimState.CLAIMED, base, "/nonexistent/bench-" + lane, branch,
                    "bench", 1)));
            SafeFiles.writeAtomically(inbox.submission(wave, lane), Json.write(new Submission(wave.value(),
                    lane.value(), "bench", head, base, at.plusMillis(500), 1, Intents.none(), LandedIntents.none())));
        }
    }
}
