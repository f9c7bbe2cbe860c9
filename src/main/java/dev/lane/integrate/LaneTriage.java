package dev.lane.integrate;

import dev.lane.claim.ClaimRecord;
import dev.lane.config.ConfigLoader;
import dev.lane.config.LaneConfig;
import dev.lane.submit.Submission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Sorts the claimed lanes of a wave before merging: not submitted (left out), already integrated (main holds the
 * head and every intent), parked at once (head missing, no shared history, or a branch that changes shared files or
 * files under the inbox itself, bypassing submit), or a candidate for the pass with its pending intents.
 */
final class LaneTriage {
    private final RepoAccess access;
    private final SharedSurfaces surfaces;
    private final Map<String, Submission> submitted;
    /** The inbox folder as a path in the repository (no trailing slash), if the inbox lies in the main checkout. */
    private final Optional<String> inbox;

    /**
     * @param submitted the submission of each submitted lane (a claimed lane missing here is not submitted)
     * @param inbox     the inbox folder as a path in the repository, if the inbox lies inside the main checkout
     */
    LaneTriage(RepoAccess access, LaneConfig config, Map<String, Submission> submitted, Optional<String> inbox) {
        this.access = access;
        this.surfaces = new SharedSurfaces(config);
        this.submitted = submitted;
        this.inbox = inbox;
    }

    /**
     * The sorted lanes.
     *
     * @param order        submitted lanes in merge order
     * @param decided      lanes whose outcome is known before merging
     * @param notSubmitted claimed lanes without a submission
     * @param candidates   lanes to merge, in order
     */
    record Triage(List<String> order, Map<String, LaneOutcome> decided, List<String> notSubmitted,
                  List<Candidate> candidates) {
    }

    Triage triage(List<ClaimRecord> ordered, RevCommit base, WaveHistory history, Set<String> manifestNow,
                  WaveBump waveBump) {
        Map<String, LaneOutcome> decided = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        List<String> notSubmitted = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (ClaimRecord claim : ordered) {
            Optional<Submission> sub = Optional.ofNullable(submitted.get(claim.lane()));
            if (sub.isEmpty()) {
                notSubmitted.add(claim.lane());
                continue;
            }
            Submission s = sub.get();
            order.add(claim.lane());
            Optional<RevCommit> head = access.commitIfPresent(s.head());
            if (head.isEmpty()) {
                decided.put(claim.lane(), parked(claim.lane(), claim.agent(), s, "its submitted head " + s.head()
                        + " is not in the repository (branch deleted?); lane submit again from its worktree"));
                continue;
            }
            Optional<RevCommit> fork = access.forkPoint(base, head.get());
            boolean inMain = fork.map(f -> f.equals(head.get())).orElse(false)
                    || history.squashedHeadsOf(claim.lane()).contains(s.head());
            PendingIntents pending = PendingIntents.of(claim.lane(), s.intents(), manifestNow,
                    history.workflowsOf(claim.lane()), waveBump);
            if (inMain && pending.isEmpty()) {
                String note = pending.bumpNotApplied();
                decided.put(claim.lane(), new LaneOutcome(claim.lane(), claim.agent(), LaneStatus.ALREADY_INTEGRATED,
                        "main already holds head " + s.head().substring(0, 12)
                                + (note == null ? " and its intents" : " and its other intents; " + note),
                        s.head(), s.sequence(), LaneOutcome.Applied.nothing(), null, note));
                continue;
            }
            List<String> removed = List.of();
            if (!inMain) {
                Optional<String> bypass = bypass(fork, head.get(), base);
                if (bypass.isPresent()) {
                    decided.put(claim.lane(), parked(claim.lane(), claim.agent(), s, bypass.get()));
                    continue;
                }
                removed = removedMigrations(fork.get(), head.get());
            }
            candidates.add(new Candidate(claim.lane(), claim.agent(), s, head.get(), inMain, pending, removed,
                    inMain ? null : landedSquashed(history.squashedHeadsOf(claim.lane()), head.get()).orElse(null)));
        }
        return new Triage(order, decided, notSubmitted, candidates);
    }

    /** The latest of the lane's squashed-and-landed heads that {@code head} descends from, if any. */
    private Optional<RevCommit> landedSquashed(Set<String> squashedHeads, RevCommit head) {
        RevCommit latest = null;
        for (String id : squashedHeads) {
            Optional<RevCommit> c = access.commitIfPresent(id);
            if (c.isPresent() && access.isAncestor(c.get(), head)
                    && (latest == null || access.isAncestor(latest, c.get()))) {
                latest = c.get();
            }
        }
        return Optional.ofNullable(latest);
    }

    static LaneOutcome parked(String lane, String agent, Submission s, String reason) {
        return new LaneOutcome(lane, agent, LaneStatus.PARKED, reason, s.head(), s.sequence(),
                LaneOutcome.Applied.nothing(), null, null);
    }

    /** The paths, the first ten of them if there are more, with how many more. */
    private static String named(List<String> paths) {
        int shown = Math.min(paths.size(), 10);
        return String.join(", ", paths.subList(0, shown))
                + (paths.size() > shown ? " and " + (paths.size() - shown) + " more" : "");
    }

    /**
     * The migration files (plain names) the lane's branch removes relative to its fork point: whether the manifest
     * lists them is decided when intents are applied, against main's manifest and the lanes before it.
     */
    private List<String> removedMigrations(RevCommit fork, RevCommit head) {
        return access.changedPaths(fork.getTree(), head.getTree(),
                        path -> surfaces.isInMigrationsFolder(path) && !access.hasFile(head.getTree(), path),
                        surfaces::mayHoldMigrations)
                .stream().map(surfaces::migrationName).toList();
    }

    /**
     * Why the lane's branch cannot be merged as it is: it changes files under the inbox, or a file (a symlink, say)
     * at the inbox's path or at a folder above it (lane's own state in the main checkout: landed on main, they would
     * be written over it, or delete it, when the checkout follows main), or shared files, itself, relative to where it
     * forked from main.
     */
    private Optional<String> bypass(Optional<RevCommit> fork, RevCommit head, RevCommit base) {
        if (fork.isEmpty()) {
            return Optional.of("its branch shares no history with main; claim the lane again from main");
        }
        if (inbox.isPresent()) {
            String folder = inbox.get();
            // a path under the inbox, the inbox's own, or a folder's on the way to it (a file there replaces it)
            Predicate<String> onInbox = path -> path.equals(folder) || path.startsWith(folder + "/")
                    || folder.startsWith(path + "/");
            List<String> inInbox = access.changedPaths(fork.get().getTree(), head.getTree(), onInbox, onInbox);
            if (!inInbox.isEmpty()) {
                String remove = String.join(" ", inInbox.stream()
                        .map(path -> path.startsWith(folder + "/") ? folder : path).distinct().toList());
                return Optional.of("its branch changes files at or under the inbox " + folder + " ("
                        + named(inInbox) + "); the inbox holds lane's own state in the main checkout and never "
                        + "travels in a branch: landed on main, these would write over or delete it. Take them out "
                        + "of the lane (in its worktree: git rm -r --cached -- " + remove + ", then commit), run "
                        + "lane submit there, then integrate again.");
            }
        }
        Predicate<String> config = path -> path.equals(ConfigLoader.FILE_NAME)
                || path.startsWith(ConfigLoader.FILE_NAME + "/"); // a folder put in its place, too
        if (!access.changedPaths(fork.get().getTree(), head.getTree(), config, config).isEmpty()) {
            return Optional.of("its branch changes " + ConfigLoader.FILE_NAME + ", lane's own configuration (the "
                    + "check, the required migrations, the inbox), which a lane may not change: it bypassed lane "
                    + "submit, which refuses that. Take the change out of the lane (in its worktree: git checkout "
                    + fork.get().getName().substring(0, 12) + " -- " + ConfigLoader.FILE_NAME + ", then commit), run "
                    + "lane submit there, then integrate again; change " + ConfigLoader.FILE_NAME + " on main itself.");
        }
        List<String> touched = access.changedPaths(fork.get().getTree(), head.getTree(), surfaces::contains,
                surfaces::mayHoldSurfaces);
        if (touched.isEmpty()) {
            return Optional.empty();
        }
        // lanes.yml on main may have made files shared since the lane forked (a new workflow glob, version file or
        // manifest): then submit, run under the lane's own lanes.yml, rightly took them as plain files
        boolean configMoved = !access.changedPaths(fork.get().getTree(), base.getTree(), config, config).isEmpty();
        return Optional.of("its branch changes shared files itself (" + String.join(", ", touched) + "): "
                + (configMoved ? "lanes.yml on main has changed since the lane forked, and makes them shared files now "
                        + "(or lane submit was bypassed)" : "it bypassed lane submit")
                + ". Run lane submit in its worktree (it moves those edits into intents), then integrate again.");
    }
}
