package dev.lane.core;

/** What the launcher, tools/lane, tells the JVM through the environment. */
public final class LauncherEnv {
    /**
     * Set to the folder lane was started in when that folder no longer exists (a lane's worktree after lane release
     * ran inside it, say): the JVM cannot start there, so the launcher starts it in an absolute {@code --repo}, or in
     * {@code /}. Whatever needs the current folder then refuses, naming this one.
     */
    public static final String CWD_GONE = "LANE_CWD_GONE";

    private LauncherEnv() {
    }
}
