package dev.lane.submit;

import dev.lane.claim.ClaimInProgress;
import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimState;
import dev.lane.claim.ClaimStore;
import dev.lane.config.ConfigLoader;
import dev.lane.core.CrashPoint;
import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.fs.SafeFiles;
import dev.lane.integrate.BookkeepingSubjects;
import dev.lane.integrate.BumpOutlook;
import dev.lane.intent.BumpLevel;
import dev.lane.intent.BumpRequest;
import dev.lane.intent.Intents;
import dev.lane.intent.LandedIntents;
import dev.lane.intent.Manifest;
import dev.lane.intent.MigrationNumbers;
import dev.lane.ledger.Ledger;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.names.LaneId;
import dev.lane.names.Name;
import dev.lane.names.WaveId;
import dev.lane.repo.GitCli;
import dev.lane.repo.Identity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Submits a lane: commits its work (with {@code -m}), turns its shared-file edits into intents, takes those edits
 * out of its branch, and records the submission.
 *
 * <p>Protocol. One submit, sync or release of a lane at a time: the lane's {@link LaneWorkLock} is taken once the
 * claim is read, and a second one is refused (exit 3) before it reads the worktree. Everything that can refuse runs
 * before anything changes: the explicit options are parsed, the worktree is checked to be on the lane's branch with
 * no rebase or unresolved conflict in progress ({@link LaneCheckout}), the lane's would-be tree is built in a scratch index (so
 * uncommitted work can be inspected without committing it), its shared-surface changes are detected and every intent
 * is validated ({@link SharedEditsToIntents#plan}, the step {@code lane sync} shares), and the earlier submission is
 * read. Only then, in order: (1) the work is
 * committed, (2) {@code intents.json} is written atomically with the lane's old intents plus the new ones,
 * (3) a commit restores the shared files to their fork-point content, (4) {@code submission.json} is written
 * atomically, with what of the lane's intents its earlier submissions landed ({@link LandedIntents}: from the
 * previous submission and the lane's outcome, read before (1); a rerun after a crash reads them again, or the
 * record a crashed submit wrote, which carries the same), (5) the ledger gets the entry (its time is the
 * submission's own). A crash after (2) loses nothing: the
 * intents are saved and a re-run detects the same edits again (adding them to a set is idempotent) or, after (3),
 * none. A crash between (4) and (5) leaves a submission the ledger does not know (status shows it, integrate may land
 * it): the next submit of the lane finds no submit entry bearing its time and logs it, marked as logged late, just
 * before its own entry, in one block. The integrator only ever reads (4), whose head never contains shared-file
 * edits.
 */
public final class SubmitService {
    private final Workspace ws;
    private final ClaimStore claims;
    private final SubmissionStore store;

    public SubmitService(Workspace ws) {
        this.ws = ws;
        this.claims = new ClaimStore(ws.inbox());
        this.store = new SubmissionStore(ws.inbox());
    }

    /** What the caller asked for: -m, --manifest and --bump. */
    public record Request(WaveId wave, LaneId lane, String message, List<String> manifest, String bump,
                          boolean resetIntents) {
    }

    /** What submit did. */
    public record Result(Submission submission, boolean resubmission, boolean committedWork, List<String> movedFiles,
                         List<String> notices) {
    }

    public Result submit(Request request) {
        if (request.message() != null && request.message().isBlank()) { // git would refuse it after git add -A
            throw LaneException.usage("-m is empty: give the message to commit the worktree's changes with "
                    + "(-m 'what you did'), or leave -m out if they are committed already");
        }
        BumpRequest explicitBump = request.bump() == null ? null : BumpRequest.parse(request.bump());
        for (String entry : request.manifest()) {
            if (!Manifest.isValidEntry(entry)) {
                throw LaneException.usage("--manifest " + Name.quote(entry) + " is not a plain migration file name "
                        + "(like 262_add_index.sql)");
            }
        }
        ClaimRecord claim = claims.requireToWork(request.wave(), request.lane(), "submit");
        if (claim.state() != ClaimState.CLAIMED) {
            throw ClaimInProgress.refusal(claim, "submit");
        }
        try (LaneWorkLock lock = LaneWorkLock.acquire(ws.inbox(), request.wave(), request.lane(), "submit",
                claim.agent(), claim, ws.clock().instant())) {
            return submitHolding(request, claim, explicitBump);
        }
    }

    /** The submit itself, run while holding the lane's {@link LaneWorkLock}. */
    private Result submitHolding(Request request, ClaimRecord claim, BumpRequest explicitBump) {
        Path worktree = Path.of(claim.worktree());
        if (!Files.isDirectory(worktree)) {
            throw LaneCheckout.missing(ws.git(), worktree, claim.branch(), request.lane().value(), "submit");
        }
        LaneCheckout.requireLinked(ws.git(), ws.repo().workTree(), worktree, request.wave().value(),
                request.lane().value(), "submit");
        GitCli git = Identity.forCommits(ws.git().in(worktree), claim.agent());
        LaneCheckout.requireReady(git, worktree, claim.branch(), "submit");
        List<String> dirty = dirtyFiles(git);
        if (!dirty.isEmpty() && request.message() == null) {
            throw LaneException.usage("the worktree " + worktree + " has uncommitted changes:\n  "
                    + String.join("\n  ", dirty) + "\ncommit them, or pass -m MESSAGE to have submit commit them all");
        }
        String tree = dirty.isEmpty() ? git.ok("rev-parse", "HEAD^{tree}").line() : scratchTree(git);
        String fork = forkPoint(git, claim);
        refuseInboxChanges(git, fork, tree);
        refuseConfigChange(git, fork, tree);

        Intents previous = request.resetIntents() ? Intents.none() : store.intents(request.wave(), request.lane());
        Intents explicit = new Intents(request.manifest(), explicitBump, List.of());
        SharedEditsToIntents.Plan moving = SharedEditsToIntents.plan(git, ws.config(), fork, tree, previous, explicit,
                "submit", ws.mainRef());
        Intents intents = moving.intents();

        // What this submission follows (it may read the ledger, which can refuse): read before anything changes.
        SubmissionStore.Earlier earlier = store.earlier(request.wave(), request.lane());
        LandedIntents landed = store.landedBefore(request.wave(), request.lane(), earlier.previous());
        boolean committed = false;
        if (!dirty.isEmpty()) {
            git.ok("add", "-A");
            // Changes can cancel out once all is added (a file unstaged with git rm --cached): nothing to commit then,
            // unless a merge is being concluded.
            if (!git.run("diff", "--cached", "--quiet").ok() || LaneCheckout.mergeInProgress(git)) {
                git.ok("commit", "-q", "--no-verify", "-m", request.message());
                committed = true;
            }
        }
        CrashPoint.reached("submit-after-commit");
        moving.apply(git, store, request.wave(), request.lane(), BookkeepingSubjects.SUBMIT_RESTORE);
        CrashPoint.reached("submit-after-restore");
        String head = git.ok("rev-parse", "HEAD").line();
        int sequence = earlier.nextSequence();
        Submission submission = new Submission(request.wave().value(), request.lane().value(), claim.agent(), head,
                fork, ws.clock().instant(), sequence, intents, landed);
        store.writeSubmission(submission);
        CrashPoint.reached("submit-after-submission");
        boolean resubmission = earlier.exists();
        List<LedgerEntry> entries = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        Submission unlogged = earlier.unlogged();
        if (unlogged != null) { // its submit was killed before logging it: the ledger learns of it now, first
            entries.add(submitEntry(unlogged, submission.submittedAt(), unlogged.sequence() > 1, "; logged late: "
                    + "the submit that wrote it at " + unlogged.submittedAt() + " stopped before its ledger entry"));
            notices.add("submission " + unlogged.sequence() + " (head " + unlogged.head().substring(0, 12) + "), "
                    + "written by a submit that stopped before logging it, is now in the ledger too");
        }
        entries.add(submitEntry(submission, submission.submittedAt(), resubmission, ""));
        new Ledger(ws.inbox().ledger(request.wave())).append(entries);
        notices.addAll(moving.notices());
        staleBump(request.wave(), request.lane(), intents.bump()).ifPresent(notices::add);
        notices.addAll(numbersTakenOnMain(git, intents));
        if (head.equals(fork) && intents.isEmpty()) {
            notices.add("this submission holds nothing to land: the lane has no commit beyond its base "
                    + fork.substring(0, 12) + " and no intents (was the work done in another folder?)");
        }
        return new Result(submission, resubmission, committed, moving.surfacePaths(), notices);
    }

    /** The ledger entry of {@code s}, logged at {@code time}: {@code submitted}, or {@code resubmitted}. */
    private static LedgerEntry submitEntry(Submission s, Instant time, boolean resubmission, String note) {
        return new LedgerEntry(time, resubmission ? LedgerEvent.RESUBMITTED : LedgerEvent.SUBMITTED, s.wave(),
                s.lane(), s.agent(), "head " + s.head().substring(0, 12) + (resubmission ? " (submission "
                        + s.sequence() + ")" : "") + ", " + s.intents().summary() + note);
    }

    /**
     * A notice when an integrate pass run now would not apply the lane's bump request: main has reached the version it
     * asks for since the lane's base (another wave bumped), by the pass's own rule ({@link BumpOutlook}). A request the
     * wave's own earlier bump covers gets none (the pass says nothing of it either), and neither does a level on a
     * wave that never bumped: it applies to main's version as the wave finds it.
     */
    private Optional<String> staleBump(WaveId wave, LaneId lane, BumpRequest bump) {
        return BumpOutlook.of(ws, wave, lane.value(), bump).map(stale -> "bump " + bump + " will not be applied: "
                + "main is at " + stale.mainVersion() + " now, since this lane's base; run lane sync, then ask for "
                + (BumpLevel.parse(stale.smallest()).isPresent() ? "a higher version or a level" : "a higher version")
                + " (--bump " + stale.smallest() + ")");
    }

    /**
     * A notice for each of the lane's new manifest entries whose migration number main's manifest gives to another
     * migration now: listed since the lane's base (another wave landed it, or another lane of this one), so submit's
     * rule on the base's manifest could not see it, and a pass run now would park the lane for it, in the same words.
     * Reads main's manifest only when the lane has manifest entries.
     */
    private List<String> numbersTakenOnMain(GitCli git, Intents intents) {
        if (intents.manifest().isEmpty()) {
            return List.of();
        }
        Set<String> onMain = SurfaceChanges.manifestAt(git, ws.config(), ws.mainRef());
        return MigrationNumbers.listedIn(onMain).clashes(intents.manifest()).stream()
                .map(c -> c.sentence() + ", listed on main since this lane's base: a pass run now would park this "
                        + "lane. Give " + c.entry() + " a free number (git mv), then lane sync and lane submit again")
                .toList();
    }

    /**
     * Refuses (exit 2) a lane whose tree changes files under the inbox, or puts a file (a symlink, say) at the inbox's
     * path or at a folder above it: the inbox is lane's own state in the main checkout (claims, intents, ledgers),
     * never committed; landed on main, such files would be written over that state, or delete it, when integrate
     * updates the main checkout. (integrate parks such a lane too, for one that got past this check.)
     */
    private void refuseInboxChanges(GitCli git, String fork, String tree) {
        Optional<String> inCheckout = ws.inboxInCheckout();
        if (inCheckout.isEmpty()) {
            return;
        }
        String folder = inCheckout.get();
        Path relative = Path.of(folder);
        Path inbox = ws.inbox().root();
        List<String> pathspecs = new ArrayList<>(List.of("diff", "--name-status", "--no-renames", fork, tree, "--"));
        Set<String> above = new java.util.LinkedHashSet<>();
        for (Path p = relative; p != null; p = p.getParent()) {
            pathspecs.add(":(top,literal)" + p);
            if (!p.equals(relative)) {
                above.add(p.toString());
            }
        }
        List<String> changed = java.util.Arrays.stream(git.ok(pathspecs.toArray(String[]::new)).out().split("\n"))
                .map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> {
                    String path = l.substring(l.indexOf('\t') + 1);
                    return path.equals(folder) || path.startsWith(folder + "/") || above.contains(path);
                }).toList();
        if (!changed.isEmpty()) {
            throw LaneException.usage("the lane changes files at or under the inbox " + folder + ", which holds "
                    + "lane's own state in the main checkout and never travels in a lane's branch:\n  "
                    + String.join("\n  ", changed) + "\nTake them out of the lane (delete them, or git rm -r --cached "
                    + "-- <path> and commit; an agent's own notes go in its claim folder "
                    + inbox + "/<wave>/<lane>, in the main checkout), then submit again. Nothing was changed.");
        }
    }

    /**
     * Refuses (exit 2) a lane whose tree changes {@code lanes.yml}: it configures lane itself (the integrator's
     * {@code check:}, the migrations the manifest must list, where the inbox is), so a change landed through a lane
     * would change how the next passes judge every lane, halfway through a wave. It is changed on main instead.
     */
    private void refuseConfigChange(GitCli git, String fork, String tree) {
        String changed = git.ok("diff", "--name-status", "--no-renames", fork, tree, "--",
                ":(top,literal)" + ConfigLoader.FILE_NAME).out().strip();
        if (!changed.isEmpty()) {
            throw LaneException.usage("the lane changes " + ConfigLoader.FILE_NAME + " (" + changed.replace('\t', ' ')
                    + "), lane's own configuration (the integrator's check, the required migrations, the inbox): a "
                    + "lane may not change it, or it would change how the next passes judge every lane of the wave. "
                    + "Take the change out of the lane (git checkout " + fork.substring(0, 12) + " -- "
                    + ConfigLoader.FILE_NAME + ", then commit if it was committed), then submit again; change "
                    + ConfigLoader.FILE_NAME + " on " + ws.config().main() + " itself. Nothing was changed.");
        }
    }

    /** Changed, added, deleted and untracked files of the worktree, as {@code git status} names them. */
    private static List<String> dirtyFiles(GitCli git) {
        String[] parts = git.ok("status", "--porcelain=v1", "-z", "--untracked-files=all").out().split("\0");
        List<String> files = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.length() < 4) {
                continue;
            }
            files.add(p.substring(0, 2).trim() + " " + p.substring(3));
            if (p.charAt(0) == 'R' || p.charAt(0) == 'C') {
                i++; // a rename's second entry is its source path
            }
        }
        return files;
    }

    /** The tree the worktree would commit, built in a copy of its index so nothing real changes. */
    private static String scratchTree(GitCli git) {
        Path index = Path.of(git.ok("rev-parse", "--path-format=absolute", "--git-path", "index").line());
        Path scratch = index.resolveSibling("lane-submit-index-" + ProcessHandle.current().pid());
        try {
            if (Files.exists(index)) {
                Files.copy(index, scratch, StandardCopyOption.REPLACE_EXISTING);
            }
            GitCli scratchGit = git.withEnv(Map.of("GIT_INDEX_FILE", scratch.toString()));
            GitCli.Result staged = scratchGit.run("add", "-A");
            if (!staged.ok()) { // git's own rule (core.safecrlf, an unreadable file): the user's to settle
                throw LaneException.refused("git will not stage the worktree's changes, so nothing was submitted or "
                        + "committed: " + staged.err().strip() + "\nFix what git names (or the setting behind it), or "
                        + "commit the changes yourself, then submit again.");
            }
            return scratchGit.ok("write-tree").line();
        } catch (IOException e) {
            throw LaneException.internal("cannot copy the index " + index + ": " + e.getMessage(), e);
        } finally {
            SafeFiles.deleteQuietly(scratch); // a stray scratch file is harmless
        }
    }

    private String forkPoint(GitCli git, ClaimRecord claim) {
        return ForkPoint.of(git, "HEAD", ws.mainRef()).orElse(claim.base());
    }
}
