package dev.lane.integrate;

import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimStore;
import dev.lane.core.Background;
import dev.lane.core.LaneException;
import dev.lane.core.Workspace;
import dev.lane.fs.HolderLock;
import dev.lane.fs.SafeFiles;
import dev.lane.ledger.Ledger;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.names.WaveId;
import dev.lane.repo.Identity;
import dev.lane.submit.Submission;
import dev.lane.submit.SubmissionStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.semver4j.Semver;

/**
 * {@code lane integrate}: lands a whole wave on main in one serial pass, with main moving exactly once or not at
 * all. Usable from the CLI, the demo and the benchmark alike: {@code new Integrator(ws).integrate(request)}.
 *
 * <p>Protocol of one pass:
 * <ol>
 *   <li>Take the wave's {@link IntegrateLock} (busy: exit 3 naming the holder). Before anything else, if a pass of
 *       the wave stopped after moving main and before recording it, write the records it owed, from its
 *       {@link PassRecord} (a dry run only says the next pass will). Then, unless a dry run, append
 *       {@code integrate-started} and, under the repository's checkout lock, finish what a stopped pass of any wave
 *       left in the checkout of main ({@link MainUpdater#recover}).</li>
 *   <li>Read main's commit: the base. Read what earlier passes of the wave applied ({@link WaveHistory}).</li>
 *   <li>Classify the submitted lanes (head and intents already in main: already integrated; branch touching a
 *       shared file: parked) and merge the others in order, in memory ({@link LaneMerger}).</li>
 *   <li>Apply their pending intents ({@link SharedSurfaceApplier}); a lane parked there is merged out again.</li>
 *   <li>Check the result ({@link Checks}: any failure refuses the pass, exit 5), then run the user check command
 *       with bisection ({@link CheckBisector}), each run told to the {@link CheckProgress}, the output of failing
 *       runs kept in the wave's check log folder, and (unless a dry run) a {@code checked} ledger entry appended
 *       once the check's outcome is known. {@code --dry-run} stops here.</li>
 *   <li>The commits exist as objects (written while planning, {@link ResultWriter}); nothing references them. If the
 *       plan moves main, its {@link PassRecord} is written: what the pass will record once main moved.</li>
 *   <li>Under the repository's checkout lock (one main checkout serves every wave), finish what a stopped pass of
 *       any wave left in the checkout journal, then move main by compare-and-swap from the base ({@link
 *       MainUpdater}): the one commit point of the pass. A main checkout on main has its HEAD detached at the base
 *       first, so it always names the commit its files are at; a clean one then follows main, a dirty one stays.</li>
 *   <li>Re-read main and verify ({@link Verifier}); then record the outcome ({@link OutcomeRecorder}), and delete
 *       the pass record.</li>
 * </ol>
 * A crash before step 7 leaves main untouched (only unreferenced objects, ledger lines and check logs were written). A
 * crash in
 * step 7 leaves main untouched or fully moved, and may leave the checkout journal with the main checkout detached at
 * the base (its files at the base, or, killed between the read-tree and putting HEAD back, at main): the next pass of
 * any wave puts that right first ({@link MainUpdater}). A crash after
 * step 7 leaves main fully moved, and the pass record saying what the pass had still to record: the next pass of the
 * wave writes the outcomes and the ledger entries it lacks (the {@code main-moved} marked as logged late), so the
 * wave's records end as an uncrashed pass leaves them, nothing recorded twice (see {@link PassRecord}); a record
 * whose move main does not hold (the pass stopped before the compare-and-swap, or lost it) is deleted unrecorded.
 * Either way a rerun finds everything in main's history and lands nothing twice ({@link PendingIntents},
 * {@link WaveBump}), and the same final tree results.
 */
public final class Integrator {
    /** How long a pass waits for another pass that is moving main and the main checkout. */
    private static final Duration CHECKOUT_PATIENCE = Duration.ofMinutes(1);

    private final Workspace ws;
    private final StepHook hook;
    private final CheckProgress progress;

    public Integrator(Workspace ws) {
        this(ws, StepHook.NONE);
    }

    public Integrator(Workspace ws, StepHook hook) {
        this(ws, hook, CheckProgress.NONE);
    }

    /** With {@code progress} told about each run of the {@code check:} command as the pass goes. */
    public Integrator(Workspace ws, StepHook hook, CheckProgress progress) {
        this.ws = ws;
        this.hook = hook;
        this.progress = progress;
    }

    public IntegrateResult integrate(IntegrateRequest request) {
        return integrate(request, null);
    }

    /**
     * One pass, taking over {@code opened} if it is the opening of this workspace's repository (else it is closed
     * and the repository is opened here). The repository opens on another thread while this one takes the lock and
     * reads the inbox.
     */
    public IntegrateResult integrate(IntegrateRequest request, RepositoryOpening opened) {
        boolean ours = opened != null && opened.isOf(ws.repo());
        if (opened != null && !ours) {
            opened.close(); // the opening of another repository (--repo named this one): not ours to use
        }
        try (RepositoryOpening opening = ours ? opened : RepositoryOpening.start(ws.repo())) {
            return underLock(request, opening);
        }
    }

    private IntegrateResult underLock(IntegrateRequest request, RepositoryOpening opening) {
        WaveId wave = request.wave();
        ClaimStore claims = new ClaimStore(ws.inbox());
        claims.requireWave(wave); // a mistyped wave changes nothing: not even its folder for the lock is made
        if (!request.order().isEmpty()) {
            WaveLanes.ordered(claims, wave, request.order()); // a bad --order is a usage error before the lock
        }
        String agent = request.agent().value();
        try (IntegrateLock lock = IntegrateLock.acquire(ws.inbox(), wave, agent, ws.clock().instant())) {
            hook.reached(Step.LOCKED);
            // The inbox is read under the lock, while the repository finishes opening on its own thread.
            // The submissions are read on another thread meanwhile: they need only the lane folders' names.
            List<String> folders = claims.laneFolders(wave);
            WaveLanes.Submitted submitted;
            ClaimStore.WaveClaims lanes;
            try (Background<Map<String, WaveLanes.SubmissionRead>> read = Background.start("submissions",
                    () -> WaveLanes.readSubmissions(new SubmissionStore(ws.inbox()), wave, folders))) {
                lanes = WaveLanes.ordered(claims, wave, request.order());
                submitted = WaveLanes.submissions(lanes.claims(), read.get());
            }
            List<ClaimRecord> ordered = lanes.claims();
            Ledger ledger = new Ledger(ws.inbox().ledger(wave));
            PassRecord passRecord = new PassRecord(ws.inbox(), wave);
            List<String> notes = new ArrayList<>();
            stoppedPass(request, passRecord, opening, ledger).ifPresent(notes::add);
            Instant started = null;
            if (!request.dryRun()) {
                int claimed = ordered.size() + lanes.damaged().size();
                LedgerEntry start = entry(LedgerEvent.INTEGRATE_STARTED, wave, agent, "onto " + ws.config().main()
                        + ", " + claimed + (claimed == 1 ? " lane claimed" : " lanes claimed")
                        + (request.squash() ? ", squash" : ""));
                ledger.append(start);
                started = start.time().truncatedTo(ChronoUnit.MILLIS); // as the ledger writes it
            }
            try (RepoAccess access = opening.take();
                 Background<Identity.Roles> author = Background.start("author",
                         () -> Identity.of(ws.git(), request.agent().value()))) {
                return recoverThenPass(request, lanes, submitted, access, author,
                        new PassStart(passRecord, started), notes);
            } catch (LaneException e) {
                if (!request.dryRun()) {
                    LedgerEvent event = switch (e.exitCode()) {
                        case REFUSED -> LedgerEvent.INTEGRATE_REFUSED;
                        default -> LedgerEvent.INTEGRATE_ABORTED;
                    };
                    ledger.append(entry(event, wave, agent, e.getMessage()));
                }
                throw e;
            }
        }
    }

    /**
     * Before anything else of the pass (under the wave's lock, before its {@code integrate-started}): records what a
     * pass of the wave that stopped after moving main still owed ({@link PassRecord#finish}), or, for a dry run, only
     * says that the next pass will. Returns the note for the user, if any. Only when a pass record is there is the
     * repository taken this early (the pass then takes the same handle again, and closes it); a record that cannot
     * be read stops the pass here, before it changes anything.
     */
    private Optional<String> stoppedPass(IntegrateRequest request, PassRecord record, RepositoryOpening opening,
                                         Ledger ledger) {
        if (!Files.exists(record.file(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty(); // the usual case: no wait for the repository here
        }
        RepoAccess access = opening.take();
        try {
            return request.dryRun() ? record.pending(access, ws.mainRef())
                    : record.finish(access, ws.mainRef(), ledger, ws.clock().instant());
        } catch (RuntimeException e) {
            access.close(); // the pass does not go on to take it
            throw e;
        }
    }

    /**
     * The wave's pass record and the time of this pass's {@code integrate-started} entry (millisecond precision, as in
     * the ledger; null for a dry run, which writes no record).
     */
    private record PassStart(PassRecord record, Instant started) {
    }

    /**
     * Puts right what a stopped pass of any wave left in the checkout of main, then runs this pass; what was done
     * to the checkout (after the notes {@code checkoutNotes} holds already: a stopped pass recorded, say) is said in
     * the result, or in the error if the pass then stops.
     */
    private IntegrateResult recoverThenPass(IntegrateRequest request, ClaimStore.WaveClaims lanes,
                                            WaveLanes.Submitted submitted, RepoAccess access,
                                            Background<Identity.Roles> author, PassStart start,
                                            List<String> checkoutNotes) {
        MainUpdater updater = new MainUpdater(access, ws.git(), ws.mainRef(), ws.inbox().checkoutJournal());
        try {
            if (!request.dryRun()) { // first put right what a stopped pass of any wave left in the main checkout
                withCheckoutLock(request, () -> updater.recover().ifPresent(checkoutNotes::add));
                // and the check checkouts of passes killed in their check
                StaleCheckouts.inSystemTemp().clear(ws.git(), ws.inbox().worktreesLock());
            }
            return pass(request, lanes, submitted, access, author, updater, start, checkoutNotes);
        } catch (LaneException e) {
            // what was done to the main checkout is said even when the pass then stops
            throw checkoutNotes.isEmpty() ? e : new LaneException(e.exitCode(), e.getMessage() + "\n"
                    + String.join("\n", checkoutNotes), e);
        }
    }

    /**
     * Runs {@code action} holding the repository's checkout lock (one main checkout serves every wave), waiting up to
     * a minute for another pass that holds it, then giving up with contention naming it.
     */
    private void withCheckoutLock(IntegrateRequest request, Runnable action) {
        String me = HolderLock.line("integrate of wave " + request.wave(), request.agent().value(),
                ws.clock().instant());
        try (HolderLock held = HolderLock.acquire(ws.inbox().checkoutLock(), me, holder -> LaneException.contention(
                "the main checkout is busy: " + holder + " moves main and the checkout (lock "
                        + ws.inbox().checkoutLock() + "). Wait for it to finish and run integrate again."),
                holder -> true, CHECKOUT_PATIENCE)) {
            action.run();
        }
    }

    private IntegrateResult pass(IntegrateRequest request, ClaimStore.WaveClaims lanes,
                                 WaveLanes.Submitted submitted, RepoAccess access, Background<Identity.Roles> author,
                                 MainUpdater updater, PassStart start, List<String> checkoutNotes) {
        WaveId wave = request.wave();
        // Lanes whose claim or submission record cannot be read are parked; the others go through the pass.
        List<ClaimRecord> ordered = lanes.claims().stream().filter(c -> !submitted.isUnreadable(c.lane())).toList();
        List<LaneOutcome> unreadable = new ArrayList<>();
        lanes.damaged().forEach(d -> unreadable.add(WaveLanes.parkedDamaged(d)));
        unreadable.addAll(submitted.unreadable());
        String mainRef = ws.mainRef();
        ObjectId baseId = access.resolveRef(mainRef).orElseThrow(ws::mainMissing);
        RevCommit base = access.commit(baseId);
        hook.reached(Step.BASE_READ);

        WaveHistory history = WaveHistory.scan(access, base, wave.value(),
                WaveLanes.claimBases(ws.inbox(), wave, lanes));
        WaveBump waveBump = WaveBump.at(access, base, ws.config(), history);
        Semver current = waveBump.current();
        SharedSurfaceApplier applier = new SharedSurfaceApplier(access, ws.config());
        Set<String> manifestNow = applier.manifestEntries(base.getTree());
        LaneTriage.Triage triage = new LaneTriage(access, ws.config(), submitted.readable(), ws.inboxInCheckout())
                .triage(ordered, base, history, manifestNow, waveBump);
        List<String> order = triage.order();
        Map<String, LaneOutcome> decided = triage.decided();
        List<String> notSubmitted = triage.notSubmitted();
        List<Candidate> candidates = triage.candidates();

        Identity.Roles who = author.get(); // git's identity (environment, then config), else the integrator's agent id
        ResultWriter writer = new ResultWriter(access, who, ws.clock().instant(), wave.value());
        LaneMerger merger = new LaneMerger(access, ws.git(), writer, request.squash());
        PassPlanner planner = new PassPlanner(base, merger, applier, writer, waveBump, hook);
        Plan plan = planner.plan(candidates);
        Map<String, String> parkedReasons = new LinkedHashMap<>(plan.parked());

        Checks checks = new Checks(access, ws.config(), waveBump);
        String command = ws.config().check();
        boolean hasCheck = command != null && !command.isBlank();
        CheckReport checkReport = hasCheck ? CheckReport.notRun(command) : CheckReport.notConfigured();
        if (plan.movesMain()) {
            refuseOnProblems(checks.problems(base.getTree(), plan.result().getTree()));
            if (hasCheck) {
                CheckBisector.Outcome checked = runCheck(request, planner, plan, command);
                checkReport = checked.report();
                if (checked.plan() != plan) {
                    plan = checked.plan();
                    parkedReasons.putAll(checked.parked());
                    parkedReasons.putAll(plan.parked());
                    refuseOnProblems(checks.problems(base.getTree(), plan.result().getTree()));
                }
            }
        }
        hook.reached(Step.CHECKED);

        String after = base.name();
        boolean recordWritten = false;
        if (!request.dryRun()) {
            if (plan.movesMain()) { // what the pass will record once main moved, for the next pass if it stops
                start.record().write(new PassRecord.Planned(request.agent().value(), start.started(),
                        result(request, base, plan.result().name(), plan, order, decided, candidates, parkedReasons,
                                notSubmitted, unreadable, null, checkReport, current)));
                recordWritten = true;
            }
            hook.reached(Step.COMMITS_WRITTEN);
            Plan landing = plan;
            try {
                withCheckoutLock(request, () -> moveMain(updater, base, landing, wave, checkoutNotes));
            } catch (RuntimeException e) {
                if (recordWritten) {
                    start.record().deleteUnlessMainHolds(access, mainRef, plan.result(), e);
                }
                throw e;
            }
            if (plan.movesMain()) {
                after = plan.result().name();
                Verifier.verify(access, mainRef, plan);
                hook.reached(Step.VERIFIED);
            }
        }

        IntegrateResult result = result(request, base, after, plan, order, decided, candidates, parkedReasons,
                notSubmitted, unreadable, checkoutNotes.isEmpty() ? null : String.join("\n", checkoutNotes),
                checkReport, current);
        if (!request.dryRun()) {
            Instant now = ws.clock().instant();
            OutcomeRecorder recorder = new OutcomeRecorder(ws.inbox(), wave, request.agent().value());
            // The outcomes first: the ledger's closing entry is what tells lane status the pass ended, so until it
            // is written a stopped pass shows as such, and what landed already reads integrated (OutcomeRecorder).
            recorder.outcomes(result, now);
            hook.reached(Step.OUTCOMES_WRITTEN);
            recorder.ledger(result, now);
            hook.reached(Step.LEDGER_WRITTEN);
            if (recordWritten) {
                start.record().delete(); // recorded: nothing left for the next pass to do
            }
        }
        return result;
    }

    /**
     * Step 7, run under the repository's checkout lock: finishes what a pass of any wave stopped since this one began
     * left in the checkout journal, then, if the plan lands anything, moves main and brings the checkout along.
     * Adds the notes for the user about the checkout to {@code notes}.
     */
    private void moveMain(MainUpdater updater, RevCommit base, Plan plan, WaveId wave, List<String> notes) {
        updater.recover().ifPresent(notes::add);
        if (plan.movesMain()) {
            MainUpdater.CheckoutState checkout = updater.prepare(base, plan.result(), updater.inspect());
            hook.reached(Step.CHECKOUT_PREPARED);
            updater.move(base, plan.result(), "lane integrate: wave " + wave + ", " + plan.landed().size()
                    + " lane(s)", checkout);
            hook.reached(Step.MAIN_MOVED);
            updater.updateCheckout(checkout, base, plan.result()).ifPresent(notes::add);
            hook.reached(Step.CHECKOUT_UPDATED);
        }
    }

    private IntegrateResult result(IntegrateRequest request, RevCommit base, String after, Plan plan,
                                   List<String> order, Map<String, LaneOutcome> decided, List<Candidate> candidates,
                                   Map<String, String> parkedReasons, List<String> notSubmitted,
                                   List<LaneOutcome> unreadable, String checkoutNote, CheckReport check,
                                   Semver current) {
        Map<String, Candidate> landed = new LinkedHashMap<>();
        plan.landed().forEach(c -> landed.put(c.lane(), c));
        Map<String, Candidate> all = new LinkedHashMap<>();
        candidates.forEach(c -> all.put(c.lane(), c));
        List<LaneOutcome> lanes = new ArrayList<>();
        for (String lane : order) {
            if (decided.containsKey(lane)) {
                lanes.add(decided.get(lane));
            } else if (landed.containsKey(lane)) {
                Candidate c = landed.get(lane);
                ObjectId commit = plan.laneCommits().get(lane);
                lanes.add(new LaneOutcome(lane, c.agent(), LaneStatus.INTEGRATED, null, c.head().name(),
                        c.submission().sequence(), plan.surface().applied().getOrDefault(lane,
                                LaneOutcome.Applied.nothing()), commit == null ? null : commit.name(),
                        c.pending().bumpNotApplied()));
            } else {
                Candidate c = all.get(lane);
                lanes.add(parked(lane, c.agent(), c.submission(),
                        parkedReasons.getOrDefault(lane, "left out of the pass")));
            }
        }
        lanes.addAll(unreadable);
        String versionFrom = current == null ? null : current.getVersion();
        String versionTo = plan.surface().version().map(SurfaceResult.Version::to).orElse(versionFrom);
        String versionNote = plan.surface().version().map(SurfaceResult.Version::note).orElse(null);
        List<String> workflows = plan.surface().workflows().stream().map(SurfaceResult.Edit::path).distinct()
                .toList();
        List<String> added = plan.surface().manifestAdded().stream().map(SurfaceResult.Entry::entry).toList();
        return new IntegrateResult(request.wave().value(), base.name(), after, plan.result().name(),
                request.dryRun(), lanes, added, versionFrom, versionTo, workflows, notSubmitted, checkoutNote,
                check, versionNote);
    }

    /**
     * Runs the {@code check:} command with bisection ({@link CheckBisector}), keeping the output of failing runs in
     * the wave's {@code .check-logs} folder (emptied first: it holds the latest pass's runs; a dry run has its own,
     * {@code .check-logs-dry-run}), under the wave's integrate lock, so no other pass writes it; and, unless a dry run,
     * writing what the check did to the ledger ({@code checked}) as soon as it is known, also when it refuses the
     * pass (then before the {@code integrate-refused} entry).
     */
    private CheckBisector.Outcome runCheck(IntegrateRequest request, PassPlanner planner, Plan plan, String command) {
        Path logs = ws.inbox().checkLogs(request.wave(), request.dryRun());
        SafeFiles.deleteTree(logs);
        SafeFiles.ensureDirectory(logs);
        CheckCommand check = new CheckCommand(ws.git(), ws.inbox().worktreesLock(), command,
                ws.config().checkTimeout(), logs, StaleCheckouts.inSystemTemp());
        CheckBisector bisector = new CheckBisector(planner, check, progress);
        CheckBisector.Outcome outcome;
        try {
            outcome = bisector.run(plan);
        } catch (RuntimeException refusedOrFailed) {
            try {
                recordCheck(request, bisector.report());
            } catch (RuntimeException alsoFailed) { // the refusal or error is what the user must see
                refusedOrFailed.addSuppressed(alsoFailed);
            }
            throw refusedOrFailed;
        }
        recordCheck(request, bisector.report());
        return outcome;
    }

    /** The {@code checked} ledger entry of a real pass, once the check has a report. */
    private void recordCheck(IntegrateRequest request, CheckReport report) {
        if (!request.dryRun() && report != null) {
            new Ledger(ws.inbox().ledger(request.wave())).append(entry(LedgerEvent.CHECKED, request.wave(),
                    request.agent().value(), report.ledgerDetail()));
        }
    }

    private static LaneOutcome parked(String lane, String agent, Submission s, String reason) {
        return LaneTriage.parked(lane, agent, s, reason);
    }

    private static void refuseOnProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            throw LaneException.refused("integrate refused by the checks; nothing was changed:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private LedgerEntry entry(LedgerEvent event, WaveId wave, String agent, String detail) {
        return new LedgerEntry(ws.clock().instant(), event, wave.value(), "", agent, detail);
    }
}
