package dev.lane.claim;

import dev.lane.core.CrashPoint;
import dev.lane.core.Host;
import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.fs.LockFile;
import dev.lane.fs.SafeFiles;
import dev.lane.inbox.Inbox;
import dev.lane.inbox.InboxGitignore;
import dev.lane.inbox.InboxOwner;
import dev.lane.ledger.Ledger;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.names.AgentId;
import dev.lane.names.LaneId;
import dev.lane.names.Name;
import dev.lane.names.WaveId;
import dev.lane.repo.GitCli;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Claims a lane: exactly one of any number of concurrent claimants wins, and the winner gets a worktree on a fresh
 * branch from main's head.
 *
 * <p>Protocol. The claim is the atomic {@code mkdir <inbox>/<wave>/<lane>}: the one process whose mkdir succeeds
 * owns the lane; every other gets {@link dev.lane.core.ExitCode#CONTENTION} naming the holder. Each claimant makes
 * its mkdir while holding the lane's claim lock ({@code <wave>/.<lane>.claim.lock}, a POSIX lock the kernel drops
 * when its holder dies) and keeps it until {@code claim.json} exists in state CLAIMING: so a loser, which reads the
 * record under the same lock, can always name the holder, and a claim folder without a record found under the lock
 * was left by a claimant that died right after its mkdir. The winner then, in order: creates the worktree folder
 * itself (private, refusing any existing path or planted link); creates the lane's branch at main's head with one
 * {@code git update-ref} whose expected old value is "absent" (atomic: an existing branch is refused, never taken
 * over, and a failed claim only ever deletes a branch it made, and only while it is still where it was made); runs
 * {@code git worktree add <folder> <branch>} (no tracking config, so parallel claims never race on
 * {@code .git/config.lock}; under the inbox's {@code .worktrees.lock}, because parallel adds read each other's
 * half-written admin files and fail); rewrites {@code claim.json} as CLAIMED with the base commit; and appends to the
 * ledger. Main's head is read by a git process started before the mkdir ({@link MainHeadRead}: by the CLI at
 * start-up when it can), which runs while the claim is made: the base is main's head when the claim began. If any
 * step after the mkdir fails, everything it made is undone in reverse (worktree, branch, claim folder) and the error
 * says which step failed (and names anything it could not undo).
 *
 * <p>A claimant killed mid-claim leaves a claim folder with no record (killed right after the mkdir) or one in
 * state CLAIMING whose pid is dead. The next claimant of that lane sees that under the claim lock (for a CLAIMING
 * record: on the same host, and read again after its process was seen dead, because a claimant can finish its claim
 * and exit between the first read and that check), removes the empty folder or moves the dead one aside with one
 * atomic rename (only one racer can win that rename), removes what the dead claim made, and claims again. So a
 * half-made claim never blocks a lane for longer than it takes to notice it. What it removes holds no work: the
 * registered worktree at the claim's path (or an empty folder there) and the claim's branch if main contains it,
 * which may be a branch of that name the dead claimant found rather than made (then only a name is lost).
 */
public final class ClaimService {
    private final Workspace ws;
    private final ClaimStore store;

    public ClaimService(Workspace ws) {
        this.ws = ws;
        this.store = new ClaimStore(ws.inbox());
    }

    /**
     * Readies, on the calling thread, JDK state that a claim's first steps would otherwise build on its own path: the
     * hashing of its ledger entry and the time format of its record. For a start-up thread with time to spare.
     */
    public static void readyAhead() {
        Ledger.readyHashing();
        Instant.EPOCH.toString(); // loads the ISO time formatters the claim record and the ledger use
    }

    public ClaimRecord claim(WaveId wave, LaneId lane, AgentId agent) {
        // Main's head is read by a git started now, while the claim folder and record are made: it needs neither.
        return claim(wave, lane, agent, MainHeadRead.start(ws));
    }

    /**
     * Claims with main's head read by {@code mainHead}, started earlier for this workspace (see
     * {@link MainHeadRead}); the claim owns it from now on.
     */
    public ClaimRecord claim(WaveId wave, LaneId lane, AgentId agent, MainHeadRead mainHead) {
        if (!mainHead.isFor(ws)) {
            mainHead.close();
            throw new IllegalArgumentException("a read of another workspace's main branch");
        }
        Inbox inbox = ws.inbox();
        Path claimDir = inbox.claimDir(wave, lane);
        Path worktree = ws.worktreePath(wave, lane);
        String branch = ws.branchName(wave, lane);
        try {
            refuseWorktreeInLaneOrGitState(worktree, inbox);
        } catch (RuntimeException refused) {
            mainHead.close();
            throw refused;
        }
        Rollback rollback = new Rollback(claimDir);
        ClaimRecord pending;
        try {
            InboxOwner.claimFor(inbox.root(), ws.repo().workTree(), ws.repo().gitDir());
            SafeFiles.ensureDirectory(inbox.waveDir(wave));
            InboxGitignore.ensure(inbox, ws.repo().workTree(), ws.git());
            pending = LockFile.holding(inbox.claimLock(wave, lane), () -> {
                makeClaimFolder(wave, lane, agent, claimDir);
                ClaimRecord record = new ClaimRecord(wave.value(), lane.value(), agent.value(),
                        ws.clock().instant(), ClaimState.CLAIMING, null, worktree.toString(), branch, Host.name(),
                        ProcessHandle.current().pid());
                try {
                    CrashPoint.reached("claim-after-mkdir");
                    store.write(record);
                } catch (RuntimeException failure) {
                    rollback.undo(failure);
                    throw failure;
                }
                return record;
            });
        } catch (RuntimeException notClaimed) {
            mainHead.close(); // nothing was claimed, so its answer is not needed
            throw notClaimed;
        }
        try {
            CrashPoint.reached("claim-after-record");
            String base = mainHead.base();
            createWorktreeFolder(worktree, wave, lane);
            rollback.worktreeFolder = worktree;
            createBranch(branch, base, wave, lane);
            rollback.branch = branch;
            rollback.base = base;
            CrashPoint.reached("claim-after-branch");
            Checkout checkout = LockFile.holding(inbox.worktreesLock(), () -> {
                Process add = ws.git().start("-c", GitCli.parallelCheckout(), "worktree", "add", "-q",
                        worktree.toString(), branch);
                // Readied while git checks out (the first hashing of a process costs some milliseconds).
                Ledger ledger = new Ledger(inbox.ledger(wave));
                return new Checkout(GitCli.await(add), ledger);
            });
            GitCli.Result add = checkout.git();
            if (!add.ok()) {
                throw LaneException.internal("git worktree add failed for " + worktree + ": " + add.err().strip(), null);
            }
            CrashPoint.reached("claim-after-worktree-add");
            ClaimRecord done = pending.completed(base);
            store.write(done);
            checkout.ledger().append(new LedgerEntry(done.claimedAt(), LedgerEvent.CLAIMED,
                    wave.value(), lane.value(), agent.value(),
                    "worktree " + worktree + ", branch " + branch + ", base " + base.substring(0, 12)));
            return done;
        } catch (RuntimeException failure) {
            rollback.undo(failure);
            throw failure;
        }
    }

    /** What {@code git worktree add} returned, and the wave's ledger, readied while git ran. */
    private record Checkout(GitCli.Result git, Ledger ledger) {
    }

    /** The atomic mkdir, run while holding the lane's claim lock; takes over a dead half-made claim once. */
    private void makeClaimFolder(WaveId wave, LaneId lane, AgentId agent, Path claimDir) {
        for (int attempt = 0; ; attempt++) {
            try {
                Files.createDirectory(claimDir);
                return;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 0 && takeOverDeadClaim(wave, lane)) {
                    continue;
                }
                throw heldBy(wave, lane, agent);
            } catch (IOException e) {
                throw LaneException.internal("cannot create the claim folder " + claimDir + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The refusal of a lane that is taken. Exit 3 also when {@code agent} itself holds it (agent ids are not secrets:
     * two processes may share one), but then the message says so, with the claim's time, process and worktree, so
     * that a retrying script can tell its own earlier claim from someone else's.
     */
    private LaneException heldBy(WaveId wave, LaneId lane, AgentId agent) {
        Optional<ClaimRecord> holder = Optional.empty();
        try {
            holder = store.read(wave, lane);
        } catch (LaneException damaged) {
            // Records are replaced by atomic renames and read under the claim lock: unreadable means damaged.
            return LaneException.refused("lane " + lane + " of wave " + wave + " is claimed, but its claim record is "
                    + "damaged (" + damaged.getMessage() + "). Retrying will not help: if no one holds the lane, run "
                    + "lane release --wave " + wave + " --lane " + lane + " --force, then claim again.");
        }
        if (holder.isPresent() && holder.get().agent().equals(agent.value())) {
            ClaimRecord h = holder.get();
            return LaneException.contention("lane " + lane + " of wave " + wave + " is already claimed by this agent ("
                    + agent + ") since " + h.claimedAt() + (h.state() == ClaimState.CLAIMING
                            ? " (claim still being set up)" : "") + ", by pid " + h.pid() + " on " + h.host()
                    + ", worktree " + h.worktree() + ". If that claim is yours, work in that worktree; to start over, "
                    + "run: lane release --wave " + wave + " --lane " + lane);
        }
        String who = holder.map(h -> "held by agent " + h.agent() + " since " + h.claimedAt()
                        + (h.state() == ClaimState.CLAIMING ? " (claim still being set up)" : "")
                        + ", worktree " + h.worktree())
                .orElse("being claimed right now by another process");
        return LaneException.contention("lane " + lane + " of wave " + wave + " is already claimed: " + who
                + ". Pick another lane, or ask the holder to run: lane release --wave " + wave + " --lane " + lane);
    }

    /**
     * Refuses, before anything is made, a worktree path the {@code worktree:} template puts inside the inbox (lane
     * takes every folder there for a wave, so the worktree would show as one) or inside git's own folder.
     */
    private void refuseWorktreeInLaneOrGitState(Path worktree, Inbox inbox) {
        Path inboxRoot = inbox.root().toAbsolutePath().normalize();
        Path gitDir = ws.repo().gitDir().toAbsolutePath().normalize();
        Path inside = worktree.startsWith(inboxRoot) ? inboxRoot : worktree.startsWith(gitDir) ? gitDir : null;
        if (inside != null) {
            throw LaneException.usage("the worktree: template in lanes.yml (" + ws.config().worktree() + ") puts the "
                    + "worktree " + worktree + " inside " + (inside == inboxRoot ? "the inbox " + inside + ", whose "
                    + "folders lane takes for waves" : "git's own folder " + inside) + "; set worktree: to a place "
                    + "outside it, like /tmp/{repo}-{wave}-{lane}");
        }
    }

    /**
     * Creates the lane's branch at {@code base} with one compare-and-swap that requires it not to exist: so the
     * claim never takes over, or later deletes, a branch it did not create. An existing branch is refused.
     */
    private void createBranch(String branch, String base, WaveId wave, LaneId lane) {
        if (branch.equals("HEAD") || branch.startsWith("-")) { // update-ref takes them; git branch and checkout do not
            throw LaneException.usage("the branch: template in lanes.yml gives '" + branch + "', which git cannot use "
                    + "as a branch name; include {wave} and {lane} in it, as in lane/{wave}/{lane}");
        }
        String ref = "refs/heads/" + branch;
        GitCli.Result created = ws.git().run("update-ref", "-m", "lane claim: created from " + ws.config().main(),
                ref, base, "");
        if (created.ok()) {
            return;
        }
        GitCli.Result existing = ws.git().run("rev-parse", "--verify", "-q", ref);
        if (existing.ok()) {
            otherLaneWith(wave, lane, c -> c.branch().equals(branch)).ifPresent(other -> {
                throw LaneException.usage("branch " + branch + " is the branch of " + other + ": "
                        + sharedBy("branch", ws.config().branch(), "lane/{wave}/{lane}"));
            });
            throw LaneException.refused("branch " + branch + " already exists (at " + existing.line().substring(0, 12)
                    + "); a lane branch must start fresh from " + ws.config().main() + ". Delete it (git branch -D "
                    + branch + ") if it is left over, then claim again.");
        }
        if (!isBranchName(branch)) {
            throw LaneException.usage(notABranchName(branch, wave, lane));
        }
        blockingBranch(branch).ifPresent(other -> {
            throw LaneException.refused("branch " + other + " exists, so git cannot create the lane's branch " + branch
                    + (other.length() < branch.length() ? " below it" : " above it") + " (a branch name cannot also "
                    + "be a folder of branch names). Rename or delete " + other + ", or set branch: in lanes.yml to "
                    + "another prefix, then claim again.");
        });
        Optional<Path> hook = referenceTransactionHook();
        if (hook.isPresent()) {
            throw LaneException.refused("git refused to create branch " + branch + ": " + created.err().strip()
                    + ". This repository runs a reference-transaction hook (" + hook.get() + ") on every branch "
                    + "update, and if it refused, that is this repository's policy: ask its owner, then claim again.");
        }
        throw LaneException.internal("cannot create branch " + branch + ": " + created.err().strip(), null);
    }

    /**
     * The repository's {@code reference-transaction} hook, if one would run (where {@code core.hooksPath} or git's
     * folder puts it, executable): the one user hook lane's ref updates keep ({@link GitCli}), which may refuse them.
     */
    private Optional<Path> referenceTransactionHook() {
        GitCli.Result where = ws.git().run("rev-parse", "--path-format=absolute", "--git-path",
                "hooks/reference-transaction");
        if (!where.ok()) {
            return Optional.empty();
        }
        Path hook = Path.of(where.line());
        return Files.isRegularFile(hook) && Files.isExecutable(hook) ? Optional.of(hook) : Optional.empty();
    }

    /**
     * A branch whose name is a folder of {@code branch} ({@code lane/45} for {@code lane/45/dimA}), or one named
     * below {@code branch} as a folder: either keeps git from creating {@code branch}.
     */
    private Optional<String> blockingBranch(String branch) {
        for (int slash = branch.indexOf('/'); slash > 0; slash = branch.indexOf('/', slash + 1)) {
            String folder = branch.substring(0, slash);
            if (ws.git().run("rev-parse", "--verify", "-q", "refs/heads/" + folder).ok()) {
                return Optional.of(folder);
            }
        }
        GitCli.Result below = ws.git().run("for-each-ref", "--count=1", "--format=%(refname:short)",
                "refs/heads/" + branch + "/");
        return below.ok() && !below.out().isBlank() ? Optional.of(below.line()) : Optional.empty();
    }

    private boolean isBranchName(String branch) {
        return ws.git().run("check-ref-format", "--branch", branch).ok();
    }

    /**
     * Why {@code branch} is no branch name: the wave's or the lane's name, if the template gives a valid one with a
     * plain name in its place (a lane named {@code dimA.} under {@code lane/{wave}/{lane}}), else the template.
     */
    private String notABranchName(String branch, WaveId wave, LaneId lane) {
        String kind = isBranchName(ws.branchName(wave, new LaneId("lane"))) ? "lane"
                : isBranchName(ws.branchName(new WaveId("wave"), lane)) ? "wave" : null;
        if (kind == null) {
            return "the branch: template in lanes.yml gives '" + branch + "', which is not a valid git branch name; "
                    + "include {wave} and {lane} in it, as in lane/{wave}/{lane}";
        }
        return "the " + kind + " name " + Name.quote(kind.equals("lane") ? lane.value() : wave.value()) + " gives the "
                + "branch '" + branch + "', which is not a valid git branch name (see git check-ref-format: a branch "
                + "name cannot end in '.', for one); pick another " + kind + " name";
    }

    /**
     * Another lane's claim (of any wave) that {@code same} picks, as "lane L of wave W (agent A)": a template without
     * {@code {wave}} or {@code {lane}} gives two lanes one worktree or branch, which must not be offered for removal.
     */
    private Optional<String> otherLaneWith(WaveId wave, LaneId lane, Predicate<ClaimRecord> same) {
        for (WaveId w : store.waves()) {
            for (ClaimRecord c : store.scanWave(w).claims()) {
                if (!(c.wave().equals(wave.value()) && c.lane().equals(lane.value())) && same.test(c)) {
                    return Optional.of("lane " + c.lane() + " of wave " + c.wave() + " (agent " + c.agent() + ")");
                }
            }
        }
        return Optional.empty();
    }

    /** Why the {@code setting:} template gives two lanes one name, and what to do about it. */
    private static String sharedBy(String setting, String template, String separated) {
        if (template.contains("{wave}") && template.contains("{lane}")) {
            return "with the " + setting + ": template " + template + " their wave and lane names meet at the "
                    + "template's joins ('-' in a name reads like a '-' between names). Claim a lane whose name gives "
                    + "another " + setting + ", or separate {wave} and {lane} with '/' in " + setting + ": in lanes.yml"
                    + " (as in " + separated + ")";
        }
        return "the " + setting + ": template in lanes.yml gives two lanes one " + setting + "; include {wave} and "
                + "{lane} in it, as in " + separated;
    }

    private void createWorktreeFolder(Path worktree, WaveId wave, LaneId lane) {
        try {
            SafeFiles.ensureFoldersAbove(worktree);
            SafeFiles.createPrivateDirectory(worktree);
        } catch (FileAlreadyExistsException e) {
            otherLaneWith(wave, lane, c -> Path.of(c.worktree()).equals(worktree)).ifPresent(other -> {
                throw LaneException.usage("the worktree path " + worktree + " is the worktree of " + other + ": "
                        + sharedBy("worktree", ws.config().worktree(), "/tmp/{repo}/{wave}/{lane}"));
            });
            OrphanedWorktree.branchAt(ws, worktree).ifPresent(branch -> {
                throw LaneException.refused("the worktree path " + worktree + " already exists: it is a git worktree "
                        + "of this repository, on " + (branch.isEmpty() ? "a detached HEAD" : "branch " + branch)
                        + ", that no claim holds (an earlier claim of this lane whose claim folder was removed by "
                        + "hand?). " + OrphanedWorktree.wayOut(worktree, branch.isEmpty() ? null : branch)
                        + " Nothing was changed.");
            });
            String what = Files.isSymbolicLink(worktree) ? "a symbolic link" : "something";
            throw LaneException.refused("the worktree path " + worktree + " already exists (" + what
                    + " lane did not create); remove it or set worktree: in lanes.yml, then claim again");
        } catch (IOException e) {
            throw LaneException.internal("cannot create the worktree folder " + worktree + ": " + e.getMessage(), e);
        }
    }

    /**
     * Called while holding the lane's claim lock, so no live claimant is between its mkdir and its first record.
     * If the claim folder has no record (its claimant died right after the mkdir) or holds a CLAIMING record of a
     * dead process on this host, moves it aside atomically and removes what that claim made. Returns true if the
     * caller should try its mkdir again.
     */
    private boolean takeOverDeadClaim(WaveId wave, LaneId lane) {
        Path claimDir = ws.inbox().claimDir(wave, lane);
        try {
            SafeFiles.requireOwnedDirectory(claimDir);
        } catch (IOException e) {
            return false;
        }
        Optional<ClaimRecord> existing;
        try {
            existing = store.read(wave, lane);
        } catch (LaneException damaged) {
            return false;
        }
        if (existing.isEmpty()) {
            return takeOverRecordlessClaim(wave, lane, claimDir);
        }
        ClaimRecord dead = existing.get();
        if (dead.state() != ClaimState.CLAIMING
                || Host.stateOf(dead.host(), dead.pid()) != Host.ProcessState.GONE) {
            return false;
        }
        // The record was read before its process was seen dead: in between, that claimant may have finished its
        // claim (CLAIMED) and exited. A dead process writes nothing more, so a record read now is final: take over
        // only if it is still the same half-made one.
        try {
            if (!store.read(wave, lane).equals(existing)) {
                return false;
            }
        } catch (LaneException damaged) {
            return false;
        }
        Path aside = ws.inbox().waveDir(wave).resolve(".dead-" + lane + "-" + dead.pid() + "-" + System.nanoTime());
        try {
            Files.move(claimDir, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException raced) {
            return true; // another claimant moved it first: just try the mkdir again
        } catch (IOException e) {
            return false;
        }
        removeWhatADeadClaimMade(dead);
        SafeFiles.deleteTree(aside);
        new Ledger(ws.inbox().ledger(wave)).append(new LedgerEntry(ws.clock().instant(), LedgerEvent.CLAIM_ROLLED_BACK,
                wave.value(), lane.value(), dead.agent(), "half-made claim of dead process " + dead.pid()
                        + " (since " + dead.claimedAt() + ") removed"));
        return true;
    }

    /**
     * A claim folder without a record, found while holding the claim lock: its claimant died between its mkdir and
     * its first record. It holds nothing but maybe a stray temp file of that record, so removing it loses nothing.
     * A folder with anything else in it was not made by lane and is left alone.
     */
    private boolean takeOverRecordlessClaim(WaveId wave, LaneId lane, Path claimDir) {
        try (var entries = Files.list(claimDir)) {
            if (!entries.allMatch(p -> p.getFileName().toString().startsWith(".tmp-"))) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        SafeFiles.deleteTree(claimDir);
        new Ledger(ws.inbox().ledger(wave)).append(new LedgerEntry(ws.clock().instant(), LedgerEvent.CLAIM_ROLLED_BACK,
                wave.value(), lane.value(), "", "claim folder left without a record by a claimant that died right "
                        + "after its mkdir removed"));
        return true;
    }

    /**
     * Removes the worktree and branch a dead claimant may have made, but only what holds no work: the worktree git
     * has registered at the claim's path (or an empty private folder there), and the claim's branch if main already
     * contains it, deleted only at the commit that was checked. (Such a branch may predate the dead claim, which
     * then died before creating it: deleting it loses a name, never a commit.)
     */
    private void removeWhatADeadClaimMade(ClaimRecord dead) {
        Path folder = Path.of(dead.worktree());
        LockFile.holding(ws.inbox().worktreesLock(), () -> ws.git().run("worktree", "remove", "--force", "--force",
                folder.toString()));
        try {
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                SafeFiles.requireOwnedDirectory(folder);
                try (var entries = Files.list(folder)) {
                    if (entries.findAny().isEmpty()) {
                        Files.delete(folder);
                    }
                }
            }
        } catch (IOException | LaneException notOurs) {
            // not ours or not empty: leave it; the new claim will refuse the path and say so
        }
        LockFile.holding(ws.inbox().worktreesLock(), () -> ws.git().run("worktree", "prune"));
        String ref = "refs/heads/" + dead.branch();
        GitCli.Result tip = ws.git().run("rev-parse", "--verify", "-q", ref + "^{commit}");
        if (tip.ok() && ws.git().run("merge-base", "--is-ancestor", tip.line(), ws.mainRef()).ok()) {
            ws.git().run("update-ref", "-d", ref, tip.line()); // only at the commit checked: nothing added since
        }
    }

    /** What a failed claim made, undone in reverse order. Each step is best effort and reported if it fails. */
    private final class Rollback {
        private final Path claimDir;
        private Path worktreeFolder;
        private String branch;
        private String base;

        Rollback(Path claimDir) {
            this.claimDir = claimDir;
        }

        void undo(RuntimeException cause) {
            if (worktreeFolder != null) {
                quietly(() -> LockFile.holding(ws.inbox().worktreesLock(), () -> {
                    ws.git().run("worktree", "remove", "--force", "--force", worktreeFolder.toString());
                    if (Files.exists(worktreeFolder, LinkOption.NOFOLLOW_LINKS)
                            && !Files.isSymbolicLink(worktreeFolder)) {
                        SafeFiles.deleteTree(worktreeFolder);
                    }
                    ws.git().run("worktree", "prune");
                }), cause);
            }
            if (branch != null) {
                GitCli.Result deleted = ws.git().run("update-ref", "-d", "refs/heads/" + branch, base); // if unmoved
                if (!deleted.ok()) {
                    cause.addSuppressed(LaneException.internal("the branch " + branch + " this claim made is left "
                            + "behind (" + deleted.err().strip() + "); delete it with: git branch -D " + branch, null));
                }
            }
            quietly(() -> SafeFiles.deleteTree(claimDir), cause);
        }

        private void quietly(Runnable step, RuntimeException cause) {
            try {
                step.run();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
