package dev.lane.ledger;

import java.time.Instant;

/**
 * One line of a wave's ledger.
 *
 * @param time   when it happened (UTC, millisecond precision)
 * @param event  what happened
 * @param wave   the wave
 * @param lane   the lane, or "" for wave-wide events
 * @param agent  who did it
 * @param detail free text for people (escaped on write, so it can hold anything)
 */
public record LedgerEntry(Instant time, LedgerEvent event, String wave, String lane, String agent, String detail) {
}
