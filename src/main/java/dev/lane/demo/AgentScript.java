package dev.lane.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one simulated agent of the demo does in its lane: files it writes (whole new content, or a line replaced
 * in a file it finds in its worktree) and the extra options it gives {@code lane submit}.
 *
 * @param lane       the lane it claims
 * @param writes     files to write, path to content
 * @param edits      in-place edits, path to {from, to} (replace the first occurrence of "from" with "to")
 * @param submitArgs extra {@code lane submit} options
 * @param plan       what the agent does, for the demo's narration
 */
record AgentScript(String lane, Map<String, String> writes, Map<String, String[]> edits, List<String> submitArgs,
                   String plan) {

    /** The 18 agents of the demo wave, shaped like the lanes of the incident. */
    static List<AgentScript> wave() {
        List<AgentScript> agents = new ArrayList<>();
        String[][] migrations = {
            {"dimA", "252_law_jorei_pref.sql"}, {"dimB", "255_enforcement_municipality.sql"},
            {"dimC", "259_court_decisions_extended.sql"}, {"dimD", "260_vec_e5.sql"},
            {"dimE", "261_legal_chain_v2.sql"}, {"dimF", "262_subsidy_rate_history.sql"},
            {"dimG", "263_realtime_signal.sql"}};
        for (String[] m : migrations) {
            Map<String, String> writes = new LinkedHashMap<>();
            writes.put("scripts/migrations/" + m[1], "-- " + m[1] + "\nselect 1;\n");
            writes.put("app/" + m[0].toLowerCase() + ".py", "def " + m[0].toLowerCase() + "():\n    return '" + m[1]
                    + "'\n");
            agents.add(new AgentScript(m[0], writes, Map.of(), List.of(), "adds migration " + m[1]));
        }
        agents.add(new AgentScript("dimH", Map.of("app/dimh.py", "VERSION_NOTE = 'patch'\n"), Map.of(),
                List.of("--bump", "patch"), "fixes a bug, requests a patch bump"));
        agents.add(new AgentScript("dimI", Map.of("app/dimi.py", "FEATURE = True\n"),
                Map.of("pyproject.toml", new String[] {"version = \"0.3.5\"", "version = \"0.4.0\""}), List.of(),
                "ships a feature, edits pyproject.toml to 0.4.0 (becomes a minor bump)"));
        agents.add(new AgentScript("dimJ", Map.of("app/dimj.py", "J = 1\n"), Map.of(), List.of(), "code only"));
        agents.add(new AgentScript("cell1", Map.of(), Map.of(".github/workflows/deploy.yml", new String[] {
            "    runs-on: ubuntu-latest\n",
            "    runs-on: ubuntu-latest\n    if: github.event_name == 'push' || github.event_name == 'workflow_dispatch'\n"}),
                List.of(), "adds a trigger guard to the deploy job"));
        agents.add(new AgentScript("cell2", Map.of(), Map.of(".github/workflows/deploy.yml", new String[] {
            "  cancel-in-progress: false\n", "  cancel-in-progress: true\n"}),
                List.of(), "changes the deploy concurrency settings"));
        agents.add(new AgentScript("cell3", Map.of("scripts/migrations/262_realtime_cache.sql",
                "-- clashes with dimF's 262\nselect 1;\n"), Map.of(), List.of(),
                "adds migration 262_realtime_cache.sql (same number as dimF's)"));
        for (String lane : new String[] {"cell4", "cell5", "monitoring", "discoverability", "docs"}) {
            agents.add(new AgentScript(lane, Map.of("app/" + lane + ".py", "NAME = '" + lane + "'\n"), Map.of(),
                    List.of(), "code only"));
        }
        return agents;
    }
}
