package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The integrator's in-memory merges give exactly the trees git itself gives for the same merges. */
class LaneMergeFidelityTest {
    @TempDir
    Path tmp;

    @Test
    void lanesChangingTheSameFilesAndFoldersMergeToTheTreeGitItselfBuilds() {
        WaveFixture f = WaveFixture.create(tmp);
        f.write(f.repo, "lib/deep/x.txt", "x1\nx2\nx3\nx4\nx5\nx6\nx7\nx8\n");
        f.write(f.repo, "lib/deep/gone.txt", "to be deleted\n");
        f.write(f.repo, "tool.sh", "#!/bin/sh\necho hi\n");
        f.git(f.repo, "add", "-A");
        f.git(f.repo, "commit", "-qm", "more files");
        Path a = f.claim("45", "a");
        Path b = f.claim("45", "b");
        Path c = f.claim("45", "c");
        f.write(a, "src/app.txt", WaveFixture.APP.replace("line 1", "line 1 by a"));
        f.write(a, "lib/deep/x.txt", "x1 by a\nx2\nx3\nx4\nx5\nx6\nx7\nx8\n");
        f.write(a, "lib/deep/new-a.txt", "a\n");
        f.git(a, "rm", "-q", "lib/deep/gone.txt");
        f.submit(a);
        f.write(b, "src/app.txt", WaveFixture.APP.replace("line 8", "line 8 by b"));
        f.write(b, "lib/deep/x.txt", "x1\nx2\nx3\nx4\nx5\nx6\nx7\nx8 by b\n");
        f.write(b, "lib/other/new-b.txt", "b\n");
        assertEquals(true, b.resolve("tool.sh").toFile().setExecutable(true));
        f.submit(b);
        f.write(c, "src/app.txt", WaveFixture.APP.replace("line 4", "line 4 by c"));
        f.write(c, "lib/deep/x.txt", "x1\nx2\nx3\nx4 by c\nx5\nx6\nx7\nx8\n");
        f.submit(c);
        String base = f.mainHead();

        f.integrate("--wave", "45").expect(0);

        String tip = base;
        for (String lane : new String[] {"a", "b", "c"}) {
            String head = f.git(f.repo, "rev-parse", "refs/heads/lane/45/" + lane).strip();
            String tree = f.git(f.repo, "merge-tree", "--write-tree", tip, head).strip();
            tip = f.git(f.repo, "commit-tree", tree, "-p", tip, "-p", head, "-m", "native " + lane).strip();
        }
        assertEquals(f.git(f.repo, "rev-parse", tip + "^{tree}").strip(), f.mainTree());
        assertEquals("100755", f.git(f.repo, "ls-tree", "refs/heads/main", "tool.sh").substring(0, 6));
    }
}
