package dev.lane.integrate;

import dev.lane.claim.ClaimRecord;
import dev.lane.claim.ClaimStore;
import dev.lane.core.LaneException;
import dev.lane.inbox.Inbox;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import dev.lane.submit.Submission;
import dev.lane.submit.SubmissionStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The lanes of a wave in merge order: claim order (oldest claim first) unless {@code --order} names lanes to take
 * first, in its order; the lanes it does not name follow in claim order. A name that is not a claimed lane of the
 * wave, or a name given twice, is a usage error before anything happens.
 */
final class WaveLanes {
    private WaveLanes() {
    }

    static List<ClaimRecord> ordered(ClaimStore store, WaveId wave, List<LaneId> order) {
        List<ClaimRecord> claims = store.ofWave(wave);
        Map<String, ClaimRecord> byName = new LinkedHashMap<>();
        claims.forEach(c -> byName.put(c.lane(), c));
        List<ClaimRecord> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LaneId lane : order) {
            ClaimRecord c = byName.get(lane.value());
            if (c == null) {
                throw LaneException.usage("--order names lane " + lane + ", which is not claimed in wave " + wave
                        + "; lanes of the wave: " + (byName.isEmpty() ? "(none)" : String.join(", ", byName.keySet()))
                        + ". Nothing was changed.");
            }
            if (!seen.add(lane.value())) {
                throw LaneException.usage("--order names lane " + lane + " twice; name each lane once");
            }
            out.add(c);
        }
        for (ClaimRecord c : claims) {
            if (!seen.contains(c.lane())) {
                out.add(c);
            }
        }
        return out;
    }

    /** The submission of each lane of {@code ordered} that has one, by lane name, in the same order. */
    static Map<String, Submission> submissions(SubmissionStore store, WaveId wave, List<ClaimRecord> ordered) {
        Map<String, Submission> out = new LinkedHashMap<>();
        for (ClaimRecord c : ordered) {
            store.submission(wave, new LaneId(c.lane())).ifPresent(s -> out.put(c.lane(), s));
        }
        return out;
    }

    /** The base commits of every claim of the wave, current and released: where the history scan may stop. */
    static Set<ObjectId> claimBases(Inbox inbox, WaveId wave, List<ClaimRecord> current) {
        Set<ObjectId> bases = new HashSet<>();
        for (ClaimRecord c : current) {
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
