package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import dev.lane.inbox.Inbox;
import dev.lane.json.Json;
import dev.lane.ledger.Ledger;
import dev.lane.ledger.LedgerEntry;
import dev.lane.ledger.LedgerEvent;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Records what a verified pass did: one block of ledger entries (one per lane, then the entry that closes the pass:
 * {@code main-moved}, or {@code integrate-finished} when nothing landed and main stayed where it was), and
 * {@code outcome.json} in each lane's claim folder, written atomically. (A pass that is refused or stops with an
 * error is closed by {@code integrate-refused} or {@code integrate-aborted}, written by {@link Integrator}.)
 *
 * <p>Protocol. Called only after main was re-read and verified, so a record never claims more than main holds. The
 * outcome files are written first and the ledger block last, because the block's closing entry is what marks the pass
 * as ended for {@code lane status} ({@code IntegratePass}): a crash between them leaves the lanes that landed reading
 * integrated and the pass shown as stopped unfinished, never lanes that landed reading merely submitted under a pass
 * that looks finished. A crash before or while recording leaves main moved and the records missing or partial, and
 * the pass's {@link PassRecord}: the next pass of the wave first writes, from it, the outcomes and the entries of the
 * block the ledger lacks (as this class would have; the {@code main-moved} marked as logged late), then goes on,
 * finding the lanes in main's history and reporting them already integrated. An existing
 * outcome that says a lane was integrated at the same head and submission is left as it is, so a later pass does
 * not overwrite "integrated" with "already-integrated". The outcome files are independent and written by a few
 * threads at once, each atomically (write, force, rename): a crash among them leaves some lanes' outcomes new and
 * the others old or missing, never a half-written file, and the rerun above completes them. An outcome file damaged
 * some other way (edited by hand, say) is shown by {@code lane status} as unreadable in its lane's row and rewritten
 * by the next integrate of the wave.
 */
final class OutcomeRecorder {
    /** Threads writing outcome files at once: enough to overlap the file system's waits on a small machine. */
    private static final int WRITERS = 4;
    private final Inbox inbox;
    private final WaveId wave;
    private final String agent;

    OutcomeRecorder(Inbox inbox, WaveId wave, String agent) {
        this.inbox = inbox;
        this.wave = wave;
        this.agent = agent;
    }

    void ledger(IntegrateResult result, Instant now) {
        new Ledger(inbox.ledger(wave)).append(entries(result, now, ""));
    }

    /**
     * The block of ledger entries recording {@code result}: one per lane, then the closing entry, whose detail ends
     * with {@code movedNote} if main moved (a note that the block is logged late, say; "" for none).
     */
    List<LedgerEntry> entries(IntegrateResult result, Instant now, String movedNote) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (LaneOutcome lane : result.lanes()) {
            LedgerEvent event = switch (lane.status()) {
                case INTEGRATED -> LedgerEvent.INTEGRATED;
                case PARKED -> LedgerEvent.PARKED;
                case ALREADY_INTEGRATED -> LedgerEvent.ALREADY_INTEGRATED;
            };
            String detail = switch (lane.status()) {
                case INTEGRATED -> "submission " + lane.sequence() + ", head " + lane.head().substring(0, 12)
                        + (lane.commit() == null ? " (intents only)" : " landed as " + lane.commit().substring(0, 12))
                        + appliedText(lane.applied()) + (lane.note() == null ? "" : "; " + lane.note());
                case PARKED, ALREADY_INTEGRATED -> lane.reason();
            };
            entries.add(new LedgerEntry(now, event, wave.value(), lane.lane(), agent, detail));
        }
        if (result.mainMoved()) {
            entries.add(new LedgerEntry(now, LedgerEvent.MAIN_MOVED, wave.value(), "", agent,
                    result.mainBefore().substring(0, 12) + " -> " + result.mainAfter().substring(0, 12) + ", "
                            + result.count(LaneStatus.INTEGRATED) + " integrated, " + result.count(LaneStatus.PARKED)
                            + " parked" + (result.versionTo() != null
                                    && !result.versionTo().equals(result.versionFrom())
                                    ? ", version " + result.versionFrom() + " -> " + result.versionTo() : "")
                            + (result.versionNote() == null ? "" : "; " + result.versionNote()) + movedNote));
        } else {
            entries.add(new LedgerEntry(now, LedgerEvent.INTEGRATE_FINISHED, wave.value(), "", agent,
                    "main unchanged at " + result.mainBefore().substring(0, 12) + ", nothing landed: "
                            + result.count(LaneStatus.PARKED) + " parked, "
                            + result.count(LaneStatus.ALREADY_INTEGRATED) + " already integrated, "
                            + result.notSubmitted().size() + " not submitted"));
        }
        return entries;
    }

    /**
     * Writes each lane's {@code outcome.json}. The files are independent of one another, so they are written by a
     * few threads at once: most of a write is the file system creating the file and forcing it to disk, and those
     * waits overlap. If a write fails, the others still run; the first failure is then thrown (a rerun writes the
     * missing records, see the class comment).
     */
    void outcomes(IntegrateResult result, Instant now) {
        List<LaneOutcome> lanes = result.lanes();
        int threads = Math.min(WRITERS, lanes.size());
        if (threads <= 1) {
            lanes.forEach(lane -> outcome(result, lane, now));
            return;
        }
        ExecutorService writers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lane-outcome-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (LaneOutcome lane : lanes) {
                writes.add(writers.submit(() -> outcome(result, lane, now)));
            }
            RuntimeException first = null;
            for (Future<?> w : writes) {
                try {
                    w.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException re ? re
                                : LaneException.internal("cannot write an outcome: " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw LaneException.internal("interrupted while writing outcomes", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            writers.shutdown();
        }
    }

    private void outcome(IntegrateResult result, LaneOutcome lane, Instant now) {
        Path dir = inbox.claimDir(wave, new LaneId(lane.lane()));
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return; // released meanwhile: its record went with it
        }
        Path file = inbox.outcome(wave, new LaneId(lane.lane()));
        if (lane.status() == LaneStatus.ALREADY_INTEGRATED && alreadyRecorded(file, lane)) {
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("wave", wave.value());
        doc.put("lane", lane.lane());
        doc.put("status", lane.status().label());
        doc.put("reason", lane.reason());
        doc.put("sequence", lane.sequence());
        doc.put("head", lane.head());
        doc.put("commit", lane.commit());
        doc.put("applied", lane.applied() == null ? null : lane.applied().document());
        doc.put("note", lane.note());
        doc.put("mainBefore", result.mainBefore());
        doc.put("mainAfter", result.mainAfter());
        doc.put("time", now.toString());
        SafeFiles.writeAtomically(file, Json.write(doc));
    }

    private static boolean alreadyRecorded(Path file, LaneOutcome lane) {
        try {
            return RecordedOutcome.read(file).map(o -> o.status().equals(Optional.of(LaneStatus.INTEGRATED))
                    && lane.head().equals(o.head()) && o.sequence() == lane.sequence()).orElse(false);
        } catch (LaneException damaged) {
            return false;
        }
    }

    private static String appliedText(LaneOutcome.Applied a) {
        List<String> parts = new ArrayList<>();
        if (!a.manifest().isEmpty()) {
            parts.add("manifest +" + String.join(", +", a.manifest()));
        }
        if (a.bump() != null) {
            parts.add("bump " + a.bump());
        }
        if (!a.workflows().isEmpty()) {
            parts.add("workflows " + String.join(", ", a.workflows()));
        }
        return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
    }
}
