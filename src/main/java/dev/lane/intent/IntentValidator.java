package dev.lane.intent;

import dev.lane.names.Name;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.semver4j.Semver;

/**
 * The rules every intent must pass at {@code lane submit}, so a bad intent is refused at once. {@code lane integrate}
 * decides by the same pieces ({@link Manifest}, {@link MigrationNumbers}, {@link BumpRequest}, {@link WorkflowCheck})
 * against main as it is when the pass runs, and its checks refuse whatever still slips through.
 *
 * @param migrationExists whether a migration file of that name exists in the lane's tree
 * @param baseVersion     the project version the lane started from: the highest its version files carry (null if the
 *                        project has none; see {@link ProjectVersion})
 * @param listed          the entries the manifest of the lane's base lists, and the numbers they take
 */
public record IntentValidator(Predicate<String> migrationExists, Semver baseVersion, MigrationNumbers listed) {

    /** Every problem with {@code intents}, each a sentence naming the intent and what is wrong; empty if none. */
    public List<String> problems(Intents intents) {
        List<String> problems = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        for (String entry : intents.manifest()) {
            if (!Manifest.isValidEntry(entry)) {
                problems.add("manifest entry " + Name.quote(entry) + " is not a plain migration file name: use "
                        + "letters, digits, '.', '_' and '-' (no spaces, folders or comments; not starting with '.' or "
                        + "'-'), like 262_add_index.sql. Rename the migration file (git mv) or fix the manifest line, "
                        + "then submit again");
            } else if (!migrationExists.test(entry)) {
                problems.add("manifest entry " + entry + " names no migration file in the lane's tree; add the "
                        + "migration file first (a regular file: not a symbolic link or folder)");
            } else {
                valid.add(entry);
            }
        }
        for (MigrationNumbers.Clash clash : listed.clashes(valid)) {
            problems.add(clash.sentence() + ". Renumber this lane's migration and submit again.");
        }
        BumpRequest bump = intents.bump();
        if (bump != null && bump.version() != null && baseVersion != null
                && bump.version().isLowerThan(baseVersion)) {
            problems.add("bump to " + bump + " is lower than the current version " + baseVersion.getVersion()
                    + "; ask for a higher version, or patch, minor or major");
        } else if (bump != null && bump.version() != null && baseVersion != null
                && bump.version().compareTo(baseVersion) == 0) { // build metadata (+...) does not count in the order
            problems.add("bump to " + bump + " is the current version " + (bump.version().isEqualTo(baseVersion)
                    ? "already" : baseVersion.getVersion() + " already (build metadata after '+' does not count in "
                    + "version order)") + ", so it would change nothing; ask for a higher version, or patch, minor "
                    + "or major (or leave --bump out)");
        }
        if (bump != null && baseVersion == null) {
            problems.add("bump " + bump + " requested, but no version file has a version to bump");
        }
        for (WorkflowEdit edit : intents.workflows()) {
            WorkflowCheck.ofLaneEdit(edit.path(), edit.base(), edit.lane()).ifPresent(problems::add);
        }
        return problems;
    }
}
