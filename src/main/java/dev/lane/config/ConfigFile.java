package dev.lane.config;

import java.util.List;

/**
 * The shape of {@code lanes.yml} as written by a user: every key optional (null means "use the default").
 * Unknown keys and wrong types are rejected by {@link ConfigLoader} with the key and line. Plain fields rather than
 * a record on purpose: Jackson then binds while it reads, so an error's location is the offending key's own line
 * (a record's creator buffers the whole mapping and reports its end).
 */
final class ConfigFile {
    public String inbox;
    public String worktree;
    public String branch;
    public String main;
    public ManifestSection manifest;
    public List<String> versionFiles;
    public List<String> workflows;
    public String check;

    static final class ManifestSection {
        public String file;
        public String migrations;
        public List<String> required;
        public String pattern;
    }
}
