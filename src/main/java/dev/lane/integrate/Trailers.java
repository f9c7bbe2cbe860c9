package dev.lane.integrate;

/**
 * The trailer keys the integrator writes at the end of its commit messages. They are the machine-readable record
 * of what a wave applied, read back by {@link WaveHistory}; the message body above them says the same for people.
 *
 * <pre>
 * Lane-Wave: 45                                      every integrator commit of wave 45
 * Lane-Lane: 45/dimA@2                               a lane's merge (or squashed) commit: lane and submission
 * Lane-Squashed: 45/dimA 1f2e...                     a squashed lane: the full head commit it squashed
 * Lane-Intents: 45/dimA@2                            shared-surface commit: whose intents it applied
 * Lane-Bump: 45 0.3.5 -&gt; 0.4.0                     the wave's bump: version before the wave, version now
 * Lane-Workflow: 45/dimB 3fa1c2d4e5f6 .github/...    a workflow edit applied (its id, its path)
 * Co-authored-by: Ada &lt;ada@example.org&gt;             a squashed lane: another author of its commits (for people
 *                                                    and forges; lane does not read it back)
 * </pre>
 */
final class Trailers {
    static final String WAVE = "Lane-Wave";
    static final String LANE = "Lane-Lane";
    static final String SQUASHED = "Lane-Squashed";
    static final String INTENTS = "Lane-Intents";
    static final String BUMP = "Lane-Bump";
    static final String WORKFLOW = "Lane-Workflow";
    static final String CO_AUTHOR = "Co-authored-by";

    private Trailers() {
    }

    static String line(String key, String value) {
        return key + ": " + value + "\n";
    }
}
