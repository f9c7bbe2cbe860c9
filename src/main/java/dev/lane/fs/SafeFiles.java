package dev.lane.fs;

import dev.lane.core.LaneException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * File operations that never follow a symbolic link and never trust a path someone else created.
 *
 * <p>Protocol. Folders under the inbox and worktree folders live in places other users can write to ({@code /tmp}
 * has no {@code protected_symlinks} on this kind of machine). So: a folder we need is created with one atomic
 * {@code mkdir}; if it already exists it must be a real directory (not a link) owned by us. Files are written by
 * creating a fresh temporary file with {@code CREATE_NEW + NOFOLLOW_LINKS} next to the target, forcing it to disk,
 * and renaming it over the target: readers see the old or the new content, never a mix; a crash leaves at most a
 * stray {@code .tmp-*} file, which nobody reads and later writes ignore (the temp name holds the writer's process and
 * thread id, so only a later writer with that reused process id meets it, and removes it first). Reads refuse links.
 */
public final class SafeFiles {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private SafeFiles() {
    }

    /**
     * Makes sure {@code dir} is a real directory owned by the current user, creating it (and its missing parents)
     * if needed. Throws a refusal naming the path if it is a link, not a directory, or someone else's.
     */
    public static void ensureDirectory(Path dir) {
        try {
            if (!Files.exists(dir, NOFOLLOW)) {
                Path parent = dir.getParent();
                if (parent != null) {
                    ensureDirectory(parent);
                }
                try {
                    Files.createDirectory(dir);
                } catch (FileAlreadyExistsException raced) {
                    // Another process made it between our check and our mkdir: verify it below like any other.
                }
            }
            requireOwnedDirectory(dir);
        } catch (IOException e) {
            throw LaneException.internal("cannot create folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Refuses {@code dir} unless it is a real directory (not a link) owned by the current user. */
    public static void requireOwnedDirectory(Path dir) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(dir, BasicFileAttributes.class, NOFOLLOW);
        if (attrs.isSymbolicLink() || !attrs.isDirectory()) {
            throw LaneException.refused(dir + " is " + (attrs.isSymbolicLink() ? "a symbolic link" : "not a folder")
                    + "; refusing to use it. Remove it (it was not made by lane) and retry.");
        }
        Object owner = Files.getAttribute(dir, "unix:uid", NOFOLLOW);
        if (owner instanceof Integer uid && uid != currentUid()) {
            throw LaneException.refused(dir + " belongs to another user (uid " + uid + "); refusing to use it.");
        }
    }

    /**
     * Creates the missing folders above {@code path}, one {@code mkdir} at a time, and refuses the path if another
     * user could change what one of the folders above it leads to: a symbolic link made by another user (a link
     * planted in a shared folder such as {@code /tmp} would send our files into the planter's chosen place), a folder
     * owned by another user, or a folder every user can write to without the sticky bit of {@code /tmp} (its owner, or
     * anyone, could rename our folder inside it away and put one of theirs, with a {@code .git} file and hooks of their
     * choosing, in its place). Links and folders owned by us or by root are trusted (system layout such as
     * {@code /tmp -> /private/tmp}, and {@code /tmp} itself: sticky, so no one else can rename what we made in it).
     *
     * <p>Each folder is checked after it exists (made by us, or found), from the root down: a folder someone else
     * plants between our look and our {@code mkdir} is found by the check that follows, and nothing is ever made
     * below a folder that failed it. A folder that passes cannot be changed by another user afterwards.
     */
    public static void ensureFoldersAbove(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        java.util.ArrayDeque<Path> above = new java.util.ArrayDeque<>();
        for (Path p = absolute.getParent(); p != null; p = p.getParent()) {
            above.push(p);
        }
        long me = currentUid();
        for (Path p : above) {
            if (!Files.exists(p, NOFOLLOW)) {
                try { // at most rwxr-xr-x whatever the umask: a folder of ours that anyone could rename in fails below
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwxr-xr-x")));
                } catch (FileAlreadyExistsException raced) {
                    // someone made it between our look and our mkdir: checked below like any other
                }
            }
            requireOnlyTrustedCanChange(p, path, me);
        }
    }

    private static void requireOnlyTrustedCanChange(Path p, Path below, long me) throws IOException {
        if (Files.isSymbolicLink(p)) {
            Object linkOwner = Files.getAttribute(p, "unix:uid", NOFOLLOW);
            if (linkOwner instanceof Integer uid && uid != me && uid != 0) {
                throw LaneException.refused(p + " (above " + below + ") is a symbolic link owned by another user "
                        + "(uid " + uid + "); refusing to follow it. Use a folder of your own in the worktree: "
                        + "setting of lanes.yml.");
            }
        }
        // The folder itself, or the one a trusted link leads to: who can change what is in it.
        Object owner = Files.getAttribute(p, "unix:uid");
        if (owner instanceof Integer uid && uid != me && uid != 0) {
            throw LaneException.refused(p + " (above " + below + ") is a folder owned by another user (uid " + uid
                    + "), who could rename what lane makes in it and put their own in its place; refusing to use it. "
                    + "Use a folder only you can write to in the worktree: setting of lanes.yml.");
        }
        Object mode = Files.getAttribute(p, "unix:mode");
        if (mode instanceof Integer m && (m & 0002) != 0 && (m & 01000) == 0) {
            throw LaneException.refused(p + " (above " + below + ") is writable by every user and not sticky (mode "
                    + Integer.toOctalString(m & 07777) + "), so anyone could rename what lane makes in it and put "
                    + "their own in its place; refusing to use it. Use a folder only you can write to in the "
                    + "worktree: setting of lanes.yml, or make it sticky (chmod +t " + p + ").");
        }
    }

    /**
     * Creates a new, empty directory readable only by its owner. Fails with {@link FileAlreadyExistsException} if
     * anything (file, folder or link) is already there: the caller never adopts a path it did not create.
     */
    public static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** Atomically replaces {@code target} with {@code content} (UTF-8). See the class comment for the protocol. */
    public static void writeAtomically(Path target, String content) {
        writeAtomically(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Atomically replaces {@code target} with {@code content}. Leaves at most a stray temp file on a crash. */
    public static void writeAtomically(Path target, byte[] content) {
        Path tmp = target.resolveSibling(".tmp-" + target.getFileName() + "-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        try {
            FileChannel created;
            try {
                created = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (FileAlreadyExistsException stray) {
                // Left by a writer killed mid-write whose process id (reused since) and thread were ours: no live
                // writer has this name. Remove it (a link is removed, never followed) and create ours afresh.
                Files.delete(tmp);
                created = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            }
            try (FileChannel ch = created) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot rename atomically", e);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw LaneException.internal("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Reads a UTF-8 file without following a link; empty if it does not exist. */
    public static Optional<String> readIfExists(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate((int) ch.size());
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading until full or end of file
            }
            return Optional.of(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            refuseIfLink(file);
            throw LaneException.internal("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Throws a refusal naming {@code file} if it is a symbolic link: for callers whose no-follow open just failed,
     * so a planted link is reported as what it is rather than as an I/O error.
     */
    public static void refuseIfLink(Path file) {
        if (Files.isSymbolicLink(file)) {
            throw LaneException.refused(file + " is a symbolic link; refusing to follow it. Remove it (it was not "
                    + "made by lane) and retry.");
        }
    }

    /** Deletes a folder tree without following links inside it (links are removed, not their targets). */
    public static void deleteTree(Path root) {
        if (!Files.exists(root, NOFOLLOW)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException e) {
                    throw new IOException("folder " + p + " is not empty after deleting its content", e);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw LaneException.internal("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code p} if it exists (a link itself, never its target), ignoring failure: for scratch files. */
    public static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a stray temp file is harmless
        }
    }

    private static long currentUid() {
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }
}
