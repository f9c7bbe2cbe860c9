package dev.lane.cli;

import dev.lane.core.Workspace;
import dev.lane.intent.LandedIntents;
import dev.lane.submit.SubmitService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

final class SubmitCommand extends BaseCommand {
    String wave;

    String lane;

    String message;

    List<String> manifest = List.of();

    String bump;

    boolean resetIntents;

    @Override
    CommandSpec spec() {
        return command(
                "Submit the lane for integration. Run it inside the lane's worktree (or pass --wave and --lane).",
                "Edits to shared files (manifest, version files, workflows) become intents in the claim folder and "
                        + "are taken out of the lane's branch; the integrator applies them once per wave.",
                "Submitting again replaces the submission; intents collected earlier are kept.",
                "Exit: 0 submitted, 2 bad option or intent, uncommitted changes without -m, or a worktree off the "
                        + "lane's branch, mid-rebase or with conflicts (nothing changed), 3 busy (retry), 5 claim "
                        + "record damaged or worktree missing.")
                .addOption(CommandModel.string("--wave", () -> wave, v -> wave = v)
                        .paramLabel("WAVE").description("The wave (default: from the current worktree).").build())
                .addOption(CommandModel.string("--lane", () -> lane, v -> lane = v)
                        .paramLabel("LANE").description("The lane (default: from the current worktree).").build())
                .addOption(CommandModel.string("--message", () -> message, v -> message = v)
                        .names("-m", "--message").paramLabel("MESSAGE")
                        .description("Commit every change in the worktree with this message first. Without it, a "
                                + "worktree with uncommitted changes is refused.").build())
                .addOption(CommandModel.list("--manifest", () -> manifest, v -> manifest = v).paramLabel("NAME")
                        .description("Add a manifest entry (a migration file name in the lane's tree). Repeatable.")
                        .build())
                .addOption(CommandModel.string("--bump", () -> bump, v -> bump = v)
                        .paramLabel("LEVEL|X.Y.Z")
                        .description("Request a version bump: patch, minor, major, or an explicit version.").build())
                .addOption(CommandModel.flag("--reset-intents", () -> resetIntents, v -> resetIntents = v)
                        .description("Forget the intents of earlier submissions: only what this submit finds and "
                                + "the options given count.").build());
    }

    @Override
    public Integer call() {
        Workspace ws = workspace();
        LaneSelection sel = LaneSelection.resolve(ws, wave != null && lane != null ? null
                : currentFolder("pass --wave and --lane"), wave, lane);
        SubmitService.Result r = new SubmitService(ws).submit(
                new SubmitService.Request(sel.wave(), sel.lane(), message, manifest, bump, resetIntents));
        var s = r.submission();
        LandedIntents.Split split = s.landed().split(s.intents());
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
            doc.put("intentsPending", split.pending()); // what a pass has still to apply, as the inbox knows
            doc.put("intentsLanded", split.landed()); // what earlier submissions of the lane landed
            doc.put("notices", r.notices());
            printJson(doc);
        } else {
            out().println((r.resubmission() ? "resubmitted" : "submitted") + " lane " + s.lane() + " of wave "
                    + s.wave() + " at " + s.head().substring(0, 12)
                    + (r.resubmission() ? " (submission " + s.sequence() + ")" : ""));
            if (!r.movedFiles().isEmpty()) {
                out().println("shared files moved into intents: " + String.join(", ", r.movedFiles()));
            }
            out().println("intents: " + split.summary());
            r.notices().forEach(n -> out().println("note: " + n));
        }
        return 0;
    }
}
