package dev.lane.integrate;

import java.io.IOException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.NameConflictTreeWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One name in a walk over a merge's three trees, one folder deep: what base, ours and theirs each hold there (mode 0
 * and the zero id where a side has nothing). Shared by {@link TreeMerger}, which merges from it, and
 * {@link MergeBlindSpots}, which looks in it for what git would merge otherwise.
 *
 * @param baseMode   the base's mode, 0 if absent
 * @param oursMode   our mode, 0 if absent
 * @param theirsMode their mode, 0 if absent
 * @param base       the base's object
 * @param ours       our object
 * @param theirs     their object
 */
record ThreeWayEntry(int baseMode, int oursMode, int theirsMode, ObjectId base, ObjectId ours, ObjectId theirs) {

    /**
     * A walk over one folder of {@code base}, {@code ours} and {@code theirs} (not into subfolders), pairing a file
     * and a folder of one name as git does; read each step with {@link #at}.
     */
    static TreeWalk walk(ObjectReader reader, ObjectId base, ObjectId ours, ObjectId theirs) throws IOException {
        TreeWalk tw = new NameConflictTreeWalk(reader);
        tw.addTree(base);
        tw.addTree(ours);
        tw.addTree(theirs);
        tw.setRecursive(false);
        return tw;
    }

    /** The entry {@code tw} (made by {@link #walk}) is at. */
    static ThreeWayEntry at(TreeWalk tw) {
        return new ThreeWayEntry(tw.getRawMode(0), tw.getRawMode(1), tw.getRawMode(2), tw.getObjectId(0),
                tw.getObjectId(1), tw.getObjectId(2));
    }

    /** Ours is what the base had here (both absent counts). */
    boolean oursIsBase() {
        return baseMode == oursMode && base.equals(ours);
    }

    /** Theirs is what the base had here. */
    boolean theirsIsBase() {
        return baseMode == theirsMode && base.equals(theirs);
    }

    /** Both sides hold the same here. */
    boolean sidesAgree() {
        return oursMode == theirsMode && ours.equals(theirs);
    }

    static boolean isTree(int mode) {
        return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
    }
}
