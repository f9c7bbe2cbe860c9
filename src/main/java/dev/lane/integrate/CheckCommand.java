package dev.lane.integrate;

import dev.lane.core.LaneException;
import dev.lane.fs.LockFile;
import dev.lane.repo.GitCli;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs the user's {@code check:} command (from lanes.yml) on a temporary checkout of a result commit.
 *
 * <p>The checkout is a detached linked worktree made with native {@code git worktree add --detach} in a fresh
 * private temp folder, and removed (with {@code git worktree prune}) when the command ends, pass or fail; both under
 * the inbox's {@code .worktrees.lock}, like every change lane makes to the worktree list, since agents may be
 * claiming lanes meanwhile and parallel adds read each other's half-written admin files. The
 * command runs with {@code sh -c} in that folder, with lane's environment less the variables that tie git to one
 * repository ({@link #REPOSITORY_VARIABLES}), plus {@code LANE_CHECK_COMMIT}; its exit status decides. A run that
 * takes longer than the timeout ({@code checkTimeout:}) is stopped, with the processes it has running then (its descendants: one that
 * detached itself, with {@code setsid} say, is not found), and counts as failed: a hung test never holds the wave's
 * lock for good. A pass that is stopped itself stops its check too, or leaves it for the next pass to stop
 * ({@link CheckProcess} says how). Its output goes to a file (never a pipe nobody reads): {@code run-<n>.log} in the pass's log folder
 * ({@code <inbox>/<wave>/.check-logs}, emptied by the pass before its first run, under the wave's integrate lock, so
 * no two passes write it at once), deleted if the run passed and kept otherwise, so the operator can read the whole
 * output of a failing run; the last lines of it go into the verdict. A run that exits 126 or 127 (the shell could
 * not execute or find a command) is looked at while its checkout still exists, to say why ({@link CannotRun}). A
 * crash leaves the temp folder and its worktree entry, which a later pass clears ({@link StaleCheckouts} says when
 * and how), and maybe a half-written log, which the next pass of the wave deletes.
 */
final class CheckCommand {
    /** A first word that is a plain path (no quoting or shell syntax), so it can be looked up in the checkout. */
    private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9._/+-]*/[A-Za-z0-9._/+-]*");
    /**
     * The variables that tie git to one repository ({@link GitCli#REPOSITORY_VARIABLES}). A pass started with them set
     * (from a git hook, which runs with {@code GIT_DIR} set, say) must not hand them to the check: its git commands
     * would read the main repository (its HEAD, its index) instead of the checkout of the commit being checked.
     */
    static final List<String> REPOSITORY_VARIABLES = GitCli.REPOSITORY_VARIABLES;
    /** How much of a failed run's log end is read for the tail shown in the reason. */
    static final int TAIL_BYTES = 64 * 1024;
    /** How many lines of output a reason shows. */
    static final int TAIL_LINES = 10;
    /** The longest line of output a reason shows whole. */
    static final int LINE_CHARS = 200;
    /** An ANSI/VT escape sequence: CSI (colours, cursor moves), OSC (titles, links) or a two-character escape. */
    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile(
            "\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[@-Z\\\\-_])|\u009B[0-?]*[ -/]*[@-~]");
    private final GitCli git;
    private final Path worktreesLock;
    private final String command;
    private final Duration timeout;
    private final Path logDir;
    private final StaleCheckouts folders;

    /**
     * @param git           native git in the main checkout
     * @param worktreesLock the inbox's lock around changes to the worktree list
     * @param command       the {@code check:} command
     * @param timeout       {@code checkTimeout:}
     * @param logDir        the pass's log folder, which must exist
     */
    CheckCommand(GitCli git, Path worktreesLock, String command, Duration timeout, Path logDir,
                 StaleCheckouts folders) {
        this.git = git;
        this.folders = folders;
        this.worktreesLock = worktreesLock;
        this.command = command;
        this.timeout = timeout;
        this.logDir = logDir;
    }

    String command() {
        return command;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * The verdict of one run.
     *
     * @param outcome    passed, failed or timed out
     * @param commit     the commit it ran on
     * @param exitCode   the exit status, null if stopped at the timeout
     * @param status     {@code exit 3}, or {@code stopped after 30m (checkTimeout in lanes.yml)}
     * @param outputTail the last lines of its output, after a colon and a line feed ("" if it printed nothing)
     * @param took       how long it ran
     * @param log        the file with its whole output, null if it passed (then deleted)
     * @param cannotRun  why it could not run, for exit 126 and 127; else null
     */
    record Verdict(CheckRun.Outcome outcome, String commit, Integer exitCode, String status, String outputTail,
                   Duration took, Path log, CannotRun cannotRun) {
        boolean passed() {
            return outcome == CheckRun.Outcome.PASSED;
        }

        /** The run, as reported. */
        CheckRun run(int number, List<String> lanes) {
            return new CheckRun(number, commit, lanes, outcome, exitCode, took, log == null ? null : log.toString());
        }

        /**
         * How it failed, for a reason or an error: {@code exit 3:\n<last lines>}, or {@code stopped after 30m
         * (checkTimeout in lanes.yml):\n...}, what a 126/127 means here, and where the whole output is.
         */
        String summary() {
            StringBuilder s = new StringBuilder(status).append(outputTail);
            if (cannotRun != null) {
                s.append("\n").append(cannotRun.advice("commit " + commit.substring(0, 12)));
            }
            if (log != null) {
                s.append("\nfull output: ").append(log);
            }
            return s.toString();
        }
    }

    /**
     * Why a run that exited 126 (found, not executable) or 127 (not found) could not run, as seen in its checkout.
     *
     * @param exitCode 126 or 127
     * @param script   the command's first word if it is a path (a script), as the repository names it; else null
     * @param kind     what was found
     * @param inMain   the script in the main checkout, when it is there but not in the commit; else null
     */
    record CannotRun(int exitCode, String script, Kind kind, Path inMain) {
        enum Kind {
            /** the script is not in the commit, but is in the main checkout: uncommitted (or ignored) */
            ONLY_IN_MAIN_CHECKOUT,
            /** the script is in main's commit, not in the commit checked: the lanes merged into it delete or move it */
            REMOVED_BY_LANES,
            /** the script is in neither */
            MISSING,
            /** the script is in the commit without its executable bit */
            NOT_EXECUTABLE,
            /** the script is there and executable: a program it runs (or its #! interpreter) was not found */
            SCRIPT_PRESENT,
            /** the first word is not a path: a program looked up on PATH, a shell keyword... */
            NO_SCRIPT,
            /** the script's path leads out of the checkout (absolute, or up with ..), where it is missing or not executable */
            OUTSIDE_REPOSITORY
        }

        /** What it means and what to do; {@code theCommit} names the commit ("that commit", "commit 1a2b..."). */
        String advice(String theCommit) {
            return switch (kind) {
                case ONLY_IN_MAIN_CHECKOUT -> script + " is not in " + theCommit + ", but it exists uncommitted in "
                        + "the main checkout (" + inMain + "): commit it (git add " + script + ", then git commit), "
                        + "then run integrate again.";
                case REMOVED_BY_LANES -> script + " is not in " + theCommit + ", but main has it: the lanes merged "
                        + "into that commit delete or move it, and the check runs the scripts of the commit it checks. "
                        + "Keep " + script + " in the lane (git checkout main -- " + script + " in its worktree, then "
                        + "lane submit), or fix `check:` in lanes.yml.";
                case MISSING -> script + " is not in " + theCommit + ": commit the script, or fix `check:` in "
                        + "lanes.yml.";
                case NOT_EXECUTABLE -> script + " is in " + theCommit + " but is not executable: make it executable "
                        + "and commit that (git update-index --chmod=+x " + script + ", then git commit), or run it "
                        + "through the shell (check: sh " + script + ").";
                case SCRIPT_PRESENT -> script + " is in " + theCommit + " and executable, so a program it runs (or "
                        + "its #! interpreter) " + (exitCode == 127 ? "was not found" : "could not be executed")
                        + ": install it, or fix the script.";
                case OUTSIDE_REPOSITORY -> script + " lies outside the repository, and there it is missing or not "
                        + "executable. The check runs in a temporary checkout of the result: name a script inside the "
                        + "repository, relative to its root (check: ./ci.sh), or a program installed on PATH, in "
                        + "`check:` of lanes.yml.";
                case NO_SCRIPT -> "Exit " + exitCode + " means the shell " + (exitCode == 127
                        ? "did not find a command" : "found a command it could not execute")
                        + ": check that every program the command runs is installed and on PATH, and that any "
                        + "script it runs is committed and executable; or fix `check:` in lanes.yml.";
            };
        }
    }

    /**
     * Runs the command on a checkout of {@code commit}, which is main's commit {@code base} plus lanes (or {@code base}
     * itself); its output goes to {@code run-<number>.log}.
     */
    Verdict run(String commit, String base, int number) {
        Path parent;
        try {
            parent = folders.newFolder();
        } catch (IOException e) {
            throw LaneException.internal("cannot make a temp folder for the check: " + e.getMessage(), e);
        }
        Path checkout = parent.resolve("checkout");
        try {
            LockFile.holding(worktreesLock, () -> git.ok("-c", GitCli.parallelCheckout(), "worktree", "add", "--detach",
                    "--quiet", checkout.toString(), commit));
            Path log = logDir.resolve("run-" + number + ".log");
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(checkout.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().removeAll(REPOSITORY_VARIABLES);
            pb.environment().putAll(git.env());
            pb.environment().put("LANE_CHECK_COMMIT", commit);
            long start = System.nanoTime();
            int code;
            boolean ended;
            try (CheckProcess check = CheckProcess.start(pb, parent)) {
                check.process().getOutputStream().close();
                ended = check.waitFor(timeout.toMillis());
                if (!ended) {
                    check.stop();
                }
                code = ended ? check.process().exitValue() : -1;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (!ended) {
                return new Verdict(CheckRun.Outcome.TIMED_OUT, commit, null, "stopped after " + CheckProgress.describe(timeout)
                        + " (checkTimeout in lanes.yml)", tailOf(log), took, log, null);
            }
            if (code == 0) {
                Files.deleteIfExists(log);
                return new Verdict(CheckRun.Outcome.PASSED, commit, 0, "exit 0", "", took, null, null);
            }
            CannotRun why = code == 126 || code == 127 ? cannotRun(checkout, code, commit, base) : null;
            return new Verdict(CheckRun.Outcome.FAILED, commit, code, "exit " + code, tailOf(log), took, log, why);
        } catch (IOException e) {
            throw LaneException.internal("cannot run the check command '" + command + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LaneException.internal("interrupted while the check command ran", e);
        } finally {
            try {
                LockFile.holding(worktreesLock, () -> git.run("worktree", "remove", "--force", "--force",
                        checkout.toString()));
            } finally {
                StaleCheckouts.delete(parent); // even if the lock could not be had: the folder is ours
                LockFile.holding(worktreesLock, () -> git.run("worktree", "prune"));
            }
        }
    }

    /**
     * Looks at the command's first word in the checkout (and in main's commit {@code base} and the main checkout) to
     * say why it could not run.
     */
    private CannotRun cannotRun(Path checkout, int code, String commit, String base) {
        String[] words = command.strip().split("\\s+", 2);
        String first = words[0];
        if (!PLAIN_PATH.matcher(first).matches()) {
            return new CannotRun(code, null, CannotRun.Kind.NO_SCRIPT, null);
        }
        Path root = checkout.toAbsolutePath().normalize();
        Path there = root.resolve(first).normalize();
        if (!there.startsWith(root) || there.equals(root)) { // an absolute path, or one outside the repository
            return new CannotRun(code, first, Files.isExecutable(there) ? CannotRun.Kind.SCRIPT_PRESENT
                    : CannotRun.Kind.OUTSIDE_REPOSITORY, null);
        }
        String rel = root.relativize(there).toString();
        if (!Files.exists(there, LinkOption.NOFOLLOW_LINKS)) {
            if (!commit.equals(base) && git.run("cat-file", "-e", base + ":" + rel).ok()) {
                return new CannotRun(code, rel, CannotRun.Kind.REMOVED_BY_LANES, null);
            }
            Path inMain = git.dir().resolve(rel);
            return Files.exists(inMain) ? new CannotRun(code, rel, CannotRun.Kind.ONLY_IN_MAIN_CHECKOUT, inMain)
                    : new CannotRun(code, rel, CannotRun.Kind.MISSING, null);
        }
        return new CannotRun(code, rel, Files.isExecutable(there) ? CannotRun.Kind.SCRIPT_PRESENT
                : CannotRun.Kind.NOT_EXECUTABLE, null);
    }

    /**
     * The last lines of the check's output, after a colon and a line feed, or nothing if it printed nothing: at most
     * {@value #TAIL_LINES} lines from the last {@value #TAIL_BYTES} bytes of the log (never the whole log: a check may
     * print gigabytes), as a terminal shows them (see {@link #shown}), each cut at {@value #LINE_CHARS} characters, so
     * the reason that carries them stays short in the report, the ledger, {@code outcome.json} and {@code lane status}.
     * The output is whatever the command printed: bytes that are not UTF-8 are shown as replacement characters, never
     * an error.
     */
    private static String tailOf(Path log) throws IOException {
        byte[] end;
        boolean cut;
        try (FileChannel in = FileChannel.open(log, StandardOpenOption.READ)) {
            long size = in.size();
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, TAIL_BYTES));
            in.position(size - buffer.capacity());
            while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                // read the rest of the window
            }
            end = Arrays.copyOf(buffer.array(), buffer.position());
            cut = size > end.length;
        }
        String output = new String(end, StandardCharsets.UTF_8);
        if (output.isBlank()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (String line : output.strip().split("\n")) {
            lines.add(shown(line));
        }
        if (cut) {
            lines.set(0, "..." + lines.get(0)); // the window starts inside this line
        }
        List<String> last = new ArrayList<>();
        for (String line : lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())) {
            last.add(line.length() <= LINE_CHARS ? line
                    : line.substring(0, Character.isHighSurrogate(line.charAt(LINE_CHARS - 1)) ? LINE_CHARS - 1
                    : LINE_CHARS) + "... (" + (line.length() - LINE_CHARS) + " more characters)");
        }
        return ":\n" + String.join("\n", last);
    }

    /**
     * One line of output as a terminal leaves it: what a carriage return rewrote (a progress bar) is gone, colour and
     * other escape sequences are left out, any other control character shows as a replacement character, a tab as a
     * space. So no text of a check can move the operator's cursor, clear the screen or hide part of a report.
     */
    private static String shown(String line) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        int rewritten = text.lastIndexOf('\r');
        if (rewritten >= 0) {
            text = text.substring(rewritten + 1);
        }
        text = ESCAPE_SEQUENCE.matcher(text).replaceAll("");
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(c == '\t' ? ' '
                : Character.getType(c) == Character.CONTROL ? '\uFFFD' : c));
        return out.toString().stripTrailing();
    }

}
