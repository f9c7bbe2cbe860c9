package dev.lane.repo;

import java.io.File;
import org.eclipse.jgit.internal.storage.file.LockFile;

/**
 * A test-only process that starts as lane's {@code Main} does ({@link JGitShutdownHook#install} first), takes a JGit
 * lock file on {@code args[0]} as a ref update would, says {@code locked} on stderr and waits to be stopped.
 */
public final class JGitLockHolderMain {
    private JGitLockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("--install")) {
            JGitShutdownHook.install();
        }
        LockFile lock = new LockFile(new File(args[0]));
        if (!lock.lock()) {
            System.exit(3);
        }
        System.err.println("locked");
        System.err.flush();
        Thread.sleep(60_000);
        System.exit(4); // never stopped: the test failed to signal
    }
}
