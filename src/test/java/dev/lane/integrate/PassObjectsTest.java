package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.repo.MainRepository;
import dev.lane.support.CliRun;
import dev.lane.support.Git;
import dev.lane.support.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The objects a pass writes (merged trees, the lanes' merge commits, the shared-surface commit) go into one pack per
 * plan, not one loose file per object, and native git reads every one of them: the repository stays sound whether a
 * lane merges on the fast path, through JGit's merger, or through native git's merge-tree after a conflict.
 */
class PassObjectsTest {
    @TempDir
    Path tmp;

    @Test
    void aPassAddsNoLooseObjectsAndLeavesARepositoryGitFindsSound() {
        WaveFixture f = WaveFixture.create(tmp);
        for (int i = 0; i < 6; i++) {
            f.submitted("45", "lane" + i, "src/file" + i + ".txt", "work of lane " + i + "\n");
        }
        long looseBefore = looseObjects(f);
        int historyBefore = f.firstParentSubjects().size();

        f.integrate("--wave", "45").expect(0);

        assertEquals(looseBefore, looseObjects(f), "a pass must not add a loose object per merged tree or commit");
        assertEquals(historyBefore + 6, f.firstParentSubjects().size(), "one merge commit per lane on main");
        for (int i = 0; i < 6; i++) {
            assertEquals("work of lane " + i + "\n", f.onMain("src/file" + i + ".txt"));
        }
        assertTrue(f.git(f.repo, "fsck", "--strict", "--no-progress", "--no-dangling").isBlank());
    }

    @Test
    void aRepositoryThatAsksForObjectsForcedToDiskGetsLooseObjectsWhichJGitForces() {
        WaveFixture f = WaveFixture.create(tmp);
        f.git(f.repo, "config", "core.fsyncObjectFiles", "true");
        for (int i = 0; i < 3; i++) {
            f.submitted("45", "lane" + i, "src/file" + i + ".txt", "work of lane " + i + "\n");
        }
        long looseBefore = looseObjects(f);

        f.integrate("--wave", "45").expect(0);

        assertTrue(looseObjects(f) >= looseBefore + 3, "each lane's merge commit is a loose object JGit forced");
        assertEquals("work of lane 2\n", f.onMain("src/file2.txt"));
        assertTrue(f.git(f.repo, "fsck", "--strict", "--no-progress", "--no-dangling").isBlank());
    }

    @Test
    void objectsWrittenBeforeAConflictFallbackStayReadableAfterIt() {
        WaveFixture f = WaveFixture.create(tmp);
        Path a = f.claim("45", "dimA");
        Path b = f.claim("45", "dimB");
        Path c = f.claim("45", "dimC");
        f.write(a, "src/app.txt", WaveFixture.APP.replace("line 3", "line 3 by A"));
        f.submit(a);
        f.write(b, "src/app.txt", WaveFixture.APP.replace("line 3", "line 3 by B")); // conflicts with dimA
        f.submit(b);
        f.write(c, "src/c.txt", "C\n");
        f.submit(c);

        CliRun r = f.integrate("--wave", "45").expect(4);

        assertTrue(r.out().contains("code conflict in src/app.txt"), r.out());
        assertTrue(f.onMain("src/app.txt").contains("line 3 by A"));
        assertEquals("C\n", f.onMain("src/c.txt"));
        assertTrue(f.git(f.repo, "fsck", "--strict", "--no-progress", "--no-dangling").isBlank(), "git fsck must find nothing wrong");
    }

    @Test
    void aRefMovedThroughThePassHandleNeverNamesACommitOnlyItsPendingPackHolds() throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        ObjectId moved;
        try (RepoAccess access = new RepoAccess(MainRepository.locate(repo.root()))) {
            RevCommit base = access.commit(access.resolveRef("refs/heads/main").orElseThrow());
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(access.withFiles(base.getTree(), Map.of("src/new.txt", "new\n")));
            cb.setParentIds(List.of(base));
            PersonIdent who = new PersonIdent("t", "t@x");
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage("written by the pass, not published by its writer\n");
            moved = access.inserter().insert(cb);
            RefUpdate u = access.repository().updateRef("refs/heads/main");
            u.setExpectedOldObjectId(base);
            u.setNewObjectId(moved);
            assertEquals(RefUpdate.Result.FAST_FORWARD, access.update(u));
        } // the pass's handle is closed: a pack still pending then is deleted

        assertEquals(moved.name(), repo.mainHead());
        assertEquals("new\n", Git.run(repo.root(), "show", "refs/heads/main:src/new.txt").out(),
                "git must read the commit main names and its files");
        assertTrue(repo.git("fsck", "--strict", "--no-progress", "--no-dangling").isBlank(), "git fsck must find "
                + "nothing wrong");
    }

    private static long looseObjects(WaveFixture f) {
        for (String line : f.git(f.repo, "count-objects", "-v").split("\n")) {
            if (line.startsWith("count: ")) {
                return Long.parseLong(line.substring("count: ".length()).trim());
            }
        }
        throw new AssertionError("git count-objects -v printed no count");
    }
}
