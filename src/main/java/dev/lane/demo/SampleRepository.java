package dev.lane.demo;

import dev.lane.core.LaneException;
import dev.lane.repo.GitCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The demo's repository, shaped like the one in the brief: a migration manifest listing the five migrations the
 * schema guard requires, pyproject.toml and an MCP server.json at 0.3.5 (the server's version and its PyPI
 * package's copy of it), and a deploy workflow with a manual trigger.
 */
final class SampleRepository {
    static final List<String> REQUIRED = List.of("049_provenance_strengthen.sql", "075_am_amendment_diff.sql",
            "090_law_article_body_en.sql", "115_source_manifest_view.sql",
            "121_jpi_programs_subsidy_rate_text_column.sql");
    static final String WORKFLOW = """
            name: deploy
            on:
              push:
                branches: [main]
              workflow_dispatch:

            concurrency:
              group: deploy
              cancel-in-progress: false

            env:
              PYTHON_VERSION: "3.12"
              REGION: nrt
              HEALTH_GRACE_SECONDS: 60

            jobs:
              deploy:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: ./scripts/deploy.sh
            """;

    private SampleRepository() {
    }

    static Path create(Path parent) {
        Path repo = parent.resolve("jpcite");
        StringBuilder manifest = new StringBuilder("001_init.sql\n");
        REQUIRED.forEach(m -> manifest.append(m).append('\n'));
        write(repo, "scripts/migrations/autonomath_boot_manifest.txt", manifest.toString());
        write(repo, "scripts/migrations/001_init.sql", "create table programs(id integer primary key);\n");
        for (String m : REQUIRED) {
            write(repo, "scripts/migrations/" + m, "-- " + m + "\nselect 1;\n");
        }
        write(repo, "pyproject.toml", "[project]\nname = \"jpcite\"\nversion = \"0.3.5\"\n"
                + "requires-python = \">=3.11\"\ndependencies = [\"fastapi\", \"uvicorn\"]\n");
        write(repo, "server.json", """
                {
                  "name": "io.github.jpcite/jpcite",
                  "version": "0.3.5",
                  "packages": [
                    { "registryType": "pypi", "identifier": "jpcite", "version": "0.3.5" }
                  ],
                  "remotes": [ { "type": "streamable-http", "url": "https://jpcite.invalid/mcp" } ]
                }
                """);
        write(repo, ".github/workflows/deploy.yml", WORKFLOW);
        write(repo, "app/main.py", "from fastapi import FastAPI\n\napp = FastAPI()\n");
        write(repo, "lanes.yml", "worktree: " + parent.resolve("worktrees") + "/{repo}-{wave}-{lane}\n"
                + "manifest:\n  required:\n" + REQUIRED.stream().map(m -> "    - " + m + "\n").reduce("", String::concat));
        write(repo, ".gitignore", "/tools/offline/_inbox/\n");
        GitCli git = new GitCli(repo).withEnv(Map.of("GIT_AUTHOR_NAME", "demo", "GIT_AUTHOR_EMAIL", "demo@lane.invalid",
                "GIT_COMMITTER_NAME", "demo", "GIT_COMMITTER_EMAIL", "demo@lane.invalid"));
        git.ok("init", "-q", "-b", "main");
        git.ok("add", "-A");
        git.ok("commit", "-q", "-m", "jpcite 0.3.5");
        return repo;
    }

    static void write(Path base, String path, String content) {
        try {
            Path file = base.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LaneException.internal("demo: cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
