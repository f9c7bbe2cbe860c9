package dev.lane.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lane.core.ExitCode;
import dev.lane.core.LaneException;
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
