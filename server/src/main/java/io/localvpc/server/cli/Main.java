package io.localvpc.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code localvpc} command line. */
@Command(name = "localvpc", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "AWS VPC endpoints (gateway and interface / PrivateLink) on one machine.",
        subcommands = {UpCommand.class, ExecCommand.class, PublishCommand.class, UnpublishCommand.class, TraceCommand.class, DnsCommand.class, FaultCommand.class, CostCommand.class, FlowsCommand.class,
                OperationsCommand.class, WarmupCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$-7s %3$s %5$s%6$s%n");
        Logging.quietLibraries();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (!(e instanceof AdminClient.CliFailure)) throw e;
            System.err.println("localvpc: " + e.getMessage());
            return 1;
        });
        int code = cli.execute(args);
        if (code != 0 || !isLongRunning(args)) System.exit(code);
    }

    private static boolean isLongRunning(String[] args) {
        return args.length > 0 && args[0].equals("up");
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"localvpc " + io.localvpc.server.LocalVpc.version()};
        }
    }
}
