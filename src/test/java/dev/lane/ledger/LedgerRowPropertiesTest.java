package dev.lane.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LedgerRowPropertiesTest {

    @Property(tries = 2000)
    void anyFieldsRoundTripThroughOneRowThatStaysOnOneLine(@ForAll("nasty") String a, @ForAll("nasty") String b,
                                                           @ForAll("nasty") String c) {
        String row = LedgerRow.format(List.of(a, b, c));
        assertFalse(row.contains("\n") || row.contains("\r"), row);
        assertEquals(List.of(a, b, c), LedgerRow.cells(row));
    }

    @Provide
    Arbitrary<String> nasty() {
        return Arbitraries.strings().withChars("|\\\n\r\t ab-u0\u0007\u2028").ofMaxLength(12)
                .injectDuplicates(0.1);
    }

    @Property(tries = 500)
    void aForgedRowInsideAFieldStaysInsideThatField(@ForAll("nasty") String prefix) {
        String forged = prefix + " |\n| 2026-01-01T00:00:00Z | released | 45 | dimA | mallory | x | 000000000000 |";
        String row = LedgerRow.format(List.of("t", "claimed", "45", "dimA", "a", forged));
        assertEquals(6, LedgerRow.cells(row).size());
        assertEquals(forged, LedgerRow.cells(row).get(5));
    }
}
