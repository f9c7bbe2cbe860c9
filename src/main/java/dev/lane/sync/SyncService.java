package dev.lane.sync;

import dev.lane.claim.ClaimInProgress;
import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimState;
import dev.lane.claim.ClaimStore;
import dev.lane.claim.MainHeadRead;
import dev.lane.core.CrashPoint;
import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.fs.SafeFiles;
import dev.lane.integrate.BookkeepingSubjects;
import dev.lane.integrate.SharedSurfaces;
import dev.lane.ledger.Ledger;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.repo.GitCli;
import dev.lane.intent.Intents;
import dev.lane.repo.Identity;
import dev.lane.submit.ForkPoint;
import dev.lane.submit.LaneCheckout;
import dev.lane.submit.LaneWorkLock;
import dev.lane.submit.SharedEditsToIntents;
import dev.lane.submit.SubmissionStore;
import java.io.IOException;
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
 * files, or a merge or rebase is already in progress. Then main's commit is read once. Shared files are never merged as
 * text: if the lane's branch changes any since its fork point (committed, not yet submitted), those edits first go
 * through the step submit uses, {@link SharedEditsToIntents}: detected, merged into the lane's stored intents and
 * validated (an edit submit would refuse is refused here the same way, exit 2, nothing changed), then
 * {@code intents.json} is written and a commit sets the files back to their fork-point content. No submission and no
 * {@code submitted} entry are written. Only then is main merged into the lane branch with native {@code git merge --ff}
 * (a fast-forward when the lane has no commit of its own, a merge commit otherwise, whatever {@code merge.ff} says) (or
 * replayed onto with {@code git rebase}); conflicts are left in the worktree, exactly as git leaves them, for the
 * agent to resolve and commit (or {@code git rebase --continue}). A rebase replays the lane's commits one by one,
 * including those that edited shared files and the commits that moved the edits into intents: while it replays, a
 * shared file a lane commit touches keeps the content of the branch being built (a merge driver given to that one git
 * command), and after a clean rebase the shared files the branch then changes relative to main are set back to
 * main's content in one extra commit (the lane's intents hold its edits). The ledger gets a {@code synced} entry,
 * naming what was moved into intents. A crash after the intents are written and before the restore commit loses
 * nothing: a re-run detects the same edits again (adding them is idempotent). Git's own operations are what is
 * atomic here; a crash mid-merge leaves git's usual in-progress state, which {@code git merge --abort} or
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
     * @param moved     shared files whose committed edits were moved into the lane's intents before main came in
     * @param intents   the lane's intents after the move (null if nothing was moved)
     * @param notices   what the move did to earlier intents, for the agent to read
     */
    public record Result(String wave, String lane, Mode mode, Path worktree, String main, String before, String after,
                         boolean upToDate, List<String> conflicts, List<String> restored, List<String> moved,
                         Intents intents, List<String> notices) {
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
            throw LaneCheckout.missing(ws.git(), worktree, claim.branch(), request.lane().value(), "sync");
        }
        LaneCheckout.requireLinked(ws.git(), ws.repo().workTree(), worktree, request.wave().value(),
                request.lane().value(), "sync");
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
                    List.of(), List.of(), List.of(), null, List.of());
            log(claim, "already contains main " + main.substring(0, 12) + "; nothing to do");
            return r;
        }
        SharedSurfaces surfaces = new SharedSurfaces(ws.config());
        String fork = ForkPoint.of(git, "HEAD", main).orElseThrow(() -> LaneException.refused("lane "
                + claim.lane() + "'s branch " + claim.branch() + " shares no history with main; nothing was changed"));
        SharedEditsToIntents.Plan moving = null;
        if (!surfaceDiff(git, surfaces, fork, "HEAD").isEmpty()) {
            SubmissionStore store = new SubmissionStore(ws.inbox());
            moving = SharedEditsToIntents.plan(git, ws.config(), fork, before,
                    store.intents(request.wave(), request.lane()), Intents.none(), "sync", main);
            moving.apply(git, store, request.wave(), request.lane(), BookkeepingSubjects.SYNC_RESTORE);
            CrashPoint.reached("sync-after-move");
        }
        String moved = moving == null ? "" : "moved " + moving.found().summary() + " into intents ("
                + String.join(", ", moving.surfacePaths()) + "); ";
        boolean touchedSurfaces = !surfaceDiff(git, surfaces, fork, "HEAD").isEmpty();

        GitCli.Result run = request.mode() == Mode.MERGE
                ? git.run("merge", "--ff", "--no-edit", "-m", BookkeepingSubjects.SYNC + "merge " + ws.config().main()
                        + " (" + main.substring(0, 12) + ") into " + claim.branch(), main)
                : rebase(git, surfaces, fork, main, touchedSurfaces);
        CrashPoint.reached("sync-after-merge");
        List<String> conflicts = lines(git.run("diff", "--name-only", "--diff-filter=U").out());
        if (!run.ok() && conflicts.isEmpty()) {
            if (request.mode() == Mode.REBASE && inProgress(git)) {
                git.run("rebase", "--abort");
            }
            if (moving != null) {
                log(claim, moved + "then git " + (request.mode() == Mode.MERGE ? "merge" : "rebase") + " of main "
                        + main.substring(0, 12) + " failed");
            }
            throw LaneException.refused("git " + (request.mode() == Mode.MERGE ? "merge" : "rebase") + " of main "
                    + "into lane " + claim.lane() + " failed" + (moving == null ? " and changed nothing"
                    : " (before it, the lane's shared-file edits of " + String.join(", ", moving.surfacePaths())
                    + " were moved into its intents, in commit " + git.ok("rev-parse", "--short=12", "HEAD").line()
                    + ")") + ": " + (run.err() + run.out()).strip());
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
        log(claim, moved + verb + main.substring(0, 12) + (conflicts.isEmpty() ? ", clean, head " + after.substring(0, 12)
                : ", conflicts left in the worktree: " + String.join(", ", conflicts))
                + (restored.isEmpty() ? "" : "; shared files set back to main: " + String.join(", ", restored)));
        return new Result(claim.wave(), claim.lane(), request.mode(), worktree, main, before, after, false,
                conflicts, restored, moving == null ? List.of() : moving.surfacePaths(),
                moving == null ? null : moving.intents(), moving == null ? List.of() : moving.notices());
    }

    /**
     * {@code git rebase main}. When the branch as a whole changes no shared file (its edits live in its intents) but
     * some of its commits do, those files keep the content of the branch being built while the commits are replayed
     * (a merge driver that takes "ours", given to this one git command through a scratch attributes file in the
     * worktree's git folder): replaying an edit the lane made, or the commit that moved it into intents, must not stop
     * on a textual conflict with main's own changes; the result is set back to main's content afterwards anyway.
     */
    private static GitCli.Result rebase(GitCli git, SharedSurfaces surfaces, String fork, String main,
                                        boolean touchedSurfaces) {
        List<String> replayed = touchedSurfaces ? List.of()
                : lines(git.ok("log", "--format=", "--name-only", "--no-renames", fork + "..HEAD").out()).stream()
                        .filter(surfaces::contains).filter(SyncService::plainPattern).distinct().toList();
        if (replayed.isEmpty()) {
            return git.run("rebase", main);
        }
        Path attributes = Path.of(git.ok("rev-parse", "--path-format=absolute", "--git-path",
                "lane-sync-attributes-" + ProcessHandle.current().pid()).line());
        try {
            Files.writeString(attributes, String.join("", replayed.stream().map(p -> "/" + p
                    + " merge=lane-sync-ours\n").toList()));
            return git.run("-c", "core.attributesFile=" + attributes, "-c", "merge.lane-sync-ours.name=lane sync: "
                    + "shared files keep the content being built", "-c", "merge.lane-sync-ours.driver=true",
                    "rebase", main);
        } catch (IOException e) {
            throw LaneException.internal("cannot write " + attributes + ": " + e.getMessage(), e);
        } finally {
            SafeFiles.deleteQuietly(attributes); // a stray scratch file is harmless
        }
    }

    /** Whether {@code path} can be named in an attributes file as it is (no whitespace, quote or glob character). */
    private static boolean plainPattern(String path) {
        return path.chars().noneMatch(c -> Character.isWhitespace(c) || "*?[]\\\"!#".indexOf(c) >= 0);
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
        return LaneCheckout.mergeInProgress(git) || LaneCheckout.rebaseInProgress(git);
    }

    private static List<String> surfaceDiff(GitCli git, SharedSurfaces surfaces, String from, String to) {
        return lines(git.ok("diff", "--name-only", "--no-renames", from, to).out()).stream()
                .filter(surfaces::contains).toList();
    }

    private static void restoreToMain(GitCli git, String main, List<String> paths) {
        SharedEditsToIntents.setFilesTo(git, main, paths);
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
