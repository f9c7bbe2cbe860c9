package dev.lane.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code lane} command: only help, version and the subcommands. */
@Command(name = "lane",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Many agents, one repository: claim a lane, work in its own worktree, submit, and let one integrator "
                    + "pass land the whole wave on main.",
            ""},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  internal error (a bug, or git/disk failure)",
            "  2  usage error or invalid input; nothing changed",
            "  3  contention: already claimed, busy, or main moved; retry",
            "  4  partial: some lanes parked, the rest landed",
            "  5  refused by a check; nothing changed",
            "",
            "Docs: docs/agent-guide.md, docs/config.md, docs/ledger.md, docs/exit-codes.md"})
public final class LaneCommand implements Runnable {
    /**
     * The subcommands, in the order {@code lane --help} lists them. {@link LaneCli} registers them (not a
     * {@code subcommands} attribute above) so that a run builds the model of only the one it needs.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            InitCommand.class,
            ClaimCommand.class,
            SubmitCommand.class,
            ReleaseCommand.class,
            SyncCommand.class,
            IntegrateCommand.class,
            LedgerCommand.class,
            StatusCommand.class,
            DemoCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
