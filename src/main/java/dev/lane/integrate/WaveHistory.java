package dev.lane.integrate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;
import org.semver4j.Semver;

/**
 * What earlier passes of a wave already applied, read from main's history (the source of truth: main moves
 * atomically with its trailers, so a crash can never leave main and this record out of step).
 *
 * <p>It walks main's first-parent line back from the base of the pass, reading the {@link Trailers} of commits
 * marked with this wave, and stops once it has passed every claim base of the wave (a wave's commits are made
 * after its claims, so none lies further back), or at the root if a claim base is not on that line.
 *
 * @param bump              the wave's latest bump record, if it bumped before
 * @param appliedWorkflows  ids of workflow edits already applied, per lane
 * @param squashedHeads     lane heads that landed as squashed commits, per lane
 */
record WaveHistory(Optional<BumpRecord> bump, Map<String, Set<String>> appliedWorkflows,
                   Map<String, Set<String>> squashedHeads) {

    /** The wave's bump as recorded: the version main had before the wave's first bump, and the version set. */
    record BumpRecord(Semver from, Semver to) {
    }

    static WaveHistory scan(RepoAccess access, ObjectId mainTip, String wave, Set<ObjectId> stopAfter) {
        Optional<BumpRecord> bump = Optional.empty();
        Map<String, Set<String>> workflows = new HashMap<>();
        Map<String, Set<String>> squashed = new HashMap<>();
        Set<ObjectId> remaining = new HashSet<>(stopAfter);
        String prefix = wave + "/";
        RevCommit c = access.commit(mainTip);
        while (c != null) {
            List<FooterLine> footers = c.getFooterLines();
            if (footers.stream().anyMatch(f -> is(f, Trailers.WAVE) && f.getValue().strip().equals(wave))) {
                for (FooterLine f : footers) {
                    String v = f.getValue().strip();
                    if (is(f, Trailers.BUMP) && bump.isEmpty() && v.startsWith(wave + " ")) {
                        bump = parseBump(v.substring(wave.length() + 1));
                    } else if (is(f, Trailers.WORKFLOW) && v.startsWith(prefix)) {
                        String[] parts = v.substring(prefix.length()).split(" ", 3);
                        if (parts.length >= 2) {
                            workflows.computeIfAbsent(parts[0], k -> new HashSet<>()).add(parts[1]);
                        }
                    } else if (is(f, Trailers.SQUASHED) && v.startsWith(prefix)) {
                        String[] parts = v.substring(prefix.length()).split(" ", 2);
                        if (parts.length == 2) {
                            squashed.computeIfAbsent(parts[0], k -> new HashSet<>()).add(parts[1].strip());
                        }
                    }
                }
            }
            remaining.remove(c.getId());
            if (!stopAfter.isEmpty() && remaining.isEmpty()) {
                break;
            }
            c = c.getParentCount() == 0 ? null : access.commit(c.getParent(0));
        }
        return new WaveHistory(bump, workflows, squashed);
    }

    Set<String> workflowsOf(String lane) {
        return appliedWorkflows.getOrDefault(lane, Set.of());
    }

    /** The heads of {@code lane} that landed as squashed commits (full ids). */
    Set<String> squashedHeadsOf(String lane) {
        return squashedHeads.getOrDefault(lane, Set.of());
    }

    private static boolean is(FooterLine f, String key) {
        return f.getKey().equalsIgnoreCase(key);
    }

    private static Optional<BumpRecord> parseBump(String text) {
        String[] parts = text.split("->");
        if (parts.length != 2) {
            return Optional.empty();
        }
        Semver from = Semver.parse(parts[0].strip());
        Semver to = Semver.parse(parts[1].strip());
        return from == null || to == null ? Optional.empty() : Optional.of(new BumpRecord(from, to));
    }
}
