package dev.lane.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The shape of {@code lanes.yml} as written by a user: every key optional (null means "use the default").
 * Unknown keys and wrong types are rejected by {@link ConfigLoader} with the key and line.
 */
record ConfigFile(
        @JsonProperty("inbox") String inbox,
        @JsonProperty("worktree") String worktree,
        @JsonProperty("branch") String branch,
        @JsonProperty("main") String main,
        @JsonProperty("manifest") ManifestSection manifest,
        @JsonProperty("versionFiles") List<String> versionFiles,
        @JsonProperty("workflows") List<String> workflows,
        @JsonProperty("check") String check) {

    record ManifestSection(
            @JsonProperty("file") String file,
            @JsonProperty("migrations") String migrations,
            @JsonProperty("required") List<String> required) {
    }
}
