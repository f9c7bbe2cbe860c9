package dev.lane.integrate;

import dev.lane.repo.Identity;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Writes the commits of a pass as objects (no ref moves here): one per lane on main's first-parent line (a merge
 * of the lane's head, or with squash a single-parent commit with the lane's changes), then one commit for the
 * shared-surface changes whose message lists which lane contributed which entry, bump and edit, and ends with the
 * {@link Trailers} that {@link WaveHistory} reads back.
 *
 * <p>The integrator is the committer of every commit, and the author of the merge and shared-surface commits. A
 * squashed commit is authored by the lane's work, as GitHub's squash merge does it: its author is the author of the
 * lane's latest own commit ({@link LaneWork}), other authors of the lane's commits are {@code Co-authored-by}
 * trailers, and its message lists the subjects of the lane's own commits (lane's bookkeeping commits left out).
 */
final class ResultWriter {
    /** At most this many commit subjects are listed in a squashed commit's message; the rest are counted. */
    static final int LISTED_SUBJECTS = 100;
    private final RepoAccess access;
    private final PersonIdent author;
    private final PersonIdent committer;
    private final String wave;

    ResultWriter(RepoAccess access, Identity.Roles who, Instant when, String wave) {
        this.access = access;
        this.author = new PersonIdent(who.author().name(), who.author().email(), when, ZoneOffset.UTC);
        this.committer = new PersonIdent(who.committer().name(), who.committer().email(), when, ZoneOffset.UTC);
        this.wave = wave;
    }

    /** The commit that lands one lane on top of {@code tip}. */
    RevCommit laneCommit(RevCommit tip, Candidate lane, ObjectId tree, boolean squash) {
        String head = lane.head().name();
        StringBuilder msg = new StringBuilder();
        msg.append(squash ? "lane: integrate lane " : "lane: merge lane ").append(lane.lane()).append(" of wave ")
                .append(wave).append(squash ? " (squashed)" : "").append("\n\n");
        msg.append("Submission ").append(lane.submission().sequence()).append(" by agent ")
                .append(lane.submission().agent()).append(", head ").append(head, 0, 12).append(".\n");
        PersonIdent by = author;
        List<PersonIdent> coAuthors = List.of();
        if (squash) {
            LaneWork work = LaneWork.of(access, tip, lane);
            List<String> subjects = work.subjects();
            if (!subjects.isEmpty()) {
                msg.append('\n').append(subjects.size() == 1 ? "The lane's commit:\n" : "The lane's commits:\n");
                subjects.stream().limit(LISTED_SUBJECTS).forEach(s -> msg.append("* ").append(s).append('\n'));
                if (subjects.size() > LISTED_SUBJECTS) {
                    msg.append("* ... and ").append(subjects.size() - LISTED_SUBJECTS).append(" more\n");
                }
            }
            by = work.author(lane.head().getAuthorIdent());
            coAuthors = work.coAuthors(by);
        }
        msg.append('\n');
        msg.append(Trailers.line(Trailers.WAVE, wave));
        msg.append(Trailers.line(Trailers.LANE, wave + "/" + lane.lane() + "@" + lane.submission().sequence()));
        if (squash) {
            msg.append(Trailers.line(Trailers.SQUASHED, wave + "/" + lane.lane() + " " + head));
        }
        for (PersonIdent co : coAuthors) {
            msg.append(Trailers.line(Trailers.CO_AUTHOR, co.getName() + " <" + co.getEmailAddress() + ">"));
        }
        List<ObjectId> parents = squash ? List.of(tip) : List.of(tip, lane.head());
        return write(tree, parents, msg.toString(), by);
    }

    /** The shared-surface commit on top of {@code tip}. */
    RevCommit surfaceCommit(RevCommit tip, ObjectId tree, SurfaceResult surface) {
        StringBuilder msg = new StringBuilder();
        msg.append("lane: shared files of wave ").append(wave).append(" (")
                .append(surface.contributors().size()).append(surface.contributors().size() == 1 ? " lane" : " lanes")
                .append(")\n\n");
        if (!surface.manifestAdded().isEmpty()) {
            msg.append("Manifest entries added:\n");
            for (SurfaceResult.Entry e : surface.manifestAdded()) {
                msg.append("  ").append(e.entry()).append("  (lane ").append(e.lane()).append(")\n");
            }
        }
        surface.version().ifPresent(v -> {
            msg.append("Version ").append(v.from()).append(" -> ").append(v.to()).append(" in ")
                    .append(String.join(", ", v.files())).append(" (");
            msg.append(String.join(", ", v.requests().entrySet().stream()
                    .map(r -> r.getValue() + " from lane " + r.getKey()).toList())).append(")\n");
            if (v.note() != null) {
                msg.append("Note: ").append(v.note()).append('\n');
            }
        });
        if (!surface.workflows().isEmpty()) {
            msg.append("Workflow edits:\n");
            for (SurfaceResult.Edit e : surface.workflows()) {
                msg.append("  ").append(e.path()).append("  (lane ").append(e.lane()).append(", edit ")
                        .append(e.id()).append(")\n");
            }
        }
        msg.append('\n');
        msg.append(Trailers.line(Trailers.WAVE, wave));
        for (Candidate c : surface.contributors()) {
            msg.append(Trailers.line(Trailers.INTENTS, wave + "/" + c.lane() + "@" + c.submission().sequence()));
        }
        surface.version().ifPresent(v -> msg.append(Trailers.line(Trailers.BUMP,
                wave + " " + v.waveStart() + " -> " + v.to())));
        for (SurfaceResult.Edit e : surface.workflows()) {
            msg.append(Trailers.line(Trailers.WORKFLOW, wave + "/" + e.lane() + " " + e.id() + " " + e.path()));
        }
        return write(tree, List.of(tip), msg.toString(), author);
    }

    /** Publishes the commits written so far, for native git and the ref update (see {@link RepoAccess}). */
    void publish() {
        access.publish();
    }

    private RevCommit write(ObjectId tree, List<ObjectId> parents, String message, PersonIdent by) {
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        cb.setParentIds(parents);
        cb.setAuthor(by);
        cb.setCommitter(committer);
        cb.setMessage(message);
        try {
            ObjectId id = access.inserter().insert(cb);
            return access.commit(id);
        } catch (IOException e) {
            throw RepoAccess.io("write a commit", e);
        }
    }
}
