package dev.lane.claim;

import dev.lane.core.ExitCode;
import dev.lane.core.LaneException;
import dev.lane.fs.SafeFiles;
import dev.lane.inbox.Inbox;
import dev.lane.json.Json;
import dev.lane.json.JsonFields;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** Reads and writes claim records in the inbox. Writes are atomic (see {@link SafeFiles#writeAtomically}). */
public final class ClaimStore {
    private final Inbox inbox;

    public ClaimStore(Inbox inbox) {
        this.inbox = inbox;
    }

    public Inbox inbox() {
        return inbox;
    }

    public Optional<ClaimRecord> read(WaveId wave, LaneId lane) {
        return readFile(inbox.claimRecord(wave, lane));
    }

    /** A claim record file anywhere (a live claim, or one kept under {@code .released}); empty if absent. */
    public static Optional<ClaimRecord> readFile(Path file) {
        return SafeFiles.readIfExists(file).map(text -> ClaimRecord.fromJson(JsonFields.of(text, file)));
    }

    /**
     * The claim of a lane to submit or sync, or a usage error saying it is not claimed and naming the lanes that are
     * (a mistyped name is the likely cause: the error does not tell a script to claim the name it was given).
     */
    public ClaimRecord require(WaveId wave, LaneId lane) {
        return require(wave, lane, "Check --wave and --lane: a lane is submitted or synced only after lane claim.");
    }

    /**
     * {@link #require(WaveId, LaneId)} for a command that works on the lane ({@code submit}, {@code sync}): a claim
     * record that cannot be read is refused (exit 5) with what to do, not reported as an internal error.
     */
    public ClaimRecord requireToWork(WaveId wave, LaneId lane, String command) {
        try {
            return require(wave, lane);
        } catch (LaneException unreadable) {
            if (unreadable.exitCode() != ExitCode.INTERNAL
                    || !Files.isDirectory(inbox.claimDir(wave, lane), LinkOption.NOFOLLOW_LINKS)) {
                throw unreadable;
            }
            throw new DamagedClaim(wave, lane.value(), inbox.claimRecord(wave, lane), unreadable).refusal(command);
        }
    }

    /** {@link #require(WaveId, LaneId)} with the caller's own {@code advice} after the facts. */
    public ClaimRecord require(WaveId wave, LaneId lane, String advice) {
        return read(wave, lane).orElseThrow(() -> LaneException.usage(notClaimed(wave, lane) + " " + advice));
    }

    /** "lane L of wave W is not claimed; lanes claimed in wave W: ..." (or that none is, or that no wave W exists). */
    private String notClaimed(WaveId wave, LaneId lane) {
        String text = "lane " + lane + " of wave " + wave + " is not claimed; ";
        if (!Files.isDirectory(inbox.waveDir(wave), LinkOption.NOFOLLOW_LINKS) || !isWave(inbox.waveDir(wave))) {
            SafeFiles.refuseIfLink(inbox.waveDir(wave)); // a link there is refused as such, not taken for a typo
            return text + "no lane of wave " + wave + " was ever claimed (" + wavesThereAre() + ").";
        }
        List<String> lanes = children(inbox.waveDir(wave));
        return text + (lanes.isEmpty() ? "no lane of wave " + wave + " is claimed now."
                : "lanes claimed in wave " + wave + ": " + String.join(", ", lanes) + ".");
    }

    void write(ClaimRecord record) {
        SafeFiles.writeAtomically(inbox.claimRecord(new WaveId(record.wave()), new LaneId(record.lane())),
                Json.write(document(record)));
    }

    /**
     * The JSON document of a claim record: the text the databind mapper writes for the record (its components in
     * order, the time as ISO-8601, the state by name), built as a plain map so that writing it costs no mapper
     * start-up on the claim path. {@link #read} reads it back with {@link ClaimRecord#fromJson}, no mapper either.
     */
    static Map<String, Object> document(ClaimRecord r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("wave", r.wave());
        doc.put("lane", r.lane());
        doc.put("agent", r.agent());
        doc.put("claimedAt", r.claimedAt() == null ? null : r.claimedAt().toString());
        doc.put("state", r.state() == null ? null : r.state().name());
        doc.put("base", r.base());
        doc.put("worktree", r.worktree());
        doc.put("branch", r.branch());
        doc.put("host", r.host());
        doc.put("pid", r.pid());
        return doc;
    }

    /**
     * Every claim of a wave, in claim order (oldest first, then by lane name). A damaged claim record fails the whole
     * call; {@link #scanWave} reads around it.
     */
    public List<ClaimRecord> ofWave(WaveId wave) {
        WaveClaims scanned = scanWave(wave);
        if (!scanned.damaged().isEmpty()) {
            throw scanned.damaged().get(0).error();
        }
        return scanned.claims();
    }

    /**
     * The claims of a wave as views and the integrator need them: the readable ones in claim order, and apart from
     * them the lanes whose claim folder holds a {@code claim.json} that cannot be read (damaged, or a file lane
     * refuses to read), by lane name, so that one bad record hides no other lane.
     */
    public WaveClaims scanWave(WaveId wave) {
        List<ClaimRecord> claims = new ArrayList<>();
        List<DamagedClaim> damaged = new ArrayList<>();
        for (String lane : children(inbox.waveDir(wave))) {
            LaneId id = new LaneId(lane);
            try {
                read(wave, id).ifPresent(claims::add);
            } catch (LaneException e) {
                damaged.add(new DamagedClaim(wave, lane, inbox.claimRecord(wave, id), e));
            }
        }
        claims.sort(Comparator.comparing(ClaimRecord::claimedAt).thenComparing(ClaimRecord::lane));
        return new WaveClaims(claims, damaged);
    }

    /**
     * The claims of one wave, read around damaged records.
     *
     * @param claims  the readable claims, in claim order
     * @param damaged the claim folders whose record cannot be read, by lane name
     */
    public record WaveClaims(List<ClaimRecord> claims, List<DamagedClaim> damaged) {
        public WaveClaims {
            claims = List.copyOf(claims);
            damaged = List.copyOf(damaged);
        }
    }

    /**
     * A claim folder whose {@code claim.json} cannot be read: who holds the lane, since when and where its worktree is
     * are unknown.
     *
     * @param wave  the wave
     * @param lane  the lane (its folder's name)
     * @param file  the claim record
     * @param error why it cannot be read (its message names the file)
     */
    public record DamagedClaim(WaveId wave, String lane, Path file, LaneException error) {
        /** What is wrong, naming the file. */
        public String problem() {
            return "its claim record is unreadable: " + error.getMessage();
        }

        /** What to do about it. */
        public String remedy() {
            return "If no one holds the lane, run lane release --wave " + wave + " --lane " + lane + " --force (its "
                    + "worktree and branch stay), then claim it again";
        }

        /** The refusal (exit 5) of {@code command} on this lane: retrying cannot help. */
        public LaneException refusal(String command) {
            return LaneException.refused(command + " of lane " + lane + " of wave " + wave + " refused: " + problem()
                    + ". Retrying will not help. " + remedy() + ".");
        }
    }

    /** The waves there are in the inbox: numbers in numeric order (9 before 10), then the rest. See {@link #isWave}. */
    public List<WaveId> waves() {
        return waveNames().stream().map(WaveId::new).toList();
    }

    private List<String> waveNames() {
        return children(inbox.root()).stream().filter(name -> isWave(inbox.root().resolve(name))).toList();
    }

    /**
     * Whether a wave's folder holds a wave: a lane folder, released lanes or a ledger. A claim that failed before its
     * lane folder was made (main missing, say) leaves only the wave folder and a lock file, which is no wave.
     */
    private static boolean isWave(Path dir) {
        return Files.isRegularFile(dir.resolve(Inbox.LEDGER_FILE), LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(dir.resolve(".released"), LinkOption.NOFOLLOW_LINKS) || !children(dir).isEmpty();
    }

    /**
     * The waves a command asks about: {@code only} if given (refused as {@link #requireWave} says if no lane of it was
     * ever claimed), else every wave in the inbox.
     */
    public List<WaveId> waves(WaveId only) {
        if (only == null) {
            return waves();
        }
        requireWave(only);
        return List.of(only);
    }

    /**
     * Refuses, as a usage error, a wave that has no folder in the inbox: no lane of it was ever claimed, so a command
     * asking about it was most likely given a mistyped name. The message lists the waves there are.
     */
    public void requireWave(WaveId wave) {
        Path dir = inbox.waveDir(wave);
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && isWave(dir)) {
            return;
        }
        SafeFiles.refuseIfLink(dir); // a link where the wave's folder belongs is refused as such, not as a typo
        String there = wavesThereAre();
        throw LaneException.usage("there is no wave " + wave + " in " + inbox.root() + ": no lane of it was ever "
                + "claimed. " + Character.toUpperCase(there.charAt(0)) + there.substring(1) + ".");
    }

    /** "waves: 45, 46" or "no wave has been claimed yet". */
    private String wavesThereAre() {
        List<String> waves = waveNames();
        return waves.isEmpty() ? "no wave has been claimed yet" : "waves: " + String.join(", ", waves);
    }

    /**
     * The claim whose worktree is {@code worktreeTop}, searching every wave. Claims whose record cannot be read are
     * skipped: their worktree is unknown, and they must not stop an agent of another lane.
     */
    public Optional<ClaimRecord> findByWorktree(Path worktreeTop) {
        Path wanted = realOrSelf(worktreeTop);
        for (WaveId wave : waves()) {
            for (ClaimRecord c : scanWave(wave).claims()) { // a damaged record elsewhere must not stop this lane
                if (realOrSelf(Path.of(c.worktree())).equals(wanted)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The claim whose branch is {@code branch} (a short name, {@code lane/45/dimA}), searching every wave; damaged
     * records are skipped, as by {@link #findByWorktree}.
     */
    public Optional<ClaimRecord> findByBranch(String branch) {
        for (WaveId wave : waves()) {
            for (ClaimRecord c : scanWave(wave).claims()) {
                if (c.branch().equals(branch)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The lane with a damaged claim record whose worktree, by {@code worktreeOf} (the {@code worktree:} setting), is
     * {@code worktreeTop}: its record cannot say where its worktree is, but the setting can.
     */
    public Optional<DamagedClaim> findDamagedByWorktree(Path worktreeTop, BiFunction<WaveId, LaneId, Path> worktreeOf) {
        Path wanted = realOrSelf(worktreeTop);
        for (WaveId wave : waves()) {
            for (DamagedClaim damaged : scanWave(wave).damaged()) {
                if (realOrSelf(worktreeOf.apply(wave, new LaneId(damaged.lane()))).equals(wanted)) {
                    return Optional.of(damaged);
                }
            }
        }
        return Optional.empty();
    }

    /** The names of the wave's lane folders (claimed, or being claimed), in name order. */
    public List<String> laneFolders(WaveId wave) {
        return children(inbox.waveDir(wave));
    }

    /** Sub-folders that are valid names (bookkeeping entries start with '.' and are skipped). */
    private static List<String> children(Path dir) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && isName(n)) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            throw LaneException.internal("cannot list " + dir + ": " + e.getMessage(), e);
        }
        names.sort(ClaimStore::compareNames);
        return names;
    }

    /** Names made of digits only come first, as numbers (9 before 10); the others follow, as text. */
    private static int compareNames(String a, String b) {
        boolean numberA = a.chars().allMatch(c -> c >= '0' && c <= '9');
        boolean numberB = b.chars().allMatch(c -> c >= '0' && c <= '9');
        if (numberA != numberB) {
            return numberA ? -1 : 1;
        }
        if (numberA) {
            String x = a.replaceFirst("^0+(?=.)", "");
            String y = b.replaceFirst("^0+(?=.)", "");
            int byValue = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
            if (byValue != 0) {
                return byValue;
            }
        }
        return a.compareTo(b);
    }

    private static boolean isName(String n) {
        try {
            new LaneId(n);
            return true;
        } catch (LaneException e) {
            return false;
        }
    }

    private static Path realOrSelf(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
