package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import dev.lane.inbox.Inbox;
import dev.lane.json.Json;
import dev.lane.json.JsonFields;
import dev.lane.json.Labelled;
import dev.lane.ledger.Ledger;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.ledger.LedgerReader;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The pass record: what a pass that moves main will record once main moved (each lane's outcome and the
 * {@code main-moved} entry), kept in {@code <inbox>/<wave>/.integrate-pass.json} from just before main moves until
 * the pass's ledger block is written, so that a pass stopped in between (killed, crashed, the machine down) loses no
 * record of the move it made.
 *
 * <p>Protocol. Who writes: only an integrate pass of the wave, under the wave's integrator lock, and only a pass whose
 * plan moves main: after its commits are written and before it takes the checkout lock to move main, atomically
 * (write, force, rename: {@link SafeFiles#writeAtomically}), so the file is there whole or not at all. That pass
 * deletes it once its ledger block is appended, or right away if main could not move (unless main holds the commit
 * after all). Who acts on it: only the next pass of the wave that is not a dry run, under the same lock, before that
 * pass writes anything, even its {@code integrate-started} ({@link #finish}): if main's history does not hold the
 * commit the record names (the pass stopped before the compare-and-swap, or lost it), the record is deleted and
 * nothing recorded; if it does, the entries of the block the ledger lacks (looked for, by event and lane, among the
 * entries after the stopped pass's {@code integrate-started}) are recorded as {@link OutcomeRecorder} would have:
 * the outcome files first (rewriting one is harmless), then the missing entries as one block, its {@code main-moved}
 * marked as logged late; then the record is deleted. A dry run only reads it ({@link #pending} says what the next
 * pass will record).
 *
 * <p>What a crash leaves, and how the next pass recovers: killed while writing the record, a stray temp file and
 * main untouched (it moves only after); killed between the move and the ledger block (or stopped there by an error),
 * the record, which the next pass turns into the records the stopped pass owed; killed after the block but before the
 * delete, a record whose entries are all in the ledger, which the next pass only deletes; killed while the next pass
 * records it, the record still there, and the pass after that writes what is still missing, never an entry twice. A
 * record that cannot be read stops the next pass (and a dry run) before it changes anything, with exit 5 and what to
 * do: guessing would lose or double the record of a move.
 */
final class PassRecord {
    private final Inbox inbox;
    private final WaveId wave;
    private final Path file;

    PassRecord(Inbox inbox, WaveId wave) {
        this.inbox = inbox;
        this.wave = wave;
        this.file = inbox.passRecord(wave);
    }

    /**
     * What a pass planned to record.
     *
     * @param agent   the pass's agent (the agent column of its entries)
     * @param started the time of its {@code integrate-started} entry (millisecond precision, as in the ledger)
     * @param result  its result as it would be once main moved: every field the {@link OutcomeRecorder} writes
     */
    record Planned(String agent, Instant started, IntegrateResult result) {
        String move() {
            return result.mainBefore().substring(0, 12) + " -> " + result.mainAfter().substring(0, 12);
        }

        /** The commit the pass moved (or was to move) main to. */
        ObjectId after() {
            return ObjectId.fromString(result.mainAfter());
        }
    }

    Path file() {
        return file;
    }

    /** Writes the record of a pass about to move main (atomically; see the class comment). */
    void write(Planned planned) {
        IntegrateResult r = planned.result();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("wave", r.wave());
        doc.put("agent", planned.agent());
        doc.put("started", planned.started().truncatedTo(ChronoUnit.MILLIS).toString());
        doc.put("mainBefore", r.mainBefore());
        doc.put("mainAfter", r.mainAfter());
        List<Object> lanes = new ArrayList<>();
        for (LaneOutcome l : r.lanes()) {
            Map<String, Object> lane = new LinkedHashMap<>();
            lane.put("lane", l.lane());
            lane.put("agent", l.agent());
            lane.put("status", l.status().label());
            lane.put("reason", l.reason());
            lane.put("head", l.head());
            lane.put("sequence", l.sequence());
            lane.put("applied", l.applied().document()); // never null: nothing() when nothing applied
            lane.put("commit", l.commit());
            lane.put("note", l.note());
            lanes.add(lane);
        }
        doc.put("lanes", lanes);
        doc.put("manifestAdded", r.manifestAdded());
        doc.put("versionFrom", r.versionFrom());
        doc.put("versionTo", r.versionTo());
        doc.put("versionNote", r.versionNote());
        doc.put("workflows", r.workflows());
        doc.put("notSubmitted", r.notSubmitted());
        SafeFiles.writeAtomically(file, Json.write(doc));
    }

    /** Deletes the record; a failure leaves it for the next pass, which finds its entries recorded and deletes it. */
    void delete() {
        SafeFiles.deleteQuietly(file);
    }

    /**
     * After the move failed ({@code failure}): deletes the record unless main holds {@code planned} after all (then the
     * next pass records the move). A failure to tell is added to {@code failure}, and the record left for the next
     * pass, which tells.
     */
    void deleteUnlessMainHolds(RepoAccess access, String mainRef, ObjectId planned, RuntimeException failure) {
        try {
            if (!mainHolds(access, mainRef, planned)) {
                delete();
            }
        } catch (RuntimeException cannotTell) {
            failure.addSuppressed(cannotTell);
        }
    }

    /**
     * The record a stopped pass left, or empty if there is none. A record that cannot be read is refused (exit 5)
     * with what to do.
     */
    Optional<Planned> read() {
        Optional<String> text = SafeFiles.readIfExists(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text.get()));
        } catch (LaneException damaged) {
            throw LaneException.refused(damaged.getMessage() + ". It holds what a pass of wave " + wave + " that "
                    + "stopped (killed) around moving main had still to record (its lanes' outcomes and main-moved "
                    + "entry); integrate will not guess them. Nothing was changed. Compare lane ledger --wave " + wave
                    + " --event main-moved with git log --first-parent of main to see whether that pass moved main, "
                    + "then delete " + file + " and run integrate again (lanes it landed then read "
                    + "already-integrated).");
        }
    }

    private Planned parse(String text) {
        JsonFields doc = JsonFields.of(text, file);
        List<LaneOutcome> lanes = new ArrayList<>();
        for (JsonFields l : doc.objects("lanes")) {
            String label = l.string("status");
            LaneStatus status = Labelled.parse(LaneStatus.values(), label)
                    .orElseThrow(() -> l.damaged("status", "is not a lane status: " + label));
            LaneOutcome.Applied applied = LaneOutcome.Applied.fromJson(l.object("applied"));
            String lane = l.string("lane");
            try {
                new LaneId(lane); // a name the outcome files' paths are made of
            } catch (LaneException notALaneName) {
                throw l.damaged("lane", "is not a lane name: " + notALaneName.getMessage());
            }
            lanes.add(new LaneOutcome(lane, l.nullableString("agent"), status, l.nullableString("reason"),
                    l.nullableString("head"), l.intValue("sequence"), applied, l.nullableString("commit"),
                    l.nullableString("note")));
        }
        String before = commitId(doc, "mainBefore");
        String after = commitId(doc, "mainAfter");
        IntegrateResult result = new IntegrateResult(doc.string("wave"), before, after, after, false, lanes,
                doc.strings("manifestAdded"), doc.nullableString("versionFrom"), doc.nullableString("versionTo"),
                doc.strings("workflows"), doc.strings("notSubmitted"), null, CheckReport.notConfigured(),
                doc.nullableString("versionNote"));
        if (!result.wave().equals(wave.value())) {
            throw doc.damaged("wave", "names wave " + result.wave() + ", not " + wave);
        }
        return new Planned(doc.string("agent"), doc.instant("started"), result);
    }

    private static String commitId(JsonFields doc, String name) {
        String hex = doc.string(name);
        if (!ObjectId.isId(hex)) {
            throw doc.damaged(name, "is not a commit id: " + hex);
        }
        return hex;
    }

    /**
     * Whether main's history holds {@code planned}, the commit a pass would move main to: then it did move main (the
     * commit is new, built by that pass; nothing else names it). A commit the repository lacks (its pass was killed
     * before publishing it) is in no history.
     */
    private static boolean mainHolds(RepoAccess access, String mainRef, ObjectId planned) {
        Optional<ObjectId> main = access.resolveRef(mainRef);
        if (main.isEmpty()) {
            return false;
        }
        if (main.get().equals(planned)) {
            return true;
        }
        return access.commitIfPresent(planned.name()).isPresent() && access.isAncestor(planned, main.get());
    }

    /**
     * A dry run's view: a note saying what the next pass will record first, if the record names a move main holds.
     * Writes and deletes nothing.
     */
    Optional<String> pending(RepoAccess access, String mainRef) {
        return read().filter(p -> mainHolds(access, mainRef, p.after())).map(p -> "a pass of wave " + wave
                + " (agent " + p.agent() + ", started " + p.started() + ") moved main " + p.move() + " and stopped "
                + "before recording it; the next integrate (not a dry run) records it first");
    }

    /**
     * Finishes what a stopped pass left (see the class comment): records the move it made, if main holds it, and
     * deletes the record. Returns a note for the user if anything was recorded. Run under the wave's integrator
     * lock, before the pass's own {@code integrate-started}.
     */
    Optional<String> finish(RepoAccess access, String mainRef, Ledger ledger, Instant now) {
        Optional<Planned> found = read();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Planned planned = found.get();
        if (!mainHolds(access, mainRef, planned.after())) {
            delete(); // main never moved to it: the stopped pass changed nothing that needs a record
            return Optional.empty();
        }
        OutcomeRecorder recorder = new OutcomeRecorder(inbox, wave, planned.agent());
        Set<String> present = recordedSince(ledger, planned);
        List<LedgerEntry> missing = new ArrayList<>();
        for (LedgerEntry e : recorder.entries(planned.result(), now, "; logged late: the pass that moved main (started "
                + planned.started() + ") stopped before recording it")) {
            if (!present.contains(key(e))) {
                missing.add(e);
            }
        }
        if (missing.isEmpty()) { // the stopped pass wrote its block (its outcomes before it): it stopped right after
            delete();
            return Optional.empty();
        }
        recorder.outcomes(planned.result(), now); // first, as a pass does (OutcomeRecorder); rewriting them is harmless
        ledger.append(missing);
        delete();
        return Optional.of("recorded the pass of agent " + planned.agent() + " (started " + planned.started()
                + ") that moved main " + planned.move() + " and stopped before recording it: "
                + planned.result().count(LaneStatus.INTEGRATED) + " integrated, "
                + planned.result().count(LaneStatus.PARKED) + " parked (lane ledger --wave " + wave
                + " --event main-moved)");
    }

    /**
     * The event and lane of every entry the stopped pass wrote after its {@code integrate-started} (the one at the
     * record's time, by its agent; else the wave's latest, which is the stopped pass's, since every pass of the wave
     * finishes a record before it starts).
     */
    private static Set<String> recordedSince(Ledger ledger, Planned planned) {
        List<LedgerReader.Recorded> entries = LedgerReader.read(ledger.file());
        int start = -1;
        int latest = -1;
        for (int i = entries.size() - 1; i >= 0 && start < 0; i--) {
            LedgerEntry e = entries.get(i).entry();
            if (e.event() == LedgerEvent.INTEGRATE_STARTED) {
                latest = latest < 0 ? i : latest;
                if (e.agent().equals(planned.agent()) && e.time().equals(planned.started())) {
                    start = i;
                }
            }
        }
        int from = start >= 0 ? start : latest;
        Set<String> keys = new HashSet<>();
        for (int i = from + 1; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i).entry();
            if (e.event() == LedgerEvent.INTEGRATE_STARTED) {
                break;
            }
            keys.add(key(e));
        }
        return keys;
    }

    private static String key(LedgerEntry e) {
        return e.event().label() + " " + e.lane();
    }
}
