package dev.lane.release;

import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimState;
import dev.lane.claim.ClaimStore;
import dev.lane.core.CrashPoint;
import dev.lane.core.ExitCode;
import dev.lane.core.Host;
import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.fs.LockFile;
import dev.lane.fs.SafeFiles;
import dev.lane.integrate.IntegrateLock;
import dev.lane.integrate.RecordedOutcome;
import dev.lane.ledger.Ledger;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.names.AgentId;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.repo.GitCli;
import dev.lane.repo.MainRepository;
import dev.lane.repo.WorktreeList;
import dev.lane.submit.ForkPoint;
import dev.lane.submit.LaneCheckout;
import dev.lane.submit.LaneWorkLock;
import dev.lane.submit.Submission;
import dev.lane.submit.SubmissionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gives a lane up so it can be claimed again.
 *
 * <p>Protocol. A claim still in state CLAIMING is refused unless forced: exit 3 while its claimant may still finish
 * it, exit 5 once that claimant (a process of this host) is gone, since it never will. Refuses (nothing changed) if
 * the worktree holds uncommitted changes or commits that were never submitted (on the branch, or on a detached HEAD
 * the branch and main do not hold), unless forced; a branch that only took main in since ({@code lane sync}, its tree
 * what a clean merge of the submitted head and that main gives) holds no such commit. Then, in order:
 * <ol>
 *   <li>the branch's commit is kept under {@code refs/lane-archive/<wave>/<lane>/<millis>} and such a detached HEAD
 *       under {@code .../<millis>-head}, so even a forced release loses no commit;</li>
 *   <li>the worktree is removed (or, if git does not know it as one, its folder if empty: a claimant killed before
 *       its {@code git worktree add} leaves that; a folder with files whose {@code .git} file is gone, which no git
 *       command can check for uncommitted work, is refused unless forced, and forced it is deleted);</li>
 *   <li>the branch is deleted;</li>
 *   <li>under the lane's claim lock (so a new claim's ledger entry follows the release's): the claim folder is moved
 *       with one atomic rename to {@code <wave>/.released/<lane>.<millis>}, the instant the lane can be claimed
 *       again, and the ledger gets the entry.</li>
 * </ol>
 * A crash part-way leaves the claim in place, and running release again finishes the job, each step tolerating its
 * effect being already done. Archive refs of the lane made since the claim's time can only be a killed release's of
 * this claim, so the retry reuses one that keeps the same commit, and names the one that kept a branch or detached
 * HEAD it finds already removed: each commit is kept once, and the output and ledger say where. A crash between the
 * rename and the ledger entry leaves the lane released with no {@code released} entry.
 *
 * <p>It runs holding the lane's {@link LaneWorkLock}, so it never removes a worktree a submit or sync of the lane is
 * committing in, and the wave's {@link IntegrateLock}, so no pass is landing the lane it releases (either running
 * gives exit 3); the claim is read again under them and must be the same. A forced release of a claim whose record
 * cannot be read takes the wave's lock only (no submit or sync can run on such a claim), reads the record again under
 * it, and moves the folder aside only if it is still unreadable. A claim folder with no record at all (its claimant
 * died right after its mkdir) is released the same way, forced only, checked under the lane's claim lock.
 */
public final class ReleaseService {
    private final Workspace ws;

    public ReleaseService(Workspace ws) {
        this.ws = ws;
    }

    /**
     * What release did.
     *
     * @param claim              the claim released (null if its record was damaged)
     * @param archivedRef        where the branch's commit is kept, or null if there was no branch
     * @param archivedHeadRef    where the worktree's detached HEAD is kept when it held commits neither the branch nor
     *                           main holds (a forced release), else null
     * @param releasedTo         where the claim folder went
     * @param worktreeRemoved    whether release removed the worktree (false: it was already gone)
     * @param withdrawnSubmission the lane's submission that had not landed on main and now leaves the wave, if any
     */
    public record Result(ClaimRecord claim, String archivedRef, String archivedHeadRef, Path releasedTo,
                         boolean worktreeRemoved, Submission withdrawnSubmission) {
    }

    public Result release(WaveId wave, LaneId lane, AgentId by, boolean force) {
        ClaimStore claims = new ClaimStore(ws.inbox());
        if (Files.isDirectory(ws.inbox().claimDir(wave, lane), LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(ws.inbox().claimRecord(wave, lane), LinkOption.NOFOLLOW_LINKS)) {
            return releaseRecordless(wave, lane, by, force);
        }
        ClaimRecord claim;
        try {
            claim = claims.require(wave, lane, "Nothing to release; check --wave and --lane.");
        } catch (LaneException unreadable) {
            boolean damaged = unreadable.exitCode() == ExitCode.INTERNAL
                    && Files.isDirectory(ws.inbox().claimDir(wave, lane), LinkOption.NOFOLLOW_LINKS);
            if (!damaged) {
                throw unreadable;
            }
            if (!force) {
                throw LaneException.refused(unreadable.getMessage() + ". Run lane release --wave " + wave + " --lane "
                        + lane + " --force to remove the claim (its worktree and branch, if any, stay for you to "
                        + "remove by hand).");
            }
            return releaseDamaged(wave, lane, by);
        }
        if (claim.state() == ClaimState.CLAIMING && !force
                && Host.stateOf(claim.host(), claim.pid()) == Host.ProcessState.GONE) {
            throw LaneException.refused("lane " + lane + " of wave " + wave + " was never fully claimed: its claimant "
                    + "(agent " + claim.agent() + ", pid " + claim.pid() + " on " + claim.host() + ") is gone, so the "
                    + "claim will never finish and retrying will not help. Nothing was changed. Run lane release --wave "
                    + wave + " --lane " + lane + " --force to free it (or lane claim --wave " + wave + " --lane " + lane
                    + " to take it over).");
        }
        if (claim.state() == ClaimState.CLAIMING && !force) {
            throw LaneException.contention("lane " + lane + " of wave " + wave + " is still being claimed by agent "
                    + claim.agent() + " (pid " + claim.pid() + " on " + claim.host() + "); retry in a moment, or pass "
                    + "--force if that process is gone");
        }
        // No integrate pass may be landing this lane, and no submit or sync committing in the worktree this removes.
        try (IntegrateLock integrating = IntegrateLock.acquire(ws.inbox(), wave, IntegrateLock.RELEASE + lane,
                "release", by.value(), ws.clock().instant());
             LaneWorkLock working = LaneWorkLock.acquire(ws.inbox(), wave, lane, "release", by.value(), claim,
                     ws.clock().instant())) {
            return releaseHolding(wave, lane, by, force, claim);
        }
    }

    /**
     * A forced release of a claim whose record cannot be read: under the wave's {@link IntegrateLock} (no pass may be
     * writing into the claim folder), the record is read again and must still be unreadable (else it was released,
     * and perhaps claimed again, meanwhile: contention, nothing changed); then the folder moves aside.
     */
    private Result releaseDamaged(WaveId wave, LaneId lane, AgentId by) {
        try (IntegrateLock integrating = IntegrateLock.acquire(ws.inbox(), wave, IntegrateLock.RELEASE + lane,
                "release", by.value(), ws.clock().instant())) {
            boolean stillDamaged;
            try {
                new ClaimStore(ws.inbox()).read(wave, lane);
                stillDamaged = false;
            } catch (LaneException unreadable) {
                stillDamaged = unreadable.exitCode() == ExitCode.INTERNAL;
            }
            if (!stillDamaged) {
                throw LaneException.contention("the claim of lane " + lane + " of wave " + wave + " changed while this "
                        + "release started (it is no longer a damaged record); nothing was changed. Check lane "
                        + "status --wave " + wave + ", then release again if it is still to go.");
            }
            Path target = moveClaimAsideAndLog(wave, lane, ws.clock().millis(), aside -> new LedgerEntry(
                    ws.clock().instant(), LedgerEvent.RELEASED, wave.value(), lane.value(), by.value(),
                    "forced; damaged claim record moved to " + ws.inbox().root().relativize(aside)));
            return new Result(null, null, null, target, false, null);
        }
    }

    /**
     * A claim folder with no record. A claimant holds the lane's claim lock from its mkdir until its record exists, so
     * a folder found without a record under that lock was left by a claimant that died right after its mkdir: it holds
     * no work. Without {@code --force}, that is said (exit 5, nothing changed: {@code lane claim} takes such a folder
     * over); forced, the folder moves aside like any released claim, under the wave's {@link IntegrateLock} and, from
     * the check to the move, the claim lock. A record that appears meanwhile (a live claimant) is contention.
     */
    private Result releaseRecordless(WaveId wave, LaneId lane, AgentId by, boolean force) {
        try (IntegrateLock integrating = IntegrateLock.acquire(ws.inbox(), wave, IntegrateLock.RELEASE + lane,
                "release", by.value(), ws.clock().instant())) {
            Runnable stillRecordless = () -> {
                if (Files.exists(ws.inbox().claimRecord(wave, lane), LinkOption.NOFOLLOW_LINKS)
                        || !Files.isDirectory(ws.inbox().claimDir(wave, lane), LinkOption.NOFOLLOW_LINKS)) {
                    throw LaneException.contention("lane " + lane + " of wave " + wave + " was being claimed while "
                            + "this release started; nothing was changed. Check lane status --wave " + wave
                            + ", then release again if it is still to go.");
                }
                if (!force) {
                    throw LaneException.refused("lane " + lane + " of wave " + wave + " has a claim folder but no "
                            + "claim record: its claimant died right after creating the folder, so the claim will "
                            + "never finish and retrying will not help. Nothing was changed. Run lane claim --wave "
                            + wave + " --lane " + lane + " to take it over, or lane release --wave " + wave
                            + " --lane " + lane + " --force to remove it.");
                }
            };
            Path target = moveClaimAsideAndLog(wave, lane, ws.clock().millis(), stillRecordless,
                    aside -> new LedgerEntry(ws.clock().instant(), LedgerEvent.RELEASED, wave.value(), lane.value(),
                            by.value(), "forced; claim folder without a record (its claimant died right after its "
                                    + "mkdir) moved to " + ws.inbox().root().relativize(aside)));
            return new Result(null, null, null, target, false, null);
        }
    }

    /** The release of a readable claim, run while holding the lane's {@link LaneWorkLock}. */
    private Result releaseHolding(WaveId wave, LaneId lane, AgentId by, boolean force, ClaimRecord claim) {
        Path worktree = Path.of(claim.worktree());
        String branchRef = "refs/heads/" + claim.branch();
        GitCli.Result branchHead = ws.git().run("rev-parse", "--verify", "-q", branchRef);
        boolean worktreeExists = Files.isDirectory(worktree, LinkOption.NOFOLLOW_LINKS);
        if (!worktreeExists) {
            // Moved by hand (git worktree move), not gone: removing its branch would leave it on no branch, and its
            // uncommitted files unseen.
            LaneCheckout.movedTo(ws.git(), worktree, claim.branch()).ifPresent(moved -> {
                throw LaneException.refused("cannot release lane " + lane + " of wave " + wave + ": "
                        + LaneCheckout.missing(ws.git(), worktree, claim.branch(), lane.value(), "release")
                        .getMessage());
            });
        }
        if (worktreeExists) {
            // git can neither see into nor remove a worktree whose link to the repository is broken (the repository
            // was moved after the claim): say how to repair it before anything is archived or removed.
            MainRepository.danglingLink(worktree).ifPresent(broken -> {
                throw LaneException.refused("cannot release lane " + lane + " of wave " + wave + ": its worktree "
                        + broken + " If the repository was moved, run git -C " + ws.repo().workTree()
                        + " worktree repair " + worktree + ", then release again. Nothing was changed.");
            });
        }
        // A folder with files but no .git file (a clean-up of old files in /tmp deleted it): git no longer sees it as a
        // worktree, so neither its status nor git worktree remove works; without --force nothing can say it holds no work.
        boolean unlinked = worktreeExists && lostItsGitFile(worktree);
        if (unlinked && !force) {
            throw LaneException.refused(LaneCheckout.unlinked(ws.git(), ws.repo().workTree(), worktree, wave.value(),
                    lane.value(), "release") + " Nothing was changed: lane cannot tell whether it holds uncommitted "
                    + "work." + (WorktreeList.lists(ws.git(), worktree) ? " To give that work up instead, run lane "
                    + "release --wave " + wave + " --lane " + lane + " --force: it deletes the folder (the branch is "
                    + "kept under refs/lane-archive/)." : ""));
        }
        String strayHead = worktreeExists && !unlinked ? strayDetachedHead(worktree, branchHead).orElse(null) : null;
        if (!force) {
            refuseIfWorkWouldBeLost(wave, lane, worktree, worktreeExists, branchHead, claim);
            if (strayHead != null) {
                throw LaneException.refused("lane " + lane + " has commits on a detached HEAD in " + worktree + " (at "
                        + strayHead.substring(0, 12) + ") that its branch " + claim.branch() + " does not hold. Bring "
                        + "them onto the branch (git switch " + claim.branch() + ", git merge " + strayHead.substring(0,
                        12) + ") and submit, or pass --force (they are kept under refs/lane-archive/ too).");
            }
        }
        Submission withdrawn = submission(wave, lane).filter(sub -> !landed(wave, lane, sub)).orElse(null);
        long now = ws.clock().millis();
        // A release of this claim killed part-way may have kept the commits already (and gone on to delete the
        // branch or the worktree): those refs are reused and named again, never made twice or left unmentioned.
        List<ArchiveRef> earlier = archivesOfThisClaim(wave, lane, claim);
        String archived = keep(earlier, false, branchHead.ok() ? branchHead.line() : null,
                "refs/lane-archive/" + wave + "/" + lane + "/" + now);
        String archivedHead = keep(earlier, true, strayHead,
                "refs/lane-archive/" + wave + "/" + lane + "/" + now + "-head");
        CrashPoint.reached("release-after-archive");
        LockFile.holding(ws.inbox().worktreesLock(), () -> {
            if (unlinked) {
                try {
                    SafeFiles.requireOwnedDirectory(worktree);
                } catch (IOException e) {
                    throw LaneException.internal("cannot check the worktree " + worktree + ": " + e.getMessage(), e);
                }
                SafeFiles.deleteTree(worktree);
            } else if (worktreeExists) {
                GitCli.Result removed = ws.git().run("worktree", "remove", "--force", "--force", worktree.toString());
                if (!removed.ok() && Files.exists(worktree, LinkOption.NOFOLLOW_LINKS)
                        && !deleteIfEmptyFolder(worktree)) {
                    throw LaneException.internal("cannot remove the worktree " + worktree + ": "
                            + removed.err().strip(), null);
                }
            }
            ws.git().run("worktree", "prune");
        });
        CrashPoint.reached("release-after-worktree-remove");
        if (branchHead.ok()) {
            ws.git().ok("update-ref", "-d", branchRef, branchHead.line());
        }
        CrashPoint.reached("release-after-branch-delete");
        String kept = (archived == null ? "" : ", branch kept as " + archived)
                + (archivedHead == null ? "" : ", detached HEAD kept as " + archivedHead)
                + (withdrawn == null ? "" : ", submission " + withdrawn.sequence() + " withdrawn");
        Path target = moveClaimAsideAndLog(wave, lane, now, aside -> new LedgerEntry(ws.clock().instant(),
                LedgerEvent.RELEASED, wave.value(), lane.value(), by.value(), (force ? "forced; " : "") + "claim of "
                        + claim.agent() + " moved to " + ws.inbox().root().relativize(aside) + kept));
        return new Result(claim, archived, archivedHead, target, worktreeExists, withdrawn);
    }

    /**
     * Whether {@code worktree}, a folder, holds files but no {@code .git} entry: it was a linked worktree whose
     * {@code .git} file someone deleted. (An empty folder is what a claimant killed before {@code git worktree add}
     * leaves: {@link #deleteIfEmptyFolder} handles that.)
     */
    private static boolean lostItsGitFile(Path worktree) {
        if (Files.exists(worktree.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var entries = Files.list(worktree)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes {@code folder} if it is an empty folder of this user's, not a link: what a claimant killed after
     * creating the worktree's folder and before {@code git worktree add} leaves (git does not know it as a worktree).
     * Holds no work. Returns whether it is gone.
     */
    private static boolean deleteIfEmptyFolder(Path folder) {
        try {
            SafeFiles.requireOwnedDirectory(folder);
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    return false;
                }
            }
            Files.delete(folder);
            return true;
        } catch (IOException | LaneException notOurs) {
            return false;
        }
    }

    /** An archive ref of the lane: where it is, the commit it keeps, and whether it keeps a detached HEAD. */
    private record ArchiveRef(String name, String commit, boolean head) {
    }

    /**
     * The lane's archive refs made since {@code claim} was claimed: only a release of that claim makes them (an
     * earlier claim's release read its time before this claim's mkdir), so they were made by a release of it that
     * was killed before it finished.
     */
    private List<ArchiveRef> archivesOfThisClaim(WaveId wave, LaneId lane, ClaimRecord claim) {
        String prefix = "refs/lane-archive/" + wave + "/" + lane + "/";
        GitCli.Result refs = ws.git().run("for-each-ref", "--format=%(refname) %(objectname)", prefix);
        List<ArchiveRef> found = new ArrayList<>();
        for (String line : refs.ok() ? refs.out().split("\n") : new String[0]) {
            String[] parts = line.strip().split(" ");
            if (parts.length != 2) {
                continue;
            }
            String stamp = parts[0].substring(prefix.length());
            boolean head = stamp.endsWith("-head");
            String millis = head ? stamp.substring(0, stamp.length() - "-head".length()) : stamp;
            if (millis.matches("[0-9]{1,18}") && Long.parseLong(millis) >= claim.claimedAt().toEpochMilli()) {
                found.add(new ArchiveRef(parts[0], parts[1], head));
            }
        }
        return found;
    }

    /**
     * The archive ref that keeps {@code commit} (a branch's, or a detached HEAD's if {@code head}): one of
     * {@code earlier} that already keeps it, else {@code fresh}, created now. With no commit to keep (the branch or
     * worktree is gone), the ref an earlier release of the claim kept it under before removing it, if any, else null.
     */
    private String keep(List<ArchiveRef> earlier, boolean head, String commit, String fresh) {
        List<ArchiveRef> kind = earlier.stream().filter(a -> a.head() == head).toList();
        if (commit == null) {
            return kind.isEmpty() ? null : kind.get(kind.size() - 1).name();
        }
        Optional<ArchiveRef> same = kind.stream().filter(a -> a.commit().equals(commit)).findFirst();
        if (same.isPresent()) {
            return same.get().name();
        }
        ws.git().ok("update-ref", fresh, commit);
        return fresh;
    }

    /**
     * Moves the claim folder to {@code <wave>/.released/<lane>.<millis>} in one atomic rename (the instant the lane is
     * free), then appends {@code entry} of where it went to the ledger, both while holding the lane's claim lock: a
     * claimant takes that lock for its mkdir, so a new claim of the lane is logged after this release, never before.
     * A crash between the two leaves the lane released with no {@code released} entry.
     */
    private Path moveClaimAsideAndLog(WaveId wave, LaneId lane, long millis, Function<Path, LedgerEntry> entry) {
        return moveClaimAsideAndLog(wave, lane, millis, () -> { }, entry);
    }

    /** {@link #moveClaimAsideAndLog(WaveId, LaneId, long, Function)}, running {@code check} first under the lock. */
    private Path moveClaimAsideAndLog(WaveId wave, LaneId lane, long millis, Runnable check,
                                      Function<Path, LedgerEntry> entry) {
        return LockFile.holding(ws.inbox().claimLock(wave, lane), () -> {
            check.run();
            Path releasedDir = ws.inbox().releasedDir(wave);
            SafeFiles.ensureDirectory(releasedDir);
            Path target = releasedDir.resolve(lane + "." + millis);
            try {
                Files.move(ws.inbox().claimDir(wave, lane), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw LaneException.internal("cannot move the claim folder aside: " + e.getMessage(), e);
            }
            CrashPoint.reached("release-after-move");
            new Ledger(ws.inbox().ledger(wave)).append(entry.apply(target));
            return target;
        });
    }

    /**
     * Whether the submission is on main: its head is (a merge landed it), or the integrator's outcome for it says it
     * landed (a {@code --squash} landing leaves the head itself out of main's history).
     */
    private boolean landed(WaveId wave, LaneId lane, Submission sub) {
        if (ws.git().run("merge-base", "--is-ancestor", sub.head(), ws.mainRef()).ok()) {
            return true;
        }
        try {
            return RecordedOutcome.read(ws.inbox().outcome(wave, lane))
                    .map(o -> o.landed(wave.value(), lane.value(), sub.sequence(), sub.head()))
                    .orElse(false);
        } catch (LaneException unreadable) {
            return false; // a report only: without it the head's place on main decides
        }
    }

    /** The lane's submission; one whose record cannot be read counts as none (release does not need it). */
    private Optional<Submission> submission(WaveId wave, LaneId lane) {
        try {
            return new SubmissionStore(ws.inbox()).submission(wave, lane);
        } catch (LaneException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The worktree's HEAD if it is detached and holds commits neither the lane's branch nor main holds: removing the
     * worktree would leave them on no ref (its HEAD's reflog goes with it).
     */
    private Optional<String> strayDetachedHead(Path worktree, GitCli.Result branchHead) {
        GitCli inWorktree = ws.git().in(worktree);
        if (inWorktree.run("symbolic-ref", "-q", "HEAD").ok()) {
            return Optional.empty();
        }
        GitCli.Result head = inWorktree.run("rev-parse", "--verify", "-q", "HEAD");
        if (!head.ok()) {
            return Optional.empty();
        }
        String commit = head.line();
        boolean held = (branchHead.ok() && ws.git().run("merge-base", "--is-ancestor", commit, branchHead.line()).ok())
                || ws.git().run("merge-base", "--is-ancestor", commit, ws.mainRef()).ok();
        return held ? Optional.empty() : Optional.of(commit);
    }

    /**
     * Whether the branch's {@code head} holds nothing but {@code kept} (the submitted head, or the claim's base) and
     * main: its tree is the one a clean merge of {@code kept} with the main commit the branch last took in gives. That
     * is a {@code lane sync} (by merge or by rebase) after which the agent added nothing: removing it loses no work.
     */
    private boolean onlyMainBroughtIn(String head, String kept) {
        Optional<String> mainTakenIn = ForkPoint.of(ws.git(), head, ws.mainRef());
        if (mainTakenIn.isEmpty()) {
            return false;
        }
        GitCli.Result merged = ws.git().run("merge-tree", "--write-tree", kept, mainTakenIn.get());
        GitCli.Result tree = ws.git().run("rev-parse", "--verify", "-q", head + "^{tree}");
        return merged.ok() && tree.ok() && merged.out().lines().findFirst().orElse("").equals(tree.line());
    }

    private void refuseIfWorkWouldBeLost(WaveId wave, LaneId lane, Path worktree, boolean worktreeExists,
                                         GitCli.Result branchHead, ClaimRecord claim) {
        String retry = " Submit it first, or pass --force (the branch is kept under refs/lane-archive/).";
        if (worktreeExists) {
            GitCli.Result status = ws.git().in(worktree).run("status", "--porcelain", "--untracked-files=all");
            if (status.ok() && !status.out().isBlank()) {
                throw LaneException.refused("lane " + lane + " has uncommitted changes in " + worktree + ":\n  "
                        + String.join("\n  ", status.out().strip().split("\n")) + "\n" + retry.strip());
            }
        }
        if (!branchHead.ok()) {
            return;
        }
        Optional<Submission> submitted = submission(wave, lane);
        String head = branchHead.line();
        boolean onlyBase = head.equals(claim.base());
        boolean allSubmitted = submitted.map(s -> s.head().equals(head)).orElse(false);
        boolean inMain = ws.git().run("merge-base", "--is-ancestor", head, ws.mainRef()).ok();
        if (!onlyBase && !allSubmitted && !inMain
                && !onlyMainBroughtIn(head, submitted.map(Submission::head).orElse(claim.base()))) {
            throw LaneException.refused("lane " + lane + " has commits that were never submitted (branch "
                    + claim.branch() + " at " + head.substring(0, 12) + ")." + retry);
        }
    }
}
