package dev.lane.integrate;

import static dev.lane.integrate.ThreeWayEntry.isTree;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The fast path of a lane merge: a three-way merge of trees that descends only into subtrees that differ on both
 * sides and reuses every other subtree as it is, so its cost grows with what the lanes changed, not with the size
 * of the repository. A file changed on both sides is merged with JGit's {@link MergeAlgorithm} (the text merge
 * JGit's own mergers use).
 *
 * <p>It merges only what is unambiguous: anything else (a text conflict, a binary file changed on both sides, a
 * file deleted on one side and changed on the other, a file against a folder, different modes, symbolic links or
 * submodules changed on both sides) makes it answer "not here", and the caller falls back to JGit's RECURSIVE
 * merger and then to native {@code git merge-tree}, which decide, detect renames and name the conflicts.
 */
final class TreeMerger {
    private static final ObjectId EMPTY_TREE = new ObjectInserter.Formatter().idFor(Constants.OBJ_TREE, new byte[0]);
    private final ObjectReader reader;
    private final ObjectInserter inserter;

    TreeMerger(ObjectReader reader, ObjectInserter inserter) {
        this.reader = reader;
        this.inserter = inserter;
    }

    /** The merged tree, or empty if this fast path cannot merge it cleanly. */
    Optional<ObjectId> merge(ObjectId base, ObjectId ours, ObjectId theirs) throws IOException {
        return Optional.ofNullable(tree(base, ours, theirs));
    }

    private ObjectId tree(ObjectId base, ObjectId ours, ObjectId theirs) throws IOException {
        if (ours.equals(theirs) || theirs.equals(base)) {
            return ours;
        }
        if (ours.equals(base)) {
            return theirs;
        }
        TreeFormatter out = new TreeFormatter();
        try (TreeWalk tw = ThreeWayEntry.walk(reader, base, ours, theirs)) {
            while (tw.next()) {
                ThreeWayEntry e = ThreeWayEntry.at(tw);
                int mb = e.baseMode();
                int mo = e.oursMode();
                int mt = e.theirsMode();
                int mode;
                ObjectId id;
                if (e.sidesAgree() || e.theirsIsBase()) {
                    mode = mo;
                    id = e.ours();
                } else if (e.oursIsBase()) {
                    mode = mt;
                    id = e.theirs();
                } else if (isTree(mo) && isTree(mt) && (mb == 0 || isTree(mb))) {
                    id = tree(mb == 0 ? emptyTree() : e.base(), e.ours(), e.theirs());
                    if (id == null) {
                        return null;
                    }
                    mode = id.equals(EMPTY_TREE) ? 0 : FileMode.TYPE_TREE;
                } else if (isFile(mo) && isFile(mt) && (mb == 0 || isFile(mb)) && mo == mt
                        && (mb == 0 || mb == mo)) {
                    id = text(mb == 0 ? null : e.base(), e.ours(), e.theirs());
                    if (id == null) {
                        return null;
                    }
                    mode = mo;
                } else {
                    return null;
                }
                if (mode != 0 && !(isTree(mode) && id.equals(EMPTY_TREE))) {
                    out.append(tw.getRawPath(), FileMode.fromBits(mode), id);
                }
            }
        }
        return out.insertTo(inserter);
    }

    private ObjectId text(ObjectId base, ObjectId ours, ObjectId theirs) throws IOException {
        byte[] b = base == null ? new byte[0] : reader.open(base, Constants.OBJ_BLOB).getCachedBytes();
        byte[] o = reader.open(ours, Constants.OBJ_BLOB).getCachedBytes();
        byte[] t = reader.open(theirs, Constants.OBJ_BLOB).getCachedBytes();
        if (RawText.isBinary(b) || RawText.isBinary(o) || RawText.isBinary(t)) {
            return null;
        }
        MergeResult<RawText> r = new MergeAlgorithm().merge(RawTextComparator.DEFAULT, new RawText(b),
                new RawText(o), new RawText(t));
        if (r.containsConflicts()) {
            return null;
        }
        ByteArrayOutputStream merged = new ByteArrayOutputStream(Math.max(o.length, t.length));
        new MergeFormatter().formatMerge(merged, r, "base", "ours", "theirs", java.nio.charset.StandardCharsets.UTF_8);
        return inserter.insert(Constants.OBJ_BLOB, merged.toByteArray());
    }

    private ObjectId emptyTree() throws IOException {
        return inserter.insert(new TreeFormatter());
    }


    /** A regular file (executable or not); symbolic links and submodules are left to the full mergers. */
    private static boolean isFile(int mode) {
        return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_FILE;
    }
}
