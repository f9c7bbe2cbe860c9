package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.repo.GitCli;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Merges lanes one by one onto the growing result, in memory: no checkout, no working tree, no ref touched.
 *
 * <p>Each lane is first merged by {@link TreeMerger}, which touches only the subtrees both sides changed (cost
 * grows with the lanes' changes, not the repository); what it cannot merge unambiguously goes to JGit's in-core
 * RECURSIVE merger. JGit has no rename detection, so when that reports a conflict the same merge is retried with
 * native {@code git merge-tree --write-tree} (git 2.38+), which
 * merges a file renamed on one side and edited on the other ({@link MergeBlindSpots} sends there at once what JGit
 * would call clean where git does not); only a lane git itself cannot merge is parked, with
 * the conflicting paths and the lanes (or main) that changed them. A merged lane gets its commit at once (a merge
 * commit, or a squashed one) so the next lane merges onto it.
 */
final class LaneMerger {
    private final RepoAccess access;
    private final GitCli git;
    private final ResultWriter writer;
    private final boolean squash;
    private final Map<String, Set<String>> changedByLane = new HashMap<>();
    /** The base each lane merged from in this pass, when it was not the fork point (a squashed landing). */
    private final Map<String, RevCommit> mergedFrom = new HashMap<>();
    private final TreeMerger trees;
    private final MergeBlindSpots blindSpots;

    LaneMerger(RepoAccess access, GitCli git, ResultWriter writer, boolean squash) {
        this.access = access;
        this.git = git;
        this.writer = writer;
        this.squash = squash;
        this.trees = new TreeMerger(access.reader(), access.inserter());
        this.blindSpots = new MergeBlindSpots(access.repository(), access.reader());
    }

    /**
     * The lanes merged onto {@code base}.
     *
     * @param tip         the last commit of the chain (base if no lane brought code)
     * @param merged      lanes merged (or whose head main already held), in order
     * @param parked      lanes that conflicted, with the reason
     * @param laneCommits the commit that landed each lane's code, for lanes that brought code
     */
    record Chain(RevCommit tip, List<Candidate> merged, Map<String, String> parked, Map<String, ObjectId> laneCommits) {
    }

    Chain merge(RevCommit base, List<Candidate> lanes) {
        RevCommit tip = base;
        List<Candidate> merged = new ArrayList<>();
        Map<String, String> parked = new LinkedHashMap<>();
        Map<String, ObjectId> commits = new LinkedHashMap<>();
        for (Candidate lane : lanes) {
            if (lane.headInMain()) {
                merged.add(lane);
                continue;
            }
            // After a squashed landing the lane's history is not in main's: merge its work since that landing,
            // unless the lane merged main since (lane sync), which makes the ordinary merge base the better one.
            List<RevCommit> bases = access.mergeBases(tip, lane.head());
            RevCommit chosenBase = lane.landedSquashed() != null && bases.size() == 1
                    && access.isAncestor(bases.get(0), lane.landedSquashed()) ? lane.landedSquashed() : null;
            if (chosenBase != null) {
                bases = List.of(chosenBase);
                mergedFrom.put(lane.lane(), chosenBase);
            }
            if (bases.size() == 1 && bases.get(0).equals(lane.head())) {
                merged.add(lane); // an earlier lane of this pass already brought this head
                continue;
            }
            MergeOutcome outcome = mergeOne(tip, lane.head(), bases, chosenBase);
            if (outcome.tree() == null) {
                parked.put(lane.lane(), conflictReason(base, merged, lane, outcome));
                continue;
            }
            tip = writer.laneCommit(tip, lane, outcome.tree(), squash);
            commits.put(lane.lane(), tip);
            merged.add(lane);
        }
        return new Chain(tip, merged, parked, commits);
    }

    /** A merged tree, or (tree null) the conflicting paths; {@code gitMessage} says why when git names no path. */
    private record MergeOutcome(ObjectId tree, List<String> conflicts, String gitMessage) {
        MergeOutcome(ObjectId tree, List<String> conflicts) {
            this(tree, conflicts, "");
        }
    }

    /** Merges {@code head} onto {@code tip}; {@code chosenBase}, if not null, is the base to merge from. */
    private MergeOutcome mergeOne(RevCommit tip, RevCommit head, List<RevCommit> bases, RevCommit chosenBase) {
        try {
            // What JGit would merge wrongly (renames, .gitattributes) from any of the bases goes to git's merge-tree
            // at once (with several bases, git merges from a base of its own making, as JGit's RECURSIVE does)
            for (RevCommit b : bases) {
                if (blindSpots.present(b.getTree(), tip.getTree(), head.getTree())) {
                    return nativeMerge(tip, head, chosenBase);
                }
            }
            if (bases.size() == 1) {
                Optional<ObjectId> fast = trees.merge(bases.get(0).getTree(), tip.getTree(), head.getTree());
                if (fast.isPresent()) {
                    return new MergeOutcome(fast.get(), List.of());
                }
            }
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(access.inserter(),
                    access.repository().getConfig());
            if (chosenBase != null) {
                merger.setBase(chosenBase);
            }
            // flush=false: JGit's merge(tips) would flush and close the pass's inserter, which drops the objects
            // the pass has written and not yet published (RepoAccess); they are published with the plan.
            if (merger.merge(false, tip, head)) {
                return new MergeOutcome(merger.getResultTreeId(), List.of());
            }
        } catch (IOException e) {
            throw RepoAccess.io("merge " + head.name(), e);
        }
        return nativeMerge(tip, head, chosenBase);
    }

    /**
     * Merges {@code head} onto {@code tip} with native {@code git merge-tree --write-tree}; from {@code chosenBase}
     * if not null (git 2.39's merge-tree takes no base: it merges two stand-in commits of the same trees whose only
     * parent is that base; they are never referenced, and go with git's gc).
     */
    private MergeOutcome nativeMerge(RevCommit tip, RevCommit head, RevCommit chosenBase) {
        ObjectId ours = chosenBase == null ? tip : onBase(chosenBase, tip.getTree());
        ObjectId theirs = chosenBase == null ? head : onBase(chosenBase, head.getTree());
        access.publish();
        GitCli.Result r = git.run("merge-tree", "--write-tree", "-z", "--name-only", "--no-messages", ours.name(),
                theirs.name());
        String[] parts = r.out().split("\0");
        if (r.exitCode() == 0) {
            return new MergeOutcome(ObjectId.fromString(parts[0].strip()), List.of());
        }
        if (r.exitCode() == 1) {
            LinkedHashSet<String> paths = new LinkedHashSet<>();
            for (int i = 1; i < parts.length; i++) {
                if (!parts[i].isBlank()) {
                    paths.add(asNamed(parts[i], ours, theirs));
                }
            }
            if (paths.isEmpty()) { // a folder git cannot decide where to move, say: only its messages say why
                GitCli.Result m = git.run("merge-tree", "--write-tree", "--name-only", ours.name(), theirs.name());
                String out = m.out().strip();
                int blank = out.indexOf("\n\n");
                return new MergeOutcome(null, List.of(),
                        blank < 0 ? "" : out.substring(blank).strip().replaceAll("\\s*\n\\s*", " "));
            }
            return new MergeOutcome(null, List.copyOf(paths));
        }
        throw LaneException.internal("git merge-tree failed for lane head " + head.name() + ": " + r.err().strip(),
                null);
    }

    /** A commit of {@code tree} whose only parent is {@code base}, written with the pass's objects. */
    private ObjectId onBase(RevCommit base, ObjectId tree) {
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        cb.setParentId(base);
        PersonIdent nobody = new PersonIdent("lane", "lane@lane.invalid", Instant.EPOCH, ZoneOffset.UTC);
        cb.setAuthor(nobody);
        cb.setCommitter(nobody);
        cb.setMessage("lane: stand-in to merge from " + base.name() + " (never referenced)\n");
        try {
            return access.inserter().insert(cb);
        } catch (IOException e) {
            throw RepoAccess.io("write a stand-in commit", e);
        }
    }

    /**
     * The path as the repository names it: where two kinds of entry (a symbolic link and a file, say) meet at one
     * path, git records one of them as {@code path~<side>}, a name that exists on neither side.
     */
    private static String asNamed(String path, ObjectId ours, ObjectId theirs) {
        for (ObjectId side : List.of(ours, theirs)) {
            String suffix = "~" + side.name();
            if (path.endsWith(suffix) && path.length() > suffix.length()) {
                return path.substring(0, path.length() - suffix.length());
            }
        }
        return path;
    }

    private String conflictReason(RevCommit base, List<Candidate> merged, Candidate lane, MergeOutcome outcome) {
        List<String> paths = outcome.conflicts();
        if (paths.isEmpty()) {
            return "code conflict that git names no file for: " + (outcome.gitMessage().isEmpty()
                    ? "git merge-tree reports a conflict" : outcome.gitMessage().replaceFirst("\\.$", ""))
                    + ". In the lane's worktree: "
                    + "lane sync, resolve, commit, lane submit; then integrate again.";
        }
        List<String> described = new ArrayList<>();
        Set<String> onMain = null; // read once, if a path was changed by no earlier lane
        for (String path : paths) {
            List<String> by = new ArrayList<>();
            for (Candidate earlier : merged) {
                if (!earlier.headInMain() && changedBy(base, earlier).contains(path)) {
                    by.add("lane " + earlier.lane());
                }
            }
            if (by.isEmpty() && onMain == null) {
                onMain = changedOnMain(base, lane, paths);
            }
            // a path neither main nor an earlier lane changed is the lane's own (a new name it renamed a file to)
            described.add(path + (!by.isEmpty() ? " (also changed by " + String.join(", ", by) + ")"
                    : onMain.contains(path) ? " (changed on main)" : ""));
        }
        return "code conflict in " + String.join(", ", described) + ". In the lane's worktree: lane sync, resolve, "
                + "commit, lane submit; then integrate again.";
    }

    /** Which of {@code paths} main changed since the lane's fork point (all of them if it has none). */
    private Set<String> changedOnMain(RevCommit base, Candidate lane, List<String> paths) {
        Optional<RevCommit> fork = Optional.ofNullable(mergedFrom.get(lane.lane()))
                .or(() -> access.forkPoint(base, lane.head()));
        if (fork.isEmpty()) {
            return Set.copyOf(paths);
        }
        return Set.copyOf(access.changedPaths(fork.get().getTree(), base.getTree(), paths::contains,
                folder -> paths.stream().anyMatch(p -> p.startsWith(folder + "/"))));
    }

    /** The paths {@code lane} brings in this pass: since its squashed landing if merged from there, else its fork. */
    private Set<String> changedBy(RevCommit base, Candidate lane) {
        return changedByLane.computeIfAbsent(lane.lane(), k -> Optional.ofNullable(mergedFrom.get(lane.lane()))
                .or(() -> access.forkPoint(base, lane.head()))
                .map(from -> Set.copyOf(access.changedPaths(from.getTree(), lane.head().getTree(), p -> true)))
                .orElse(Set.of()));
    }
}
