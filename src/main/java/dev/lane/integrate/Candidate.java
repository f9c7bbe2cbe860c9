package dev.lane.integrate;

import dev.lane.submit.Submission;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A submitted lane that has something to land in this pass.
 *
 * @param lane       the lane's name
 * @param agent      who holds the lane (its claim's agent)
 * @param submission its latest submission
 * @param head       the submitted head commit
 * @param headInMain whether main already holds the head (then only intents are left to apply)
 * @param pending    the intents main does not hold yet
 * @param removedMigrations the files of the migrations folder (plain names) the lane's branch deletes or renames
 *                   away relative to its fork point; none if main holds the head
 * @param landedSquashed the lane's latest head that main already holds as a squashed commit, if the submitted head
 *                   descends from it (a lane that went on working after a {@code --squash} landing): its work since
 *                   then is what is left to merge, so it is merged from there rather than from where it forked
 *                   (unless it merged main since: then the ordinary merge base is nearer); else null
 */
record Candidate(String lane, String agent, Submission submission, RevCommit head, boolean headInMain,
                 PendingIntents pending,
                 List<String> removedMigrations, RevCommit landedSquashed) {
}
