package dev.lane.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.core.ExitCode;
import dev.lane.core.LaneException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"45", "dimA", "cell_12", "v0.4-rc", "A", "_x"})
    void namesOfLettersDigitsDotsUnderscoresAndDashesAreAccepted(String name) {
        assertEquals(name, new LaneId(name).value());
        assertEquals(name, new WaveId(name).value());
        assertEquals(name, new AgentId(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "..", "a..b", ".hidden", "-rf", "has space", "tab\there", "nl\nx", "",
        "é", "a\u0000b"})
    void namesThatCouldEscapeAFolderHideOrBreakALineAreRefusedAsUsageErrors(String name) {
        LaneException e = assertThrows(LaneException.class, () -> new LaneId(name));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("lane"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dimA.lock", "45.lock", "a.lock"})
    void aWaveOrLaneNameEndingInDotLockIsRefusedBecauseGitCannotUseItInABranchOrArchiveRef(String name) {
        for (Runnable make : List.<Runnable>of(() -> new LaneId(name), () -> new WaveId(name))) {
            LaneException e = assertThrows(LaneException.class, make::run);
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains(".lock"), e.getMessage());
        }
    }

    @Test
    void aLaneCannotBeNamedLikeTheWavesLedgerFile() {
        LaneException e = assertThrows(LaneException.class, () -> new LaneId("AGENT_LEDGER.md"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("AGENT_LEDGER.md") && e.getMessage().contains("ledger"), e.getMessage());
        assertEquals("AGENT_LEDGER.md", new WaveId("AGENT_LEDGER.md").value(), "a wave may be named so");
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 65})
    void namesAreAtMostSixtyFourCharacters(int length) {
        String name = "a".repeat(length);
        if (length == 64) {
            assertEquals(name, new WaveId(name).value());
        } else {
            assertThrows(LaneException.class, () -> new WaveId(name));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bell\u0007", "esc\u001b[31m"})
    void theErrorShowsControlCharactersVisiblySoATerminalCannotBeHijacked(String name) {
        LaneException e = assertThrows(LaneException.class, () -> new AgentId(name));
        assertTrue(e.getMessage().contains("\\x"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c == 0x07 || c == 0x1b), e.getMessage());
    }
}
