package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.repo.MainRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The integrator's handle on the main repository through JGit: reading commits, trees and blobs, writing objects,
 * and building trees with some files replaced. Automatic GC is switched off in memory for this handle
 * ({@code gc.auto=0}, {@code gc.autoPackLimit=0}, never saved): JGit's GC does not see objects that only linked
 * worktrees use and could delete them.
 *
 * <p>Objects. Everything a pass writes (blobs, trees, commits) goes into one pack being written ({@link PackInserter},
 * fast zlib), not into one loose file per object: a 50-lane pass writes two files instead of some two hundred. This
 * handle's reader sees the pending objects; native git and other JGit readers see them only once {@link #publish}
 * has renamed the pack and its index into {@code objects/pack}, so the pass publishes before it hands a commit to
 * native git (merge-tree, the check's checkout) and before main moves ({@link PassPlanner} publishes each plan, and
 * {@link #update} publishes again before it moves a ref, so no ref can name an object still pending).
 * Published objects are unreferenced until main moves: harmless garbage if the pass stops before that, which native
 * git's gc removes. A pass that stops before publishing deletes its pending pack on close; a process killed then
 * leaves an {@code objects/insert_*.pack} temporary file (and maybe its {@code .idx}) that nothing reads and nothing
 * removes: git neither lists it ({@code git count-objects -v} counts garbage in {@code objects/pack} only) nor deletes
 * it ({@code git gc} leaves it), and lane cannot tell it from the pending pack of a pass of another wave running now.
 * Killed between the two renames of {@link #publish}, a pass leaves a {@code pack-*.pack} without its index, which
 * git ignores, lists as garbage and {@code git gc} deletes. JGit's pack writer never forces its pack to disk, so a
 * repository whose config asks for objects forced to disk ({@code core.fsyncObjectFiles = true}) gets loose objects,
 * which JGit forces, one file each, as before.
 */
final class RepoAccess implements AutoCloseable {
    private final Repository repo;
    private final ObjectInserter inserter;
    private final ObjectReader reader;
    private final RevWalk walk;
    /** A second walk kept for merge bases: its parsed commits stay cached across calls (no re-reading objects). */
    private final RevWalk mergeBaseWalk;

    RepoAccess(MainRepository main) {
        try {
            // The work tree is known (the main checkout): JGit need not read the config to guess it.
            this.repo = new FileRepositoryBuilder().setGitDir(main.gitDir().toFile())
                    .setWorkTree(main.workTree().toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw LaneException.internal("cannot open the repository " + main.gitDir() + ": " + e.getMessage(), e);
        }
        StoredConfig config = repo.getConfig();
        config.setInt("gc", null, "auto", 0);
        config.setInt("gc", null, "autoPackLimit", 0);
        this.inserter = config.getBoolean("core", null, "fsyncObjectFiles", false)
                ? repo.newObjectInserter() // forces each loose object to disk, as the repository asks; a pack is not
                : packInserter((FileRepository) repo);
        this.reader = new TreeCachingReader(inserter.newReader());
        this.walk = new RevWalk(reader);
        this.mergeBaseWalk = new RevWalk(reader);
    }

    private static PackInserter packInserter(FileRepository repo) {
        PackInserter pack = repo.getObjectDatabase().newPackInserter();
        pack.setCompressionLevel(Deflater.BEST_SPEED);
        // No lookup of each new object in every existing pack first (~3 ms of a 50-lane pass, more with more packs): an
        // object the repository has packed already is written again, which git allows and gc folds; within the pass's
        // own pack JGit never writes one twice.
        pack.checkExisting(false);
        return pack;
    }

    Repository repository() {
        return repo;
    }

    ObjectInserter inserter() {
        return inserter;
    }

    ObjectReader reader() {
        return reader;
    }

    /** The commit a ref points to, or empty if the ref does not exist. */
    Optional<ObjectId> resolveRef(String ref) {
        try {
            repo.getRefDatabase().refresh();
            Ref r = repo.exactRef(ref);
            return r == null || r.getObjectId() == null ? Optional.empty() : Optional.of(r.getObjectId());
        } catch (IOException e) {
            throw io("read " + ref, e);
        }
    }

    /** The commit named by a full hex id, if the repository has it. */
    Optional<RevCommit> commitIfPresent(String hex) {
        try {
            ObjectId id = ObjectId.fromString(hex);
            if (!reader.has(id)) {
                return Optional.empty();
            }
            return Optional.of(walk.parseCommit(id));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    RevCommit commit(ObjectId id) {
        try {
            return walk.parseCommit(id);
        } catch (IOException e) {
            throw io("read commit " + id.name(), e);
        }
    }

    /** Whether {@code ancestor} is reachable from {@code tip} (a commit is its own ancestor). */
    boolean isAncestor(ObjectId ancestor, ObjectId tip) {
        try {
            walk.reset();
            walk.setRevFilter(RevFilter.ALL);
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(tip));
        } catch (IOException e) {
            throw io("walk history", e);
        } finally {
            walk.reset();
        }
    }

    /**
     * Runs {@code update} with this handle's walk: the commits the pass wrote are parsed there already, so JGit's
     * fast-forward check (is the old value an ancestor of the new one?) reads none of them again. Publishes first
     * (nothing to do if the plan published everything): that walk sees pending objects, so it would not refuse a
     * commit only the pending pack holds, which closing this handle deletes, leaving the ref naming a missing commit.
     */
    RefUpdate.Result update(RefUpdate update) throws IOException {
        publish();
        walk.reset();
        try {
            return update.update(walk);
        } finally {
            walk.reset();
        }
    }

    /** The best common ancestors of two commits (at most two: enough to tell one from several). */
    List<RevCommit> mergeBases(ObjectId a, ObjectId b) {
        return mergeBases(a, b, 2);
    }

    private List<RevCommit> mergeBases(ObjectId a, ObjectId b, int limit) {
        RevWalk mb = mergeBaseWalk;
        try {
            mb.reset();
            mb.setRevFilter(RevFilter.MERGE_BASE);
            mb.markStart(mb.parseCommit(a));
            mb.markStart(mb.parseCommit(b));
            List<RevCommit> out = new ArrayList<>();
            for (RevCommit c = mb.next(); c != null && out.size() < limit; c = mb.next()) {
                out.add(walk.parseCommit(c.getId()));
            }
            return out;
        } catch (IOException e) {
            throw io("find a merge base", e);
        }
    }

    /**
     * Where a lane's {@code head} forked from {@code main}: their best common ancestor, or empty if they share no
     * history. When there are several (a lane that ran lane sync while a pass was landing its earlier submission holds
     * both the main commit its sync brought in and its own head that main merged afterwards), the one on main's
     * first-parent line: it is the main the lane last took in, whose shared files the lane holds; the lane's own
     * landed head holds the older ones it forked from. Git lists the newest first, which may be either. The agent
     * side's {@code submit.ForkPoint} applies the same rule with native git: the two must agree.
     */
    Optional<RevCommit> forkPoint(ObjectId main, ObjectId head) {
        List<RevCommit> bases = mergeBases(main, head, Integer.MAX_VALUE);
        if (bases.size() < 2) {
            return bases.stream().findFirst();
        }
        try {
            for (RevCommit c = walk.parseCommit(main); ; c = walk.parseCommit(c.getParent(0))) {
                if (bases.contains(c)) {
                    return Optional.of(c);
                }
                if (c.getParentCount() == 0) {
                    return Optional.of(bases.get(0));
                }
            }
        } catch (IOException e) {
            throw io("walk main's first-parent history", e);
        }
    }

    /** The text of the file at {@code path} in {@code tree}, or empty if there is no such file. */
    Optional<String> readText(ObjectId tree, String path) {
        try (TreeWalk tw = TreeWalk.forPath(reader, path, tree)) {
            if (tw == null || (tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                return Optional.empty();
            }
            return Optional.of(new String(reader.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw io("read " + path, e);
        }
    }

    /** Whether {@code path} names a file in {@code tree}. */
    boolean hasFile(ObjectId tree, String path) {
        try (TreeWalk tw = TreeWalk.forPath(reader, path, tree)) {
            return tw != null && (tw.getRawMode(0) & FileMode.TYPE_MASK) == FileMode.TYPE_FILE;
        } catch (IOException e) {
            throw io("read " + path, e);
        }
    }

    /** The paths of files that differ between two trees (added, changed or deleted) and match {@code wanted}. */
    List<String> changedPaths(ObjectId from, ObjectId to, Predicate<String> wanted) {
        return changedPaths(from, to, wanted, folder -> true);
    }

    /**
     * The paths of files that differ between two trees and match {@code wanted}, looking only inside folders
     * {@code lookInside} accepts (a folder not opened is not read at all: cheaper when few folders can matter).
     */
    List<String> changedPaths(ObjectId from, ObjectId to, Predicate<String> wanted, Predicate<String> lookInside) {
        List<String> out = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(from);
            tw.addTree(to);
            tw.setRecursive(true);
            tw.setFilter(AndTreeFilter.create(TreeFilter.ANY_DIFF, new TreeFilter() {
                @Override
                public boolean include(TreeWalk walker) {
                    return !walker.isSubtree() || lookInside.test(walker.getPathString());
                }

                @Override
                public boolean shouldBeRecursive() {
                    return false;
                }

                @Override
                public TreeFilter clone() {
                    return this;
                }
            }));
            while (tw.next()) {
                String path = tw.getPathString();
                if (wanted.test(path)) {
                    out.add(path);
                }
            }
        } catch (IOException e) {
            throw io("compare trees", e);
        }
        return out;
    }

    /** {@code tree} with the given files replaced or added (text as UTF-8), written to the object database. */
    ObjectId withFiles(ObjectId tree, Map<String, String> files) {
        if (files.isEmpty()) {
            return tree;
        }
        try {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder builder = dc.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, tree);
            builder.finish();
            DirCacheEditor editor = dc.editor();
            for (Map.Entry<String, String> f : files.entrySet()) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, f.getValue().getBytes(StandardCharsets.UTF_8));
                editor.add(new DirCacheEditor.PathEdit(f.getKey()) {
                    @Override
                    public void apply(DirCacheEntry ent) {
                        if (ent.getRawMode() == 0 || (ent.getRawMode() & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                            ent.setFileMode(FileMode.REGULAR_FILE);
                        }
                        ent.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            return dc.writeTree(inserter);
        } catch (IOException e) {
            throw io("write a tree", e);
        }
    }

    /** Makes every object written so far visible to native git and other readers (see the class comment). */
    void publish() {
        try {
            inserter.flush();
        } catch (IOException e) {
            throw io("write objects", e);
        }
    }

    static LaneException io(String what, IOException e) {
        return LaneException.internal("cannot " + what + " in the repository: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        mergeBaseWalk.close();
        walk.close();
        reader.close();
        inserter.close();
        repo.close();
    }
}
