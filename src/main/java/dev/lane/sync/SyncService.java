package dev.lane.sync;

import dev.lane.claim.ClaimInProgress;
import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimState;
import dev.lane.claim.ClaimStore;
import dev.lane.claim.MainHeadRead;
import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.integrate.BookkeepingSubjects;
import dev.lane.integrate.SharedSurfaces;
import dev.lane.ledger.Ledger;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.repo.GitCli;
import dev.lane.submit.LaneCheckout;
import dev.lane.submit.LaneWorkLock;
import dev.lane.repo.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code lane sync}: brings current main into a lane's branch, in the lane's worktree, so a parked lane can fix
 * itself where it works and submit again.
 *
 * <p>Protocol. Runs holding the lane's {@link LaneWorkLock}, so no submit, release or other sync of the lane runs at
 * the same time (a busy lane is exit 3). Refused (nothing changed) if the worktree has uncommitted changes to tracked
 * files, or a merge or rebase is already in progress. Then main's commit is read once and merged into the lane branch
 * with native {@code git merge} (or replayed onto with {@code git rebase}); conflicts are left in the worktree, exactly
 * as git leaves them, for the agent to resolve and commit (or {@code git rebase --continue}). A clean rebase can replay
 * submit's "move shared-file edits into intents" commits so that the branch ends up changing a shared file relative to
 * main; if the branch touched no shared file before the sync, such files are set back to main's content in one extra
 * commit (the lane's intents already hold its edits). The ledger gets a {@code synced} entry. Git's own operations are
 * what is atomic here; a crash mid-merge leaves git's usual in-progress state, which {@code git merge --abort} or
 * {@code git rebase --abort} undoes.
 */
public final class SyncService {
    private final Workspace ws;

    public SyncService(Workspace ws) {
        this.ws = ws;
    }

    /** How main is brought in. */
    public enum Mode {
        MERGE, REBASE
    }

    public record Request(WaveId wave, LaneId lane, Mode mode) {
    }

    /**
     * What sync did.
     *
     * @param main      main's commit that was brought in
     * @param before    the lane's head before
     * @param after     the lane's head after (before, if conflicts stopped it)
     * @param upToDate  the lane already contained main: nothing was done
     * @param conflicts paths left with conflicts in the worktree (empty if clean)
     * @param restored  shared files set back to main's content after a rebase
     */
    public record Result(String wave, String lane, Mode mode, Path worktree, String main, String before, String after,
                         boolean upToDate, List<String> conflicts, List<String> restored) {
        public boolean clean() {
            return conflicts.isEmpty();
        }
    }

    public Result sync(Request request) {
        ClaimRecord claim = new ClaimStore(ws.inbox()).requireToWork(request.wave(), request.lane(), "sync");
        if (claim.state() != ClaimState.CLAIMED) { // its worktree may be half made: as submit, wait for the claim
            throw ClaimInProgress.refusal(claim, "sync");
        }
        Path worktree = Path.of(claim.worktree());
        if (!Files.isDirectory(worktree)) {
            throw LaneException.refused("the worktree " + worktree + " of lane " + request.lane() + " is missing; "
                    + "release the lane (lane release --force) and claim it again");
        }
        try (LaneWorkLock lock = LaneWorkLock.acquire(ws.inbox(), request.wave(), request.lane(), "sync",
                claim.agent(), claim, ws.clock().instant())) {
            return syncHolding(request, claim, worktree);
        }
    }

    /** The sync itself, run while holding the lane's {@link LaneWorkLock}. */
    private Result syncHolding(Request request, ClaimRecord claim, Path worktree) {
        GitCli git = Identity.forCommits(ws.git().in(worktree), claim.agent());
        refuseIfBusy(git, worktree);
        LaneCheckout.requireReady(git, worktree, claim.branch(), "sync");
        String main = mainHead();
        String before = git.ok("rev-parse", "HEAD").line();
        if (git.run("merge-base", "--is-ancestor", main, "HEAD").ok()) {
            Result r = new Result(claim.wave(), claim.lane(), request.mode(), worktree, main, before, before, true,
                    List.of(), List.of());
            log(claim, "already contains main " + main.substring(0, 12) + "; nothing to do");
            return r;
        }
        SharedSurfaces surfaces = new SharedSurfaces(ws.config());
        String fork = git.ok("merge-base", "HEAD", main).line();
        boolean touchedSurfaces = !surfaceDiff(git, surfaces, fork, "HEAD").isEmpty();

        GitCli.Result run = request.mode() == Mode.MERGE
                ? git.run("merge", "--no-edit", "-m", BookkeepingSubjects.SYNC + "merge " + ws.config().main()
                        + " (" + main.substring(0, 12) + ") into " + claim.branch(), main)
                : git.run("rebase", main);
        List<String> conflicts = lines(git.run("diff", "--name-only", "--diff-filter=U").out());
        if (!run.ok() && conflicts.isEmpty()) {
            if (request.mode() == Mode.REBASE && inProgress(git)) {
                git.run("rebase", "--abort");
            }
            throw LaneException.refused("git " + (request.mode() == Mode.MERGE ? "merge" : "rebase") + " of main "
                    + "into lane " + claim.lane() + " failed and changed nothing: " + (run.err() + run.out()).strip());
        }
        List<String> restored = new ArrayList<>();
        if (conflicts.isEmpty() && !touchedSurfaces) {
            restored.addAll(surfaceDiff(git, surfaces, main, "HEAD"));
            if (!restored.isEmpty()) {
                restoreToMain(git, main, restored);
            }
        }
        String after = git.ok("rev-parse", "HEAD").line();
        String verb = request.mode() == Mode.MERGE ? "merged main " : "rebased onto main ";
        log(claim, verb + main.substring(0, 12) + (conflicts.isEmpty() ? ", clean, head " + after.substring(0, 12)
                : ", conflicts left in the worktree: " + String.join(", ", conflicts))
                + (restored.isEmpty() ? "" : "; shared files set back to main: " + String.join(", ", restored)));
        return new Result(claim.wave(), claim.lane(), request.mode(), worktree, main, before, after, false,
                conflicts, restored);
    }

    /** Main's commit; a main branch that does not exist is the usual usage error, as claim and integrate say it. */
    private String mainHead() {
        try (MainHeadRead read = MainHeadRead.start(ws)) {
            return read.base();
        }
    }

    private static void refuseIfBusy(GitCli git, Path worktree) {
        if (inProgress(git)) {
            throw LaneException.usage("a merge or rebase is already in progress in " + worktree + "; finish it "
                    + "(resolve, commit or git rebase --continue) or abort it, then sync again");
        }
        List<String> dirty = lines(git.ok("status", "--porcelain=v1", "--untracked-files=no").out());
        if (!dirty.isEmpty()) {
            throw LaneException.usage("the worktree " + worktree + " has uncommitted changes:\n  "
                    + String.join("\n  ", dirty) + "\ncommit them (or stash them) before lane sync");
        }
    }

    private static boolean inProgress(GitCli git) {
        for (String marker : new String[] {"MERGE_HEAD", "rebase-merge", "rebase-apply"}) {
            String path = git.ok("rev-parse", "--path-format=absolute", "--git-path", marker).line();
            if (Files.exists(Path.of(path))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> surfaceDiff(GitCli git, SharedSurfaces surfaces, String from, String to) {
        return lines(git.ok("diff", "--name-only", "--no-renames", from, to).out()).stream()
                .filter(surfaces::contains).toList();
    }

    private static void restoreToMain(GitCli git, String main, List<String> paths) {
        for (String path : paths) {
            if (git.run("cat-file", "-e", main + ":" + path).ok()) {
                git.ok("checkout", main, "--", path);
            } else {
                git.ok("rm", "-q", "-f", "--", path);
            }
        }
        git.ok("commit", "-q", "--no-verify", "-m", BookkeepingSubjects.SYNC
                + "shared files follow main\n\nThe rebase replayed "
                + "edits that live in the lane's intents; set back to main's content: " + String.join(", ", paths));
    }

    private void log(ClaimRecord claim, String detail) {
        new Ledger(ws.inbox().ledger(new WaveId(claim.wave()))).append(new LedgerEntry(ws.clock().instant(),
                LedgerEvent.SYNCED, claim.wave(), claim.lane(), claim.agent(), detail));
    }

    private static List<String> lines(String out) {
        return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
