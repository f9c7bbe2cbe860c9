package dev.lane.integrate;

/**
 * The subjects of the commits lane itself makes on a lane's branch: written by {@code lane submit} and
 * {@code lane sync}, and recognised by {@code integrate --squash} ({@link LaneWork}), which leaves them out of the
 * lane's work. One place, so that rewording a commit cannot make the squash list it as the lane's work.
 */
public final class BookkeepingSubjects {
    /** Start of the subject of the commit {@code lane submit} makes when it moves shared-file edits into intents. */
    public static final String SUBMIT_RESTORE = "lane: move shared-file edits of lane ";
    /** Start of the subjects of the commits {@code lane sync} makes (its merge of main, its shared-file restore). */
    public static final String SYNC = "lane sync: ";
    /** Start of the subject of the commit {@code lane sync} makes when it moves shared-file edits into intents. */
    public static final String SYNC_RESTORE = SYNC + "move shared-file edits of lane ";

    private BookkeepingSubjects() {
    }
}
