package dev.lane.integrate;

import dev.lane.submit.Submission;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A submitted lane that has something to land in this pass.
 *
 * @param lane       the lane's name
 * @param submission its latest submission
 * @param head       the submitted head commit
 * @param headInMain whether main already holds the head (then only intents are left to apply)
 * @param pending    the intents main does not hold yet
 */
record Candidate(String lane, Submission submission, RevCommit head, boolean headInMain, PendingIntents pending) {
}
