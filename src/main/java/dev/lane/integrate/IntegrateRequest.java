package dev.lane.integrate;

import dev.lane.names.AgentId;
import dev.lane.names.LaneId;
import dev.lane.names.WaveId;
import java.util.List;

/**
 * What one integrate pass is asked to do.
 *
 * @param wave   the wave to integrate
 * @param order  lanes to merge first, in this order (the others follow in claim order); empty for claim order
 * @param squash land each lane as one squashed commit instead of a merge commit
 * @param dryRun plan and check only: nothing moves, nothing is recorded
 * @param agent  who integrates (ledger entries; commit author when git has no identity configured)
 */
public record IntegrateRequest(WaveId wave, List<LaneId> order, boolean squash, boolean dryRun, AgentId agent) {
    public IntegrateRequest {
        order = List.copyOf(order == null ? List.of() : order);
    }

    public static IntegrateRequest of(WaveId wave, AgentId agent) {
        return new IntegrateRequest(wave, List.of(), false, false, agent);
    }
}
