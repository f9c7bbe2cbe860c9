package dev.lane.cli;

import dev.lane.core.ExitCode;
import dev.lane.core.Workspace;
import dev.lane.sync.SyncService;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

final class SyncCommand extends BaseCommand {
    String wave;

    String lane;

    boolean rebase;

    @Override
    CommandSpec spec() {
        return command(
                "Bring current main into the lane's branch: run it in the lane's worktree (or pass --wave and "
                        + "--lane).",
                "Merges main (or rebases onto it with --rebase). Shared files are never merged as text: committed "
                        + "edits of them first move into the lane's intents, as lane submit moves them (an edit submit "
                        + "would refuse is refused). Conflicts are left in the worktree for you to resolve and commit "
                        + "(or git rebase --continue); then lane submit again.",
                "Exit: 0 clean (or already up to date), 4 conflicts left in the worktree, 2 uncommitted changes, a "
                        + "shared-file edit submit would refuse, a "
                        + "merge or rebase already in progress, or a worktree off the lane's branch (nothing changed), "
                        + "3 busy or still being claimed (retry), 5 claim record damaged, worktree missing, or git "
                        + "refused the merge (nothing changed).")
                .addOption(CommandModel.string("--wave", () -> wave, v -> wave = v)
                        .paramLabel("WAVE").description("The wave (default: from the current worktree).").build())
                .addOption(CommandModel.string("--lane", () -> lane, v -> lane = v)
                        .paramLabel("LANE").description("The lane (default: from the current worktree).").build())
                .addOption(CommandModel.flag("--rebase", () -> rebase, v -> rebase = v)
                        .description("Rebase the lane's commits onto main instead of merging main in.").build());
    }

    @Override
    public Integer call() {
        Workspace ws = workspace();
        LaneSelection sel = LaneSelection.resolve(ws, wave != null && lane != null ? null
                : currentFolder("pass --wave and --lane"), wave, lane);
        SyncService.Result r = new SyncService(ws).sync(new SyncService.Request(sel.wave(), sel.lane(),
                rebase ? SyncService.Mode.REBASE : SyncService.Mode.MERGE));
        if (json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("wave", r.wave());
            doc.put("lane", r.lane());
            doc.put("mode", r.mode().name().toLowerCase(java.util.Locale.ROOT));
            doc.put("main", r.main());
            doc.put("before", r.before());
            doc.put("after", r.after());
            doc.put("upToDate", r.upToDate());
            doc.put("conflicts", r.conflicts());
            doc.put("restored", r.restored());
            doc.put("moved", r.moved());
            doc.put("intents", r.intents());
            doc.put("notices", r.notices());
            printJson(doc);
            return r.clean() ? 0 : ExitCode.PARTIAL.code();
        }
        if (!r.moved().isEmpty()) {
            out().println("shared files moved into intents: " + String.join(", ", r.moved()));
            out().println("intents: " + r.intents().summary());
            r.notices().forEach(n -> out().println("note: " + n));
        }
        if (r.upToDate()) {
            out().println("lane " + r.lane() + " already contains main (" + r.main().substring(0, 12) + ")");
        } else if (r.clean()) {
            out().println((r.mode() == SyncService.Mode.MERGE ? "merged main " : "rebased onto main ")
                    + r.main().substring(0, 12) + " into lane " + r.lane() + "; head now " + r.after().substring(0, 12));
            if (!r.restored().isEmpty()) {
                out().println("shared files set back to main's content: " + String.join(", ", r.restored()));
            }
            out().println("next: lane submit");
        } else {
            out().println("conflicts left in " + r.worktree() + ":");
            r.conflicts().forEach(p -> out().println("  " + p));
            out().println(r.mode() == SyncService.Mode.MERGE
                    ? "resolve them, git add + git commit, then lane submit"
                    : "resolve them, git add + git rebase --continue, then lane submit");
        }
        return r.clean() ? 0 : ExitCode.PARTIAL.code();
    }
}
