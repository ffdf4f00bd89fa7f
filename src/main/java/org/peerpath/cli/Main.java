package org.peerpath.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bin/peerpath} entry point; exit codes as cli.md: 0 success, 1 a failure found, 2 bad usage. */
@Command(name = "peerpath", mixinStandardHelpOptions = true, version = "peerpath 0.1.0",
    description = "A dual-server storage subsystem that stays in service when a disk adapter fails, as Pekko actors.",
    subcommands = {DemoCommand.class, ReplayCommand.class, SimulateCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    // Logging starts here, before Pekko's threads ask for loggers while it would still be starting.
    org.slf4j.LoggerFactory.getILoggerFactory();
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExitCodeExceptionMapper(e -> 2)
        .setParameterExceptionHandler((ex, args) -> {
          ex.getCommandLine().getErr().println("peerpath: " + ex.getMessage());
          ex.getCommandLine().usage(ex.getCommandLine().getErr());
          return 2;
        });
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
