package dev.lane.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.semver4j.Semver;

class BumpLevelTest {
    @Test
    void aBumpIsAReleaseWithoutTheBuildMetadataOfTheVersionItStartsFrom() {
        Semver built = Semver.parse("0.4.0+b1");
        assertEquals("0.4.1", BumpLevel.PATCH.apply(built).getVersion());
        assertEquals("0.5.0", BumpLevel.MINOR.apply(built).getVersion());
        assertEquals("1.0.0", BumpLevel.MAJOR.apply(built).getVersion());
        assertEquals("0.4.0", BumpLevel.PATCH.apply(Semver.parse("0.4.0-rc.1+b7")).getVersion());
        assertEquals(Optional.of(BumpLevel.PATCH), BumpLevel.between(built, Semver.parse("0.4.1")),
                "a lane that writes the next release is asking for a patch");
    }
}
