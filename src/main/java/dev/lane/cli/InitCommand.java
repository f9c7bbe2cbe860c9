package dev.lane.cli;

import dev.lane.config.ConfigInit;
import dev.lane.config.LaneConfig;
import dev.lane.repo.MainRepository;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

final class InitCommand extends BaseCommand {
    @Override
    CommandSpec spec() {
        return command("Write lanes.yml (the defaults, commented) and keep the inbox out of git.",
                "Exit: 0 written, 2 not in a git repository, 5 lanes.yml exists already (nothing changed).");
    }

    @Override
    public Integer call() {
        ConfigInit.Result r = ConfigInit.init(MainRepository.locate(startFolder()).workTree());
        if (json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("config", r.configFile().toString());
            doc.put("gitignoreUpdated", r.gitignoreUpdated());
            doc.put("main", r.main());
            printJson(doc);
        } else {
            out().println("wrote " + r.configFile() + (r.main().equals(LaneConfig.defaults().main()) ? ""
                    : " (main: " + r.main() + ", the branch checked out here: this repository has no branch "
                    + LaneConfig.defaults().main() + ")"));
            out().println(r.gitignoreUpdated() ? "added the inbox to .gitignore" : ".gitignore already ignores the inbox");
        }
        return 0;
    }
}
