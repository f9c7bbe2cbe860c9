package dev.lane.integrate;

import dev.lane.claim.ClaimStore;
import dev.lane.core.Workspace;
import dev.lane.intent.BumpRequest;
import dev.lane.names.WaveId;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * What an integrate pass run now would do with one lane's bump request, by the pass's own rule ({@link WaveBump}
 * over main's version and the wave's earlier bump in main's history), so that submit can tell the agent at once that
 * a request will not be applied. Reads only: main may still move before the pass.
 */
public final class BumpOutlook {
    private BumpOutlook() {
    }

    /**
     * Why {@code request} of {@code lane} would not be applied by a pass of {@code wave} on main as it is now, with
     * the smallest request that would still raise the version; empty if it would be applied or covered by the wave's
     * own bump, or if main has no version.
     */
    public static Optional<Stale> of(Workspace ws, WaveId wave, String lane, BumpRequest request) {
        if (request == null) {
            return Optional.empty();
        }
        try (RepoAccess access = new RepoAccess(ws.repo())) {
            Optional<ObjectId> tip = access.resolveRef(ws.mainRef());
            if (tip.isEmpty()) {
                return Optional.empty();
            }
            RevCommit main = access.commit(tip.get());
            WaveHistory history = WaveHistory.scan(access, main, wave.value(),
                    WaveLanes.claimBases(ws.inbox(), wave, new ClaimStore(ws.inbox()).scanWave(wave)));
            WaveBump rule = WaveBump.at(access, main, ws.config(), history);
            if (rule.current() == null) {
                return Optional.empty();
            }
            return rule.notApplied(lane, request).map(note -> new Stale(rule.current().getVersion(),
                    rule.smallestRaising().orElseThrow()));
        }
    }

    /**
     * A request a pass would not apply.
     *
     * @param mainVersion main's version now
     * @param smallest    the smallest request that would still raise it, as {@code --bump} takes it
     */
    public record Stale(String mainVersion, String smallest) {
    }
}
