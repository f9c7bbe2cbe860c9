package dev.lane.integrate;

import static dev.lane.integrate.ThreeWayEntry.isTree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.attributes.Attributes;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Finds the three-way merges that the in-memory mergers ({@link TreeMerger}, JGit's RECURSIVE) would call clean
 * while git itself decides otherwise, so that {@link LaneMerger} asks native {@code git merge-tree} instead:
 * <ul>
 *   <li>a path both sides deleted: one side may have renamed it and the other renamed it elsewhere (git: rename/
 *       rename, both names would land) or deleted it (git: rename/delete, the deletion would be lost);</li>
 *   <li>a folder one side removed while the other changed what is in it: the first may have moved the folder
 *       (git's directory-rename detection moves, or refuses to place, files the other side added there);</li>
 *   <li>a file both sides changed that {@code .gitattributes} (or {@code info/attributes}) gives a {@code merge}
 *       attribute or marks {@code binary}: git does not merge it as text (or runs that merge driver).</li>
 * </ul>
 * Like {@link TreeMerger}, it enters only folders both sides changed, so it costs what the lanes changed. It reads
 * through the pass's reader, which sees the objects the pass has written and not yet published.
 */
final class MergeBlindSpots {
    private final Repository repo;
    private final ObjectReader reader;

    MergeBlindSpots(Repository repo, ObjectReader reader) {
        this.repo = repo;
        this.reader = reader;
    }

    /** Whether git's answer for merging {@code theirs} onto {@code ours} from {@code base} may differ from JGit's. */
    boolean present(ObjectId base, ObjectId ours, ObjectId theirs) throws IOException {
        List<String> changedOnBothSides = new ArrayList<>();
        if (walk(base, ours, theirs, "", changedOnBothSides)) {
            return true;
        }
        return !changedOnBothSides.isEmpty()
                && (hasMergeAttributes(ours, changedOnBothSides) || hasMergeAttributes(theirs, changedOnBothSides));
    }

    private boolean walk(ObjectId base, ObjectId ours, ObjectId theirs, String prefix, List<String> bothChanged)
            throws IOException {
        if (ours.equals(theirs) || ours.equals(base) || theirs.equals(base)) {
            return false;
        }
        try (TreeWalk tw = ThreeWayEntry.walk(reader, base, ours, theirs)) {
            while (tw.next()) {
                ThreeWayEntry e = ThreeWayEntry.at(tw);
                if (e.baseMode() != 0 && e.oursMode() == 0 && e.theirsMode() == 0) {
                    return true; // deleted on both sides
                }
                if (e.oursIsBase() || e.theirsIsBase() || e.sidesAgree()) {
                    continue;
                }
                String path = prefix + tw.getNameString();
                boolean baseTree = isTree(e.baseMode());
                boolean oursTree = isTree(e.oursMode());
                boolean theirsTree = isTree(e.theirsMode());
                if (baseTree && (e.oursMode() == 0 && theirsTree || e.theirsMode() == 0 && oursTree)) {
                    return true; // a folder removed on one side, changed on the other
                }
                if (oursTree && theirsTree) { // a folder both sides added holds only additions: no rename there
                    if (baseTree && walk(e.base(), e.ours(), e.theirs(), path + "/", bothChanged)) {
                        return true;
                    }
                } else if (!oursTree && !theirsTree) {
                    bothChanged.add(path);
                }
            }
        }
        return false;
    }

    /** Whether any of {@code paths}, as seen in {@code tree}, has a merge attribute or is not content-mergeable. */
    private boolean hasMergeAttributes(ObjectId tree, List<String> paths) throws IOException {
        try (TreeWalk tw = new TreeWalk(repo, reader)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            tw.setFilter(PathFilterGroup.createFromStrings(paths));
            while (tw.next()) {
                Attributes attributes = tw.getAttributes();
                if (!attributes.canBeContentMerged() || attributes.isUnset(Constants.ATTR_MERGE)
                        || attributes.isCustom(Constants.ATTR_MERGE)) {
                    return true;
                }
            }
        }
        return false;
    }
}
