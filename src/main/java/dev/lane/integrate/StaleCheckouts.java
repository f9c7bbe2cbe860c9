package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.fs.LockFile;
import dev.lane.fs.SafeFiles;
import dev.lane.repo.GitCli;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The folders of the {@code check:} command's temporary checkouts, and the clearing of those a killed pass left.
 *
 * <p>Protocol. Each check runs in a checkout of its own, made in a new folder {@code <tmp>/lane-check-<pid>-<n>}
 * ({@link #newFolder}, in the one folder {@link #inSystemTemp} names), {@code <pid>} being the pass's process, and registered as a linked worktree of the
 * repository; the pass removes both when the check ends, whatever its verdict. A pass killed while its check runs
 * (kill -9, a crash, a power cut) leaves the folder, a whole tree, and its registration. So every pass first clears
 * ({@link #clear}) the folders whose process is gone: only folders named so, real folders owned by this user, in this
 * machine's temporary folder (its processes are this machine's), after stopping what still runs of the dead pass's
 * check command ({@link CheckProcess#stopLeftover}: the process its record names, if it started when recorded); then, if it cleared any, it runs
 * {@code git worktree prune} (under the worktrees lock, like every change to the repository's worktrees), which drops
 * the registrations whose folder is gone. A folder whose process runs (a pass of another wave or repository, in its
 * check now) is left alone; a pid taken over by a new process makes a dead pass's folder look alive, and it is left
 * until that process ends. A pass stopped while clearing leaves part of a folder, cleared by the next pass; another
 * repository's registrations are pruned by that repository's next pass. A check may leave folders without write
 * permission in its checkout (Go's module cache, write-protected test fixtures), whose entries no one but root may
 * delete as they are: when deleting a folder, by its pass or a later one, fails, {@link #makeDeletable} gives the
 * user back write access to every folder of it that the user owns, and the deletion is tried once more
 * ({@link #delete}).
 */
final class StaleCheckouts {
    private static final String PREFIX = "lane-check-";
    private final Path tmp;

    private StaleCheckouts(Path tmp) {
        this.tmp = tmp;
    }

    /** The check folders in this machine's temporary folder ({@code java.io.tmpdir}): where they are made and cleared. */
    static StaleCheckouts inSystemTemp() {
        return new StaleCheckouts(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A new, empty folder for a check's checkout, named after this process. */
    Path newFolder() throws IOException {
        return Files.createTempDirectory(tmp, PREFIX + ProcessHandle.current().pid() + "-");
    }

    /**
     * Deletes the check folders whose process is gone and, if there were any, prunes the worktrees of the repository
     * {@code git} runs in. Returns the folders deleted. Never fails the pass: a folder that cannot be deleted is left
     * for the next one.
     */
    List<Path> clear(GitCli git, Path worktreesLock) {
        List<Path> cleared = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tmp, PREFIX + "*-*")) {
            for (Path folder : folders) {
                OptionalLong pid = pidOf(folder.getFileName().toString());
                if (pid.isEmpty() || ProcessHandle.of(pid.getAsLong()).isPresent()) {
                    continue;
                }
                try {
                    SafeFiles.requireOwnedDirectory(folder);
                    CheckProcess.stopLeftover(folder); // a check still running in it would write on into the tree
                    delete(folder);
                    cleared.add(folder);
                } catch (IOException | LaneException notOurs) {
                    // another user's, or not a folder, or not deletable now: not this pass's business
                }
            }
        } catch (IOException e) {
            return cleared; // no temporary folder to look in: nothing a pass of ours left there
        }
        if (!cleared.isEmpty()) {
            LockFile.holding(worktreesLock, () -> git.run("worktree", "prune"));
        }
        return cleared;
    }

    /**
     * Deletes a check folder; if that fails, makes what is left of it deletable ({@link #makeDeletable}) and tries once
     * more, which then fails only for what the user cannot change (files of another user, root's say).
     */
    static void delete(Path folder) {
        try {
            SafeFiles.deleteTree(folder);
        } catch (LaneException notAll) {
            makeDeletable(folder);
            SafeFiles.deleteTree(folder);
        }
    }

    /**
     * Gives the owner read, write and search permission on every folder under {@code folder} (itself included) that
     * lacks one, so that what a check left there can be deleted; never follows a symbolic link. Best effort: a folder
     * of another user, or one that cannot be changed or read, is left as it is (deleting it then says which).
     */
    static void makeDeletable(Path folder) {
        Set<PosixFilePermission> owner = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    try { // before its entries are read: a folder without read permission cannot be listed
                        Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
                        if (!now.containsAll(owner)) {
                            now.addAll(owner);
                            Files.setPosixFilePermissions(dir, now);
                        }
                    } catch (IOException | UnsupportedOperationException | SecurityException e) {
                        // not ours to change: left as it is
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort, as above
        }
    }

    /** The pid in {@code lane-check-<pid>-<n>}, if the name is one of ours. */
    static OptionalLong pidOf(String name) {
        if (!name.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
