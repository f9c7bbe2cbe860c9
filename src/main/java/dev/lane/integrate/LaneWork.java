package dev.lane.integrate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The lane's own commits that a squashed landing brings, as GitHub's squash merge lists them: the commits of the
 * lane's head that main does not hold (since its fork point, or since its previous squashed landing), oldest first,
 * without lane's bookkeeping commits ({@link #isBookkeeping}) and without merge commits (a merge of main brings
 * main's work, not the lane's).
 *
 * @param commits the lane's work commits, oldest first
 */
record LaneWork(List<RevCommit> commits) {
    /** The lane's work commits in {@code head} that {@code tip} (and the lane's last squashed landing) lacks. */
    static LaneWork of(RepoAccess access, RevCommit tip, Candidate lane) {
        try (RevWalk walk = new RevWalk(access.reader())) {
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(walk.parseCommit(lane.head()));
            walk.markUninteresting(walk.parseCommit(tip));
            if (lane.landedSquashed() != null) {
                walk.markUninteresting(walk.parseCommit(lane.landedSquashed()));
            }
            List<RevCommit> work = new ArrayList<>();
            for (RevCommit c : walk) {
                if (c.getParentCount() <= 1 && !isBookkeeping(c)) {
                    work.add(c);
                }
            }
            return new LaneWork(List.copyOf(work));
        } catch (IOException e) {
            throw RepoAccess.io("list the commits of lane " + lane.lane(), e);
        }
    }

    /** Whether {@code c} is a commit lane itself made in the lane's worktree (submit's or sync's), not the agent's. */
    static boolean isBookkeeping(RevCommit c) {
        String subject = c.getShortMessage();
        return subject.startsWith(BookkeepingSubjects.SUBMIT_RESTORE)
                || subject.startsWith(BookkeepingSubjects.SYNC);
    }

    /** The subjects, oldest first. */
    List<String> subjects() {
        return commits.stream().map(RevCommit::getShortMessage).toList();
    }

    /** The author of the lane's latest work commit, or {@code fallback} if the lane has none. */
    PersonIdent author(PersonIdent fallback) {
        return commits.isEmpty() ? fallback : commits.get(commits.size() - 1).getAuthorIdent();
    }

    /** The other authors of the work (not {@code author}), each once by email, in order of their first commit. */
    List<PersonIdent> coAuthors(PersonIdent author) {
        Set<String> seen = new LinkedHashSet<>(List.of(author.getEmailAddress()));
        List<PersonIdent> others = new ArrayList<>();
        for (RevCommit c : commits) {
            PersonIdent a = c.getAuthorIdent();
            if (seen.add(a.getEmailAddress())) {
                others.add(a);
            }
        }
        return others;
    }
}
