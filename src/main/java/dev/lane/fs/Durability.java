package dev.lane.fs;

/**
 * How far an atomic write ({@link SafeFiles#writeAtomically(java.nio.file.Path, byte[], Durability)}) survives.
 * Both kinds replace the file by a rename, so a reader never sees a mix of old and new, and a killed process leaves
 * the old file or the new one.
 */
public enum Durability {
    /**
     * The new content is forced to disk before the rename, so it also survives a power cut. For the records lane
     * cannot restate from anything else: claims, submissions, intents, the integrator's journal, lanes.yml.
     */
    FORCED,
    /**
     * Renamed into place without forcing: it survives any process crash, but a power cut may leave the old file, no
     * file or an empty one. Only for records lane restates from main's history when they are missing or damaged
     * (a lane's outcome.json): forcing fifty of them cost an integrate of 50 lanes ~40 ms of its ~340.
     */
    UNFORCED
}
