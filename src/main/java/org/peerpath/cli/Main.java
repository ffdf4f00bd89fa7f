package org.peerpath.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code bin/peerpath} entry point; exit codes as docs/spec/command-line.md: 0 success, 1 a
 * failure found, 2 bad usage.
 */
@Command(
    name = "peerpath",
    mixinStandardHelpOptions = true,
    version = "peerpath 0.1.0",
    description =
        "A dual-server storage subsystem that stays in service when a disk adapter fails, as Pekko actors.",
    subcommands = {
      BenchCommand.class,
      DemoCommand.class,
      ExperimentCommand.class,
      ExploreCommand.class,
      NodeCommand.class,
      ReplayCommand.class,
      SimulateCommand.class
    })
public final class Main implements Callable<Integer> {

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    // The launcher's logging (warnings and worse, on stderr) is not in the core jar, where it would
    // configure every prototype that depends on it; a -Dlogback.configurationFile still wins.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "peerpath/cli/logback.xml");
    }
    // Logging starts here, before Pekko's threads ask for loggers while it would still be starting.
    org.slf4j.LoggerFactory.getILoggerFactory();
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .registerConverter(Integer.class, WholeNumbers.INT)
        .registerConverter(int.class, WholeNumbers.INT)
        .registerConverter(Long.class, WholeNumbers.LONG)
        .registerConverter(long.class, WholeNumbers.LONG)
        .setExitCodeExceptionMapper(e -> 2)
        .setParameterExceptionHandler(
            (ex, args) -> {
              ex.getCommandLine().getErr().println("peerpath: " + ex.getMessage());
              ex.getCommandLine().usage(ex.getCommandLine().getErr());
              return 2;
            })
        .setExecutionExceptionHandler((e, command, parsed) -> crashed(command, e))
        .setExecutionStrategy(
            parsed -> {
              try {
                return new CommandLine.RunLast().execute(parsed);
              } catch (Error e) {
                // picocli hands on exceptions only; an error (out of memory, a class that failed to
                // initialise) comes here.
                CommandLine.ParseResult last = parsed;
                while (last.hasSubcommand()) last = last.subcommand();
                return crashed(last.commandSpec().commandLine(), e);
              }
            });
  }

  /**
   * An exception no command caught, outside any seed or trace: one line
   * (docs/spec/command-line.md's code 2, see Crash).
   */
  private static int crashed(CommandLine command, Throwable e) {
    String name = command.getParent() == null ? null : command.getCommandName();
    return Crash.report(
        name, null, null, e, command.getParseResult().hasMatchedOption("--stack-trace"));
  }

  /** No command given: that is bad usage, answered with the usage on stderr. */
  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    cli.getErr()
        .println("peerpath: give a command: " + String.join(", ", spec.subcommands().keySet()));
    cli.usage(cli.getErr());
    return 2;
  }
}
