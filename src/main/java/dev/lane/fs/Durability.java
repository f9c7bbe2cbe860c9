package dev.lane.fs;

/**
 * How far an atomic write ({@link SafeFiles#writeAtomically(java.nio.file.Path, byte[], Durability)}) survives.
 * Both kinds replace the file by a rename, so a reader never sees a mix of old and new, and a killed process leaves
 * the old file or the new one.
 */
public enum Durability {
    /**
     * The new content is forced to disk before the rename, so a power cut leaves the old content or the new, never an
     * empty file (the rename itself is not forced: the old content may come back). For the records lane cannot
     * restate from anything else: claims, submissions, intents, the integrator's journal, lanes.yml.
     */
    FORCED,
    /**
     * Renamed into place without forcing: it survives any process crash, but a power cut may leave the old file, no
     * file or an empty one. Only for reports whose facts are kept elsewhere and which lane rewrites (a lane's
     * outcome.json: main's history and the ledger hold what it says): forcing fifty of them cost an integrate of 50
     * lanes ~40 ms of its ~340.
     */
    UNFORCED
}
