package dev.lane.integrate;

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
 */
final class ResultWriter {
    private final RepoAccess access;
    private final PersonIdent who;
    private final String wave;

    ResultWriter(RepoAccess access, String authorName, String authorEmail, Instant when, String wave) {
        this.access = access;
        this.who = new PersonIdent(authorName, authorEmail, when, ZoneOffset.UTC);
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
        String subject = lane.head().getShortMessage();
        if (squash && !subject.isBlank()) {
            msg.append("Lane head: ").append(subject).append('\n');
        }
        msg.append('\n');
        msg.append(Trailers.line(Trailers.WAVE, wave));
        msg.append(Trailers.line(Trailers.LANE, wave + "/" + lane.lane() + "@" + lane.submission().sequence()));
        if (squash) {
            msg.append(Trailers.line(Trailers.SQUASHED, wave + "/" + lane.lane() + " " + head));
        }
        List<ObjectId> parents = squash ? List.of(tip) : List.of(tip, lane.head());
        return write(tree, parents, msg.toString());
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
        return write(tree, List.of(tip), msg.toString());
    }

    private RevCommit write(ObjectId tree, List<ObjectId> parents, String message) {
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        cb.setParentIds(parents);
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage(message);
        try {
            ObjectId id = access.inserter().insert(cb);
            access.inserter().flush();
            return access.commit(id);
        } catch (IOException e) {
            throw RepoAccess.io("write a commit", e);
        }
    }
}
