package dev.lane.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * Builds picocli's model of lane's commands in code, with picocli's programmatic API, instead of letting picocli
 * read it from annotations.
 *
 * <p>Why: every lane run is a fresh JVM, and reading a first annotation is expensive there (dynamic proxy classes that
 * the start-up archive cannot hold, the annotation and generic-signature parsers); picocli's own
 * {@code mixinStandardHelpOptions} reads annotations too. A model built here reflects over nothing. What picocli
 * prints from it (help, usage errors) is exactly what it printed from the annotations: the golden files pin that.
 *
 * <p>Each option writes its value into a field of the command object through a {@link Binding}; before every parse
 * picocli resets it to its initial value, as it does for an annotated field.
 */
final class CommandModel {
    /**
     * picocli's documented system property naming built-in type converters not to register (regexes). Every
     * {@code CommandLine} registers them, and those for {@code java.sql}, {@code java.time} and {@code Path} are found
     * and later called by reflection ({@code Class.forName} initialises java.time's formatters; calling
     * {@code Paths.get} reflectively reads its annotations). lane's options are strings, paths, flags and lists of
     * strings: {@link #path} converts paths itself, so none of those is needed. {@link Main} sets the property.
     */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /**
     * The built-in converters lane leaves out: {@value}. One regex, not a comma-separated list of three: for each of
     * its 18 reflective converters picocli compiles the listed regexes anew until one matches, in every
     * {@code CommandLine} (two in a run), so one regex compiles 18 times per {@code CommandLine} where three compiled
     * 35 times (async-profiler: 1.3 ms of a claim went to these matches).
     */
    static final String UNUSED_CONVERTERS = "java\\.(sql|time)\\..*|java\\.nio\\.file\\.Path";

    private CommandModel() {
    }

    /**
     * The model of a command run by {@code command} (a {@code Runnable} or {@code Callable}), with its description
     * and the {@code -h, --help} and {@code -V, --version} options, worded as picocli's standard help options.
     * Its name is the one it is registered under ({@link LaneCommand#SUBCOMMANDS}).
     */
    static CommandSpec command(Object command, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.usageMessage().description(description);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class).initialValue(false)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class).initialValue(false)
                .description("Print version information and exit.").build());
        spec.versionProvider(new VersionProvider()); // lane claim --version prints the same as lane --version
        return spec;
    }

    /** An option with one string value, initially null. */
    static OptionSpec.Builder string(String name, Supplier<String> get, Consumer<String> set) {
        return bound(OptionSpec.builder(name).type(String.class).initialValue(null), new Binding<>(get, set));
    }

    /** An option with one path value (as given, not resolved), initially null. */
    static OptionSpec.Builder path(String name, Supplier<Path> get, Consumer<Path> set) {
        return bound(OptionSpec.builder(name).type(Path.class).initialValue(null), new Binding<>(get, set))
                .converters(CommandModel::toPath);
    }

    /** An option without a value: true if given, initially false. */
    static OptionSpec.Builder flag(String name, Supplier<Boolean> get, Consumer<Boolean> set) {
        return bound(OptionSpec.builder(name).type(boolean.class).initialValue(false), new Binding<>(get, set));
    }

    /** A repeatable option collecting String values in the order given, initially an empty list. */
    static OptionSpec.Builder list(String name, Supplier<List<String>> get, Consumer<List<String>> set) {
        return list(name, get, set, List.of());
    }

    /** A list option that starts as {@code initial} (the very instance) before each parse. */
    static OptionSpec.Builder list(String name, Supplier<List<String>> get, Consumer<List<String>> set,
                                   List<String> initial) {
        return bound(OptionSpec.builder(name).type(List.class).auxiliaryTypes(String.class).initialValue(initial),
                new Binding<>(get, set));
    }

    /**
     * A list option of names, comma-separated or repeated, that starts as {@code initial}; read it with
     * {@link #namesGiven}. A comma at the very end is not split on here: picocli's split (Java's {@code String.split})
     * drops the empty names after a last comma, so {@code --event claimed,} was taken as {@code claimed} while
     * {@code ,claimed} and {@code a,,b} were refused; kept on its name, {@link #namesGiven} turns it into the empty
     * name it stands for.
     */
    static OptionSpec.Builder names(String name, Supplier<List<String>> get, Consumer<List<String>> set,
                                    List<String> initial) {
        return list(name, get, set, initial).splitRegex(",(?!$)").splitRegexSynopsisLabel(",");
    }

    /**
     * The names given to a {@link #names} option that starts as {@code initial}, with an empty name wherever one was
     * given (before, between or after commas: {@code ","}, {@code "a,,b"}, {@code "a,"}), for the command to refuse
     * instead of taking the option as not given (every row) or dropping the empty name.
     */
    static List<String> namesGiven(List<String> value, List<String> initial) {
        if (value == initial) { // picocli hands over a new list when the option is given
            return value;
        }
        List<String> names = new java.util.ArrayList<>();
        for (String name : value) {
            if (name.endsWith(",")) { // the last comma of the value, left unsplit by names()
                String before = name.substring(0, name.length() - 1);
                if (!before.isEmpty()) {
                    names.add(before);
                }
                names.add("");
            } else {
                names.add(name);
            }
        }
        return names.isEmpty() ? List.of("") : names;
    }

    /** What picocli's built-in converter does ({@code Paths.get}), with its message, but without reflection. */
    /** A path option's value as a path; picocli reports the conversion error with the option's name. */
    static Path toPath(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException(String.format("cannot convert '%s' to %s (%s)", value, Path.class, e));
        }
    }

    private static OptionSpec.Builder bound(OptionSpec.Builder option, Binding<?> binding) {
        return option.getter(binding).setter(binding);
    }

    /** Reads and writes one field of a command: picocli's getter and setter are generic, so not lambdas. */
    private static final class Binding<V> implements IGetter, ISetter {
        private final Supplier<V> get;
        private final Consumer<V> set;

        Binding(Supplier<V> get, Consumer<V> set) {
            this.get = get;
            this.set = set;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) get.get();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T previous = get();
            set.accept((V) value);
            return previous;
        }
    }
}
