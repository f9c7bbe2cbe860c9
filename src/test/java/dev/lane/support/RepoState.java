package dev.lane.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything lane could change in a {@link TestRepo}, captured so a test can assert that a refused command changed
 * nothing: the inbox (every path, with a digest of each file and the target of each link; lock files, which lane
 * makes on first use and which name their last holder, are left out), all refs, the worktrees
 * git knows with their status, and the worktree folders in the temp folder. Compare two snapshots with
 * {@code assertEquals}; the record's text shows the difference.
 */
public record RepoState(Map<String, String> inbox, List<String> refs, Map<String, String> worktrees,
                        List<String> worktreeFolders) {

    public static RepoState of(TestRepo repo) {
        Map<String, String> worktrees = new TreeMap<>();
        for (Path wt : repo.worktrees()) {
            worktrees.put(wt.toString(), Git.ok(wt, "status", "--porcelain=v1", "--untracked-files=all"));
        }
        return new RepoState(tree(repo.inbox()), TestRepo.lines(repo.git("for-each-ref",
                "--format=%(objectname) %(refname)")), worktrees,
                repo.worktreeFolders().stream().map(Path::toString).toList());
    }

    /** Every path under {@code root} (links not followed) mapped to what it is; empty if root does not exist. */
    public static Map<String, String> tree(Path root) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(key, "link -> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(key, "dir");
                } else if (p.getFileName().toString().endsWith(".lock")) {
                    continue; // a lock file (made on first use, naming its last holder) is no lane state
                } else {
                    out.put(key, "file " + sha256(Files.readAllBytes(p)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
