package dev.lane.intent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which manifest entries are listed and which migration numbers they take: the one rule deciding "number taken",
 * used by {@code lane submit} (against the manifest of the lane's base: its fork point, which includes what
 * {@code lane sync} merged) and by {@code lane integrate} (against main's manifest and the lanes before in the
 * pass). A number is an entry's numeric prefix ({@link Manifest#number}); entries without one never clash.
 *
 * <p>Not thread-safe; one instance follows one submit or one application of intents.
 */
public final class MigrationNumbers {
    /** Each listed entry to the lane that listed it in this pass, or "" if the manifest lists it already. */
    private final Map<String, String> listed = new LinkedHashMap<>();
    /** Number to the entry that took it, with who listed it, e.g. {@code 250_a.sql (already in the manifest)}. */
    private final Map<Long, String> owners = new HashMap<>();

    private MigrationNumbers() {
    }

    /** The entries a manifest lists, each number owned by "{@code <entry> (already in the manifest)}". */
    public static MigrationNumbers listedIn(Collection<String> manifestEntries) {
        MigrationNumbers numbers = new MigrationNumbers();
        for (String entry : manifestEntries) {
            numbers.listed.putIfAbsent(entry, "");
            Manifest.number(entry).ifPresent(n -> numbers.owners.putIfAbsent(n, entry + " (already in the manifest)"));
        }
        return numbers;
    }

    /** Whether the manifest lists {@code entry} already (or a lane before listed it in this pass). */
    public boolean lists(String entry) {
        return listed.containsKey(entry);
    }

    /** The lane that listed {@code entry} in this pass; empty if the manifest lists it already, or no one does. */
    public Optional<String> listingLane(String entry) {
        String lane = listed.get(entry);
        return lane == null || lane.isEmpty() ? Optional.empty() : Optional.of(lane);
    }

    /**
     * A lane's new entry whose number is taken: by an entry already listed, or by another new entry of the same
     * lane.
     *
     * @param number the migration number
     * @param entry  the lane's entry
     * @param other  the entry that has the number, with who listed it ("(already in the manifest)", "(lane L)",
     *               "(this lane too)")
     */
    public record Clash(long number, String entry, String other) {
        /** "migration number N is taken twice: E (this lane) and O": the same words at submit and integrate. */
        public String sentence() {
            return "migration number " + number + " is taken twice: " + entry + " (this lane) and " + other;
        }
    }

    /**
     * Every clash among one lane's {@code entries}, taken in manifest order ({@link Manifest#ORDER}); entries
     * already listed are skipped (listing them again changes nothing). Records nothing.
     */
    public List<Clash> clashes(Collection<String> entries) {
        List<Clash> clashes = new ArrayList<>();
        Map<Long, String> own = new HashMap<>();
        for (String entry : entries.stream().distinct().sorted(Manifest.ORDER).toList()) {
            OptionalLong number = Manifest.number(entry);
            if (listed.containsKey(entry) || number.isEmpty()) {
                continue;
            }
            long n = number.getAsLong();
            String owner = owners.get(n);
            String mine = own.get(n);
            if (owner != null || mine != null) {
                clashes.add(new Clash(n, entry, owner != null ? owner : mine + " (this lane too)"));
            } else {
                own.put(n, entry);
            }
        }
        return clashes;
    }

    /** Records {@code entry} as listed from now on, its number taken by it, "(lane L)" for {@code lane} L. */
    public void list(String entry, String lane) {
        if (listed.putIfAbsent(entry, lane) == null) {
            Manifest.number(entry).ifPresent(n -> owners.put(n, entry + " (lane " + lane + ")"));
        }
    }
}
