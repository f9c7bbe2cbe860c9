package dev.lane.integrate;

import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimStore;
import dev.lane.core.LaneException;
import dev.lane.inbox.Inbox;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.submit.DamagedSubmission;
import dev.lane.submit.Submission;
import dev.lane.submit.SubmissionStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The lanes of a wave in merge order: claim order (oldest claim first) unless {@code --order} names lanes to take
 * first, in its order; the lanes it does not name follow in claim order. A name that is not a claimed lane of the
 * wave, or a name given twice, is a usage error before anything happens. Lanes whose claim record cannot be read are
 * kept apart: the pass parks them (naming the file) and integrates the others.
 */
final class WaveLanes {
    private WaveLanes() {
    }

    static ClaimStore.WaveClaims ordered(ClaimStore store, WaveId wave, List<LaneId> order) {
        ClaimStore.WaveClaims scanned = store.scanWave(wave);
        List<ClaimRecord> claims = scanned.claims();
        Map<String, ClaimRecord> byName = new LinkedHashMap<>();
        claims.forEach(c -> byName.put(c.lane(), c));
        Set<String> damaged = new LinkedHashSet<>();
        scanned.damaged().forEach(d -> damaged.add(d.lane()));
        List<ClaimRecord> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LaneId lane : order) {
            ClaimRecord c = byName.get(lane.value());
            if (c == null && !damaged.contains(lane.value())) {
                List<String> all = new ArrayList<>(byName.keySet());
                all.addAll(damaged);
                throw LaneException.usage("--order names lane " + lane + ", which is not claimed in wave " + wave
                        + "; lanes of the wave: " + (all.isEmpty() ? "(none)" : String.join(", ", all))
                        + ". Nothing was changed.");
            }
            if (!seen.add(lane.value())) {
                throw LaneException.usage("--order names lane " + lane + " twice; name each lane once");
            }
            if (c != null) { // a lane whose claim record cannot be read is parked, wherever --order puts it
                out.add(c);
            }
        }
        for (ClaimRecord c : claims) {
            if (!seen.contains(c.lane())) {
                out.add(c);
            }
        }
        return new ClaimStore.WaveClaims(out, scanned.damaged());
    }

    /**
     * The outcome of a lane whose claim record cannot be read: parked, since neither its branch's base nor its holder
     * is known; its submission, if any, is not read. Nothing of it lands until the record is fixed.
     */
    static LaneOutcome parkedDamaged(ClaimStore.DamagedClaim d) {
        return parkedUnreadable(d.lane(), null, d.problem(), d.remedy() + ", submit and integrate again.");
    }

    /**
     * A lane parked because one of its records cannot be read: the problem, then what to do ({@code remedy});
     * {@code agent} is its claim's agent, null if the claim record is the one that cannot be read.
     */
    private static LaneOutcome parkedUnreadable(String lane, String agent, String problem, String remedy) {
        return new LaneOutcome(lane, agent, LaneStatus.PARKED,
                problem + "; nothing of this lane was integrated. " + remedy,
                null, 0, LaneOutcome.Applied.nothing(), null, null);
    }

    /**
     * The submissions of a wave's lanes.
     *
     * @param readable   the submission of each lane that has one, by lane name, in claim order
     * @param unreadable the lanes whose submission record cannot be read (edited by hand, a full disk), parked
     */
    record Submitted(Map<String, Submission> readable, List<LaneOutcome> unreadable) {
        boolean isUnreadable(String lane) {
            return unreadable.stream().anyMatch(o -> o.lane().equals(lane));
        }
    }

    /** A lane folder's submission as read: a submission or none yet ({@link Read}), or {@link Unreadable}. */
    sealed interface SubmissionRead {
    }

    /** The lane's submission, or empty if it has not submitted. */
    record Read(Optional<Submission> submission) implements SubmissionRead {
    }

    /** Why the lane's {@code submission.json} cannot be read. */
    record Unreadable(LaneException why) implements SubmissionRead {
    }

    /**
     * Reads the submission of every lane folder of the wave, {@code lanes} (from {@link ClaimStore#laneFolders}):
     * done while the claims are read on another thread, since it needs only the folders' names.
     */
    static Map<String, SubmissionRead> readSubmissions(SubmissionStore store, WaveId wave, List<String> lanes) {
        Map<String, SubmissionRead> out = new HashMap<>();
        for (String lane : lanes) {
            try {
                out.put(lane, new Read(store.submission(wave, new LaneId(lane))));
            } catch (LaneException damaged) {
                out.put(lane, new Unreadable(damaged));
            }
        }
        return out;
    }

    /**
     * The submissions of the lanes of {@code ordered}, from those {@link #readSubmissions} read; one that cannot be
     * read parks its own lane only.
     */
    static Submitted submissions(List<ClaimRecord> ordered, Map<String, SubmissionRead> read) {
        Map<String, Submission> readable = new LinkedHashMap<>();
        List<LaneOutcome> unreadable = new ArrayList<>();
        for (ClaimRecord c : ordered) {
            SubmissionRead r = read.get(c.lane());
            if (r instanceof Read found) {
                found.submission().ifPresent(s -> readable.put(c.lane(), s));
            } else if (r instanceof Unreadable damaged) {
                DamagedSubmission d = new DamagedSubmission(c.lane(), c.worktree(), damaged.why());
                unreadable.add(parkedUnreadable(c.lane(), c.agent(), d.problem(),
                        d.remedy() + ", then integrate again."));
            } // null: its folder was made after the listing, a claim newer than the pass, not submitted
        }
        return new Submitted(readable, unreadable);
    }

    /**
     * The base commits of every claim of the wave, current and released: where the history scan may stop. Empty (scan
     * all of main's history) if a claim record cannot be read, since that lane's base is unknown.
     */
    static Set<ObjectId> claimBases(Inbox inbox, WaveId wave, ClaimStore.WaveClaims current) {
        Set<ObjectId> bases = new HashSet<>();
        if (!current.damaged().isEmpty()) {
            return bases;
        }
        for (ClaimRecord c : current.claims()) {
            addBase(bases, c.base());
        }
        Path released = inbox.releasedDir(wave);
        if (Files.isDirectory(released, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(released)) {
                for (Path dir : ds) {
                    Path record = dir.resolve("claim.json");
                    try {
                        ClaimStore.readFile(record).ifPresent(c -> addBase(bases, c.base()));
                    } catch (LaneException damaged) {
                        bases.clear(); // cannot know where the wave began: scan all of main's history
                        return bases;
                    }
                }
            } catch (IOException e) {
                throw LaneException.internal("cannot list " + released + ": " + e.getMessage(), e);
            }
        }
        return bases;
    }

    private static void addBase(Set<ObjectId> bases, String hex) {
        if (hex != null && ObjectId.isId(hex)) {
            bases.add(ObjectId.fromString(hex));
        }
    }
}
