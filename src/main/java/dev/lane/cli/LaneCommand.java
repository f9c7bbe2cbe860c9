package dev.lane.cli;

import dev.lane.core.LaneException;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/** The top-level {@code lane} command: only help, version and the subcommands. */
public final class LaneCommand implements Runnable {
    /** A subcommand: the name it is registered under, and how to make a fresh command object for one run. */
    record Subcommand(String name, Supplier<BaseCommand> create) {
    }

    /**
     * The subcommands, in the order {@code lane --help} lists them. {@link LaneCli} registers them (not the model
     * below) so that a run builds the model of only the one it needs.
     */
    static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("init", InitCommand::new),
            new Subcommand("claim", ClaimCommand::new),
            new Subcommand("submit", SubmitCommand::new),
            new Subcommand("release", ReleaseCommand::new),
            new Subcommand("sync", SyncCommand::new),
            new Subcommand("integrate", IntegrateCommand::new),
            new Subcommand("ledger", LedgerCommand::new),
            new Subcommand("status", StatusCommand::new),
            new Subcommand("demo", DemoCommand::new));

    final GlobalOptions global = new GlobalOptions();

    private CommandSpec spec;

    /** This command's model (see {@link CommandModel}), bound to this object; without subcommands. */
    CommandSpec spec() {
        spec = global.addTo(CommandModel.command(this,
                "Many agents, one repository: claim a lane, work in its own worktree, submit, and let one integrator "
                        + "pass land the whole wave on main.",
                ""));
        spec.name("lane");
        spec.usageMessage()
                .footerHeading("%nExit codes:%n")
                .footer(
                        "  0  success",
                        "  1  internal error (a bug, or git/disk failure)",
                        "  2  usage error or invalid input; nothing changed",
                        "  3  contention: already claimed, busy, or main moved; retry",
                        "  4  partial: some lanes parked, the rest landed",
                        "  5  refused by a check or a safety rule; nothing changed",
                        "",
                        "Docs: docs/agent-guide.md, docs/config.md, docs/ledger.md, docs/exit-codes.md,",
                        "      docs/integrator.md, docs/operator-guide.md");
        return spec;
    }

    /**
     * {@code lane} with no command: the usage goes to stderr and it is a usage error (exit 2), so a script whose
     * command word came out empty fails instead of passing; {@code lane --help} prints the usage and exits 0.
     */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw LaneException.usage("no command given; name one of: "
                + String.join(", ", SUBCOMMANDS.stream().map(Subcommand::name).toList()) + " (lane --help)");
    }
}
