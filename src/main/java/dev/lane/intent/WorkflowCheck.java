package dev.lane.intent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The check every workflow file a wave changes must pass: it reads as GitHub reads it, and it has a
 * {@code workflow_dispatch} trigger (a workflow that cannot be run by hand silently skipped verification in the
 * incident this tool was born from).
 *
 * <p>"Reads as GitHub reads it" means: valid YAML in every document of the file, exactly one document (a file
 * with a second document after {@code ---} is refused, whether that document parses or not), no key twice in one
 * mapping (Jackson's {@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}; GitHub refuses a duplicated key, where
 * a plain YAML reader keeps the last), and a mapping at the top level. The parsing is Jackson's (SnakeYAML
 * underneath); line numbers are 1-based, as an editor shows them.
 *
 * <p>{@link #ofLaneEdit} is the rule a lane's edit must pass (submit, and integrate for the merged file): it may
 * not break the file nor <em>remove</em> the trigger; a file whose version on main already lacks the trigger is
 * reported as main's, so the message says what main lacks rather than blaming the lane.
 */
public final class WorkflowCheck {
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectReader READER = new ObjectMapper(YAML).readerFor(JsonNode.class);
    private static final String KEEP = "keep 'workflow_dispatch:' under 'on:' so the workflow can still be run by hand";

    private WorkflowCheck() {
    }

    /** What is wrong with a workflow file; each names its file and says what to do. */
    public sealed interface Problem {
        String path();

        /** The problem as a sentence, naming the file. */
        String sentence();

        /** Whether the file cannot be read as a workflow at all (as opposed to lacking the trigger). */
        default boolean unreadable() {
            return !(this instanceof NoDispatch);
        }
    }

    /** Not valid YAML; {@code documentLine} is where a second document starts (0 if the error is in the first). */
    public record NotYaml(String path, String detail, int line, int documentLine) implements Problem {
        @Override
        public String sentence() {
            String at = line > 0 ? " at line " + line : "";
            return documentLine == 0 ? path + " is not valid YAML" + at + ": " + detail
                    : new SeveralDocuments(path, documentLine).opening() + " and that document is not valid YAML "
                    + "either" + at + ": " + detail + "; " + SeveralDocuments.ONE;
        }
    }

    /** A key given twice in one mapping; {@code line} is where it appears the second time. */
    public record DuplicateKey(String path, String key, String mapping, int line) implements Problem {
        @Override
        public String sentence() {
            return path + " has the key '" + key + "' twice " + (mapping.isEmpty() ? "at the top level"
                    : "under '" + mapping + "'") + " (again at line " + line + "); GitHub refuses a workflow with a "
                    + "duplicated key: keep one '" + key + ":' and merge what the two held";
        }
    }

    /** A second YAML document, starting at {@code line}. */
    public record SeveralDocuments(String path, int line) implements Problem {
        private static final String ONE = "a workflow file must be exactly one document: remove that '---' and "
                + "what follows it, or move it into the first document";

        @Override
        public String sentence() {
            return opening() + "; " + ONE;
        }

        private String opening() {
            return path + " holds more than one YAML document (another starts at line " + line + " with '---')";
        }
    }

    /** Empty, or its top level is not a mapping. */
    public record NotAWorkflow(String path) implements Problem {
        @Override
        public String sentence() {
            return path + " is not a workflow (it is empty, or its top level is not a mapping)";
        }
    }

    /** Reads as a workflow but has no {@code workflow_dispatch} trigger ({@code hasOn}: it has an {@code on:}). */
    public record NoDispatch(String path, boolean hasOn) implements Problem {
        @Override
        public String sentence() {
            return path + (hasOn ? " has no workflow_dispatch trigger" : " has no 'on:' triggers") + "; " + KEEP;
        }
    }

    /** The problem with {@code content} as a sentence, or empty if it passes. */
    public static Optional<String> problem(String path, String content) {
        return check(path, content).map(Problem::sentence);
    }

    /** The problem with {@code content}, or empty if it passes. */
    public static Optional<Problem> check(String path, String content) {
        try (JsonParser parser = YAML.createParser(content);
             MappingIterator<JsonNode> documents = READER.readValues(parser)) {
            JsonNode root;
            try {
                if (!documents.hasNextValue()) {
                    return Optional.of(new NotAWorkflow(path));
                }
                root = documents.nextValue();
            } catch (JsonProcessingException e) {
                return Optional.of(unreadable(path, e, 0));
            }
            int next = parser.currentLocation().getLineNr();
            try {
                if (documents.hasNextValue()) {
                    while (documents.hasNextValue()) { // every document is read: a broken one is named as such
                        documents.nextValue();
                    }
                    return Optional.of(new SeveralDocuments(path, next));
                }
            } catch (JsonProcessingException e) {
                return Optional.of(unreadable(path, e, next));
            }
            return triggers(path, root);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    /**
     * The problem with a lane's edit that turns {@code before} (the file as the lane found it on main, null if the
     * lane adds it) into {@code after}, as a sentence for the lane's agent; empty if the edit may land.
     */
    public static Optional<String> ofLaneEdit(String path, String before, String after) {
        Optional<Problem> problem = check(path, after);
        if (problem.isEmpty()) {
            return Optional.empty();
        }
        Problem p = problem.get();
        Optional<Problem> onMain = before == null ? Optional.empty() : check(path, before);
        if (p.unreadable()) {
            boolean mainToo = onMain.map(Problem::unreadable).orElse(false);
            return Optional.of(p.sentence() + (mainToo ? " (main's version of the file, which the lane started "
                    + "from, cannot be read either: the lane's edit must fix it)" : ""));
        }
        if (before == null) {
            return Optional.of(path + ", a workflow this lane adds, has no workflow_dispatch trigger; add "
                    + "'workflow_dispatch:' under 'on:' so the workflow can be run by hand");
        }
        if (onMain.isEmpty()) {
            return Optional.of(laneRemovesDispatch(path));
        }
        return Optional.of(mainLacksDispatch(path) + " (as this lane found it); this lane did not remove it, but every workflow a lane "
                + "changes must have one: add 'workflow_dispatch:' under 'on:' in this lane's edit (or leave the file "
                + "alone until main has it back), then submit again");
    }

    /** The sentence that says the lane's edit removes the trigger of {@code path}, and what to keep. */
    public static String laneRemovesDispatch(String path) {
        return "this lane's edit removes the workflow_dispatch trigger of " + path + "; " + KEEP;
    }

    /** The sentence that says main's version of {@code path} lacks the trigger already. */
    public static String mainLacksDispatch(String path) {
        return "main's version of " + path + " already lacks a workflow_dispatch trigger";
    }

    private static Optional<Problem> triggers(String path, JsonNode root) {
        if (root == null || !root.isObject()) {
            return Optional.of(new NotAWorkflow(path));
        }
        JsonNode on = root.has("on") ? root.get("on") : root.get("true"); // YAML 1.1 may read a bare on as true
        boolean dispatch = on != null && (on.isTextual() && on.asText().equals("workflow_dispatch")
                || on.isArray() && containsText(on, "workflow_dispatch")
                || on.isObject() && on.has("workflow_dispatch"));
        return dispatch ? Optional.empty() : Optional.of(new NoDispatch(path, on != null));
    }

    /**
     * The problem a parse error describes: a duplicated key (found by Jackson's duplicate detection, named by the
     * parser's current field and the mappings it is in) or any other YAML error, with the line where SnakeYAML
     * found it.
     */
    private static Problem unreadable(String path, JsonProcessingException e, int documentLine) {
        JsonStreamContext field = e.getProcessor() instanceof JsonParser parser ? parser.getParsingContext() : null;
        String key = field == null ? null : field.getCurrentName();
        if (key != null && ("Duplicate field '" + key + "'").equals(e.getOriginalMessage())) {
            return new DuplicateKey(path, key, mappingOf(field), e.getLocation() == null ? 0
                    : e.getLocation().getLineNr());
        }
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark at = yaml.getProblemMark();
            Mark context = yaml.getContextMark();
            String detail = yaml.getProblem() + (yaml.getContext() == null ? "" : " (" + yaml.getContext()
                    + (context == null ? "" : " that starts at line " + (context.getLine() + 1)) + ")");
            return new NotYaml(path, detail, at.getLine() + 1, documentLine);
        }
        String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage().lines().findFirst()
                .orElse("");
        return new NotYaml(path, message, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), documentLine);
    }

    /** The mapping a field is in, as a dotted path ({@code on}, {@code jobs.build.steps[1]}); empty at the top. */
    private static String mappingOf(JsonStreamContext mapping) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = mapping; c.getParent() != null && !c.getParent().inRoot(); c = c.getParent()) {
            JsonStreamContext holder = c.getParent();
            parts.add(holder.inArray() ? "[" + holder.getCurrentIndex() + "]" : holder.getCurrentName());
        }
        Collections.reverse(parts);
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append(out.isEmpty() || part.startsWith("[") ? "" : ".").append(part);
        }
        return out.toString();
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode n : array) {
            if (n.isTextual() && n.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }
}
