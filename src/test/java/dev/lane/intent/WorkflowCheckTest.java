package dev.lane.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowCheckTest {
    private static final String PATH = ".github/workflows/deploy.yml";
    private static final String DEPLOY = """
            name: d
            on:
              push:
              workflow_dispatch:
            jobs:
              d:
                runs-on: ubuntu-latest
                steps:
                  - run: x
            """;

    private static WorkflowCheck.Problem problem(String text) {
        return WorkflowCheck.check(PATH, text).orElseThrow(() -> new AssertionError("passed: " + text));
    }

    @Test
    void aValidWorkflowPassesWithOrWithoutDocumentMarkers() {
        assertEquals(Optional.empty(), WorkflowCheck.check(PATH, DEPLOY));
        assertEquals(Optional.empty(), WorkflowCheck.check(PATH, "---\n" + DEPLOY));
        assertEquals(Optional.empty(), WorkflowCheck.check(PATH, DEPLOY + "...\n"));
        assertEquals(Optional.empty(), WorkflowCheck.check(PATH, "on: [push, workflow_dispatch]\njobs: {}\n"));
    }

    @Test
    void aKeyTwiceUnderOnIsRefusedNamingTheKeyItsMappingAndTheLineOfItsSecondUse() {
        String text = DEPLOY.replace("  push:\n", "  push:\n  pull_request:\n    branches: [main]\n")
                .replace("  workflow_dispatch:\n", "  workflow_dispatch:\n  pull_request:\n");

        WorkflowCheck.Problem p = problem(text);

        assertEquals(new WorkflowCheck.DuplicateKey(PATH, "pull_request", "on", 7), p);
        assertTrue(p.sentence().contains("has the key 'pull_request' twice under 'on' (again at line 7)"),
                p.sentence());
    }

    @Test
    void aTopLevelKeyTwiceAndAKeyTwiceInsideAStepAreRefusedToo() {
        assertEquals(new WorkflowCheck.DuplicateKey(PATH, "on", "", 4), problem("on:\n  push:\n" + DEPLOY));
        assertTrue(problem("on:\n  push:\n" + DEPLOY).sentence().contains("twice at the top level"));
        assertEquals(new WorkflowCheck.DuplicateKey(PATH, "run", "jobs.d.steps[0]", 10),
                problem(DEPLOY + "        run: y\n"));
    }

    @Test
    void aSecondDocumentIsRefusedEvenWhenItParsesNamingTheLineItStarts() {
        WorkflowCheck.Problem p = problem(DEPLOY + "---\nfoo: 1\n");

        assertEquals(new WorkflowCheck.SeveralDocuments(PATH, 10), p);
        assertEquals(new WorkflowCheck.SeveralDocuments(PATH, 10), problem(DEPLOY + "---\n"));
        assertTrue(p.sentence().contains("more than one YAML document (another starts at line 10 with '---')"),
                p.sentence());
    }

    @Test
    void aBrokenSecondDocumentIsReadAndReportedWithItsLine() {
        WorkflowCheck.Problem p = problem(DEPLOY + "---\njunk: [unclosed\n");

        assertTrue(p instanceof WorkflowCheck.NotYaml y && y.documentLine() == 10 && y.line() == 12, p.toString());
        assertTrue(p.sentence().contains("another starts at line 10 with '---') and that document is not valid YAML"),
                p.sentence());
        assertTrue(p.sentence().contains("while parsing a flow sequence that starts at line 11"), p.sentence());
    }

    @Test
    void brokenYamlInTheFirstDocumentNamesTheLineAnEditorShows() {
        WorkflowCheck.Problem p = problem("name: d\non: [push, workflow_dispatch]\njobs:\n  d: x: y\n");

        assertEquals(4, ((WorkflowCheck.NotYaml) p).line(), p.sentence());
        assertTrue(p.sentence().startsWith(PATH + " is not valid YAML at line 4: "), p.sentence());
    }

    @Test
    void aLaneMayNotRemoveTheTriggerButAFileThatLackedItOnMainIsReportedAsMains() {
        String without = DEPLOY.replace("  workflow_dispatch:\n", "");
        String edited = without.replace("run: x", "run: make x");

        assertEquals(Optional.of("this lane's edit removes the workflow_dispatch trigger of " + PATH + "; keep "
                        + "'workflow_dispatch:' under 'on:' so the workflow can still be run by hand"),
                WorkflowCheck.ofLaneEdit(PATH, DEPLOY, without));
        String mains = WorkflowCheck.ofLaneEdit(PATH, without, edited).orElseThrow();
        assertTrue(mains.startsWith("main's version of " + PATH + " already lacks a workflow_dispatch trigger"),
                mains);
        assertTrue(!mains.contains("lost") && mains.contains("this lane did not remove it"), mains);
        assertTrue(WorkflowCheck.ofLaneEdit(PATH, null, without).orElseThrow().contains("a workflow this lane adds"));
        assertEquals(Optional.empty(), WorkflowCheck.ofLaneEdit(PATH, without, DEPLOY), "putting it back is fine");
    }
}
