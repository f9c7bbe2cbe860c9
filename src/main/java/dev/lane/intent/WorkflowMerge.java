package dev.lane.intent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/**
 * A three-way merge of one text file, in memory, with JGit's {@link MergeAlgorithm}: the base a lane started from,
 * the current result (main plus the edits applied before), and the lane's version. Non-overlapping edits combine;
 * an overlapping edit is a conflict, reported with its hunk in the usual conflict-marker form.
 */
public final class WorkflowMerge {
    private WorkflowMerge() {
    }

    /** The merged text, or the conflicting hunks. */
    public sealed interface Outcome {
        record Merged(String text) implements Outcome {
        }

        record Conflict(String hunks) implements Outcome {
        }
    }

    /**
     * Merges {@code current} and {@code lane}, both made from {@code base}; a conflict's hunks label each side with
     * whose it is ({@code currentLabel}: say {@code main + lane a (this pass)}; {@code laneLabel}: {@code lane b}).
     */
    public static Outcome merge(String base, String current, String lane, String currentLabel, String laneLabel) {
        MergeResult<RawText> r = new MergeAlgorithm().merge(RawTextComparator.DEFAULT, text(base), text(current),
                text(lane));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(out, r, List.of("base", currentLabel, laneLabel),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        String merged = out.toString(StandardCharsets.UTF_8);
        return r.containsConflicts() ? new Outcome.Conflict(hunks(merged)) : new Outcome.Merged(merged);
    }

    private static RawText text(String s) {
        return new RawText(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Only the conflict regions of a merged text, marker lines included. */
    private static String hunks(String merged) {
        List<String> out = new ArrayList<>();
        boolean inside = false;
        for (String line : merged.split("\n", -1)) {
            if (line.startsWith("<<<<<<< ")) {
                inside = true;
            }
            if (inside) {
                out.add(line);
            }
            if (line.startsWith(">>>>>>> ")) {
                inside = false;
            }
        }
        return String.join("\n", out);
    }
}
