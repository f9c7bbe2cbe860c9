package dev.lane.cli;

import dev.lane.core.Workspace;
import dev.lane.submit.SubmitService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {
            "Submit the lane for integration. Run it inside the lane's worktree (or pass --wave and --lane).",
            "Edits to shared files (manifest, version files, workflows) become intents in the claim folder and are "
                    + "taken out of the lane's branch; the integrator applies them once per wave.",
            "Submitting again replaces the submission; intents collected earlier are kept."})
final class SubmitCommand extends BaseCommand {
    @Option(names = "--wave", paramLabel = "WAVE", description = "The wave (default: from the current worktree).")
    String wave;

    @Option(names = "--lane", paramLabel = "LANE", description = "The lane (default: from the current worktree).")
    String lane;

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE",
            description = "Commit every change in the worktree with this message first. Without it, a worktree "
                    + "with uncommitted changes is refused.")
    String message;

    @Option(names = "--manifest", paramLabel = "NAME",
            description = "Add a manifest entry (a migration file name in the lane's tree). Repeatable.")
    List<String> manifest = new ArrayList<>();

    @Option(names = "--bump", paramLabel = "LEVEL|X.Y.Z",
            description = "Request a version bump: patch, minor, major, or an explicit version.")
    String bump;

    @Option(names = "--reset-intents",
            description = "Forget the intents of earlier submissions: only what this submit finds and the options "
                    + "given count.")
    boolean resetIntents;

    @Override
    public Integer call() {
        Workspace ws = workspace();
        LaneSelection sel = LaneSelection.resolve(ws, ctx.cwd(), wave, lane);
        SubmitService.Result r = new SubmitService(ws).submit(
                new SubmitService.Request(sel.wave(), sel.lane(), message, manifest, bump, resetIntents));
        var s = r.submission();
        if (json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("wave", s.wave());
            doc.put("lane", s.lane());
            doc.put("agent", s.agent());
            doc.put("head", s.head());
            doc.put("base", s.base());
            doc.put("sequence", s.sequence());
            doc.put("resubmission", r.resubmission());
            doc.put("committedWork", r.committedWork());
            doc.put("movedToIntents", r.movedFiles());
            doc.put("intents", s.intents());
            doc.put("notices", r.notices());
            printJson(doc);
        } else {
            out().println((r.resubmission() ? "resubmitted" : "submitted") + " lane " + s.lane() + " of wave "
                    + s.wave() + " at " + s.head().substring(0, 12)
                    + (r.resubmission() ? " (submission " + s.sequence() + ")" : ""));
            if (!r.movedFiles().isEmpty()) {
                out().println("shared files moved into intents: " + String.join(", ", r.movedFiles()));
            }
            out().println("intents: " + s.intents().summary());
            r.notices().forEach(n -> out().println("note: " + n));
        }
        return 0;
    }
}
