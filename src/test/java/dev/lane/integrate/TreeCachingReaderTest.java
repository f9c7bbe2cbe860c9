package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lane.repo.MainRepository;
import dev.lane.support.TestRepo;
import java.nio.file.Path;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pass's reader keeps the trees it read, and still answers as every JGit reader does: an id that names a tree,
 * opened as a blob or a commit (a damaged or hand-made object that points at a tree where a file or a parent belongs),
 * is refused as the wrong type, before and after the tree is kept alike, so JGit's walks and merges stop at it
 * ("not a blob", "not a commit") instead of reading a folder listing as a file's text or as a commit.
 */
class TreeCachingReaderTest {
    @TempDir
    Path tmp;

    @Test
    void aKeptTreeOpenedAsABlobOrACommitIsRefusedAsTheWrongType() throws Exception {
        TestRepo repo = TestRepo.create(tmp);
        ObjectId tree = ObjectId.fromString(repo.mainTree());
        try (RepoAccess access = new RepoAccess(MainRepository.locate(repo.root()))) {
            ObjectReader reader = access.reader();
            assertThrows(IncorrectObjectTypeException.class, () -> reader.open(tree, Constants.OBJ_BLOB),
                    "before the tree is kept");
            byte[] read = reader.open(tree, Constants.OBJ_TREE).getCachedBytes(); // now it is kept

            assertThrows(IncorrectObjectTypeException.class, () -> reader.open(tree, Constants.OBJ_BLOB),
                    "a kept tree opened as a blob");
            assertThrows(IncorrectObjectTypeException.class, () -> reader.open(tree, Constants.OBJ_COMMIT),
                    "a kept tree opened as a commit");
            assertEquals(Constants.OBJ_TREE, reader.open(tree).getType());
            assertArrayEquals(read, reader.open(tree, Constants.OBJ_TREE).getCachedBytes());
        }
    }
}
