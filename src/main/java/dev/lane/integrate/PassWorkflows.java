package dev.lane.integrate;

import dev.lane.intent.WorkflowCheck;
import dev.lane.intent.WorkflowEdit;
import dev.lane.intent.WorkflowMerge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The workflow edits of one pass, applied lane by lane in the pass's order onto the result so far (main's files,
 * then the edits of the lanes accepted before). Each edit is a three-way merge ({@link WorkflowMerge}) of the
 * lane's base, the current file and the lane's version, and the merged file must pass {@link WorkflowCheck}: GitHub
 * must be able to read it (one YAML document, no duplicated key) and it must keep its {@code workflow_dispatch}
 * trigger. A lane whose edit overlaps, or whose merge gives a file that fails the check, is parked with a reason
 * naming the file, the problem (with its line) and who else changed the file: main since the lane's base, or the
 * lanes before it in this pass. So main never receives a broken workflow, and a file that is broken or lacks the
 * trigger on main already holds only the lanes that edit it, with a reason saying it is main's.
 *
 * <p>All in memory; a lane is all or nothing: its files become the current ones only if all its edits pass.
 */
final class PassWorkflows {
    private final RepoAccess access;
    private final ObjectId tree;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, List<String>> editors = new LinkedHashMap<>();

    /** What applying a lane's edits gave. */
    sealed interface Outcome {
        /** All applied: the edits, now part of the current files. */
        record Applied(List<SurfaceResult.Edit> edits) implements Outcome {
        }

        /** Nothing applied: why the lane is parked. */
        record Parked(String reason) implements Outcome {
        }
    }

    /** @param tree the merged tree of the pass; its workflow files are main's (a lane's branch changes none) */
    PassWorkflows(RepoAccess access, ObjectId tree) {
        this.access = access;
        this.tree = tree;
    }

    /** The workflow files the accepted lanes changed, with their new text. */
    Map<String, String> files() {
        return files;
    }

    /** Applies the edits of {@code lane}; on success they become part of the current files. */
    Outcome apply(String lane, List<WorkflowEdit> edits) {
        Map<String, String> laneFiles = new LinkedHashMap<>();
        List<SurfaceResult.Edit> applied = new ArrayList<>();
        for (WorkflowEdit edit : edits) {
            String path = edit.path();
            String current = laneFiles.containsKey(path) ? laneFiles.get(path)
                    : files.containsKey(path) ? files.get(path) : mainText(path);
            String merged;
            if (current == null) {
                if (edit.base() != null) {
                    return new Outcome.Parked("workflow " + path + " was edited by this lane but no longer exists on "
                            + "main; lane sync, redo the edit, and lane submit again");
                }
                merged = edit.lane();
            } else if (current.equals(edit.lane())) {
                merged = current; // the file already is what the lane wants: nothing changes
            } else {
                List<String> before = editors.getOrDefault(path, List.of());
                WorkflowMerge.Outcome m = WorkflowMerge.merge(baseOf(edit), current, edit.lane(),
                        before.isEmpty() ? "main" : "main + " + lanes(before) + " (this pass)", "lane " + lane);
                if (m instanceof WorkflowMerge.Outcome.Conflict c) {
                    return new Outcome.Parked("workflow edit of " + path + " overlaps " + others(edit) + ":\n"
                            + c.hunks() + "\n" + redo(path));
                }
                merged = ((WorkflowMerge.Outcome.Merged) m).text();
            }
            if (!merged.equals(current)) {
                Optional<String> problem = problem(edit, current, merged);
                if (problem.isPresent()) {
                    return new Outcome.Parked(problem.get());
                }
            }
            laneFiles.put(path, merged);
            applied.add(new SurfaceResult.Edit(lane, path, PendingIntents.id(edit)));
        }
        files.putAll(laneFiles);
        laneFiles.keySet().forEach(path -> editors.computeIfAbsent(path, k -> new ArrayList<>()).add(lane));
        return new Outcome.Applied(applied);
    }

    /**
     * Why {@code merged}, the file after the lane's edit of {@code current} (null: the lane adds it), may not land;
     * empty if it may. The sentence says whose the problem is: the lane's own version, main's version, or the
     * combination of the lane's edit with the other changes of the file.
     */
    private Optional<String> problem(WorkflowEdit edit, String current, String merged) {
        String path = edit.path();
        Optional<WorkflowCheck.Problem> after = WorkflowCheck.check(path, merged);
        if (after.isEmpty()) {
            return Optional.empty();
        }
        Optional<WorkflowCheck.Problem> own = WorkflowCheck.check(path, edit.lane());
        Optional<WorkflowCheck.Problem> now = current == null ? Optional.empty() : WorkflowCheck.check(path, current);
        String fixLane = ". Fix it in the lane's worktree, lane submit, then integrate again.";
        if (after.get().unreadable()) {
            if (own.isPresent() && own.get().unreadable()) {
                return Optional.of("this lane's version of the workflow cannot be read: " + own.get().sentence()
                        + fixLane);
            }
            if (now.isPresent() && now.get().unreadable()) {
                return Optional.of("main's version of " + path + " cannot be read as a workflow already: "
                        + now.get().sentence() + ". This lane's edit of it cannot land until it is fixed on main; "
                        + "the lanes that do not edit it land. Fix it on main, then integrate again.");
            }
            return Optional.of("combining this lane's edit of " + path + " with " + others(edit)
                    + " gives a file GitHub refuses, though each edit is valid alone: " + after.get().sentence()
                    + ". " + redo(path));
        }
        if (current == null) {
            return WorkflowCheck.ofLaneEdit(path, null, merged).map(s -> s + fixLane);
        }
        if (now.isPresent()) {
            return Optional.of(WorkflowCheck.mainLacksDispatch(path) + " (this lane's edit did not remove it). "
                    + "Every workflow a wave changes must have one, so this lane's edit of it is held; the lanes "
                    + "that do not edit it land. Put 'workflow_dispatch:' back under 'on:' on main, then integrate "
                    + "again (or, in the lane's worktree: lane sync, add it in the lane's edit, lane submit).");
        }
        if (own.isPresent()) {
            return Optional.of(WorkflowCheck.laneRemovesDispatch(path) + fixLane);
        }
        return Optional.of("combining this lane's edit of " + path + " with " + others(edit) + " leaves it without "
                + "its workflow_dispatch trigger. " + redo(path));
    }

    /**
     * Who else changed the file the lane's edit met: the lanes before it in this pass that edited it, and main
     * (named when the lane's edit alone, merged onto main's file, already overlaps or fails the check).
     */
    private String others(WorkflowEdit edit) {
        List<String> before = editors.getOrDefault(edit.path(), List.of());
        String main = "main's changes to it since the lane's base";
        if (before.isEmpty()) {
            return main;
        }
        String lanes = "the edit" + (before.size() == 1 ? "" : "s") + " of " + lanes(before)
                + " (before it in this pass)";
        return troubleOnMainAlone(edit) ? main + " and " + lanes : lanes;
    }

    private boolean troubleOnMainAlone(WorkflowEdit edit) {
        String main = mainText(edit.path());
        if (main == null || main.equals(edit.base()) || main.equals(edit.lane())) {
            return false;
        }
        WorkflowMerge.Outcome m = WorkflowMerge.merge(baseOf(edit), main, edit.lane(), "main", "lane");
        return m instanceof WorkflowMerge.Outcome.Conflict
                || WorkflowCheck.check(edit.path(), ((WorkflowMerge.Outcome.Merged) m).text()).isPresent();
    }

    private String redo(String path) {
        List<String> before = editors.getOrDefault(path, List.of());
        return "In the lane's worktree: lane sync (it brings in main's " + path
                + (before.isEmpty() ? "" : ", with the edit of " + lanes(before) + " once this pass has landed it")
                + "), then redo this lane's edit of that file so it holds both edits (submit moved this lane's edit "
                + "into the lane's intents.json, so the worktree's file does not have it), lane submit --reset-intents "
                + "(the earlier edit kept in intents.json would meet main's file again; the reset drops the earlier "
                + "--bump and --manifest requests too: repeat them on that submit); then integrate again.";
    }

    private static String lanes(List<String> names) {
        return (names.size() == 1 ? "lane " : "lanes ") + String.join(", ", names);
    }

    private static String baseOf(WorkflowEdit edit) {
        return edit.base() == null ? "" : edit.base();
    }

    private String mainText(String path) {
        return access.readText(tree, path).orElse(null);
    }
}
