package dev.lane.integrate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.config.ConfigLoader;
import dev.lane.config.LaneConfig;
import org.junit.jupiter.api.Test;

class SharedSurfacesTest {

    @Test
    void aSearchForChangedSurfacesLooksOnlyIntoFoldersThatCanHoldOne() {
        SharedSurfaces s = new SharedSurfaces(LaneConfig.defaults());
        for (String folder : new String[] {".github", ".github/workflows", "scripts", "scripts/migrations"}) {
            assertTrue(s.mayHoldSurfaces(folder), folder);
        }
        for (String folder : new String[] {"src", "scripts/other", ".githubx", "scripts/migrations/old", "d0"}) {
            assertFalse(s.mayHoldSurfaces(folder), folder);
        }
    }

    @Test
    void aWorkflowGlobWithWildFoldersIsLookedForEverywhereBelowItsFixedPart() {
        SharedSurfaces s = new SharedSurfaces(ConfigLoader.parse(
                "workflows: [\"ci/**/*.yml\"]\nversionFiles: [tools/version.json]\n", "lanes.yml"));
        assertTrue(s.mayHoldSurfaces("ci"));
        assertTrue(s.mayHoldSurfaces("ci/a/b"), "any depth below ci/");
        assertTrue(s.mayHoldSurfaces("tools"), "the folder of a version file");
        assertFalse(s.mayHoldSurfaces("tools/sub"));
        assertFalse(s.mayHoldSurfaces("cix"));
        assertTrue(s.contains("ci/a/b/build.yml") && s.contains("tools/version.json"));
    }
}
