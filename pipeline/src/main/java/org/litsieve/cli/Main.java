package org.litsieve.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import org.litsieve.pipeline.PipelineStoppedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code litsieve} command. */
@Command(
    name = "litsieve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Screens bibliographic database exports against eligibility rules and keyword "
        + "concepts, and tags the included papers by outcome.",
    subcommands = {ScreenCommand.class, DedupCommand.class, InspectCommand.class,
        ValidateCommand.class, ExplainCommand.class, SimulateCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success (also when some records were rejected)",
        "1:internal failure", "2:usage error, invalid rules file or no input files"},
    // generate lives in the benchmark module, outside this jar; the launcher runs it from there
    footer = {"%nSynthetic corpora for benchmarks: ./litsieve generate --help (the launcher runs it from"
        + " bench/target/litsieve-bench.jar)."})
public final class Main implements Runnable {
  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Show Beam's log and full stack traces on failure.")
  boolean verbose;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: screen, dedup, inspect, validate, explain or simulate");
  }

  public static void main(String[] args) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    // without --verbose the runner's log stays quiet: its errors come with stack traces, and
    // litsieve reports every failure itself in a plain line
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "off");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given output streams; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    boolean verbose = Arrays.asList(args).contains("--verbose");
    reserve = new byte[4 << 20];
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      Throwable root = rootCause(e);
      if (root instanceof OutOfMemoryError) {
        return outOfMemory(e, err, verbose);
      }
      err.println(failureLine(root, verbose));
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.FAILURE;
    });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      return outOfMemory(e, err, verbose);
    }
  }

  /**
   * Memory set aside at start and let go of on {@link OutOfMemoryError}, so that the message about
   * it can be written while the failed run's data still fills the heap.
   */
  private static volatile byte[] reserve;

  /** A plain message for a run that needed more memory than Java was given. */
  static int outOfMemory(Throwable e, PrintWriter err, boolean verbose) {
    reserve = null;
    long mb = Runtime.getRuntime().maxMemory() >> 20;
    String max = mb < 1024 ? mb + " MB" : Math.round(mb / 1024.0) + " GB";
    long more = Math.max(2, 2 * Math.round(mb / 1024.0));
    err.println("litsieve: out of memory: this run needs more than the " + max + " Java may use; nothing was"
        + " written to the output folder. Give Java more, e.g. LITSIEVE_JAVA_OPTS=-Xmx" + more
        + "g ./litsieve ... (README, Commands)." + collectorHint(runningCollectors()));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.FAILURE;
  }

  /**
   * The one line for a run that failed with {@code root}: a file that could not be read or
   * written (a full disk, a file removed mid-run) is said to be that, anything else is an
   * internal error.
   */
  static String failureLine(Throwable root, boolean verbose) {
    String more = verbose ? "" : " (run again with --verbose for details)";
    if (root instanceof PipelineStoppedException) {
      // it says what to do, --verbose included
      return "litsieve: " + root.getMessage() + collectorHint(runningCollectors());
    }
    if (root instanceof IOException) {
      return "litsieve: a file could not be read or written, so the run stopped: " + describe(root) + more;
    }
    return "litsieve: internal error: " + describe(root) + more;
  }

  /**
   * What to add to an out-of-memory message when the run used the parallel collector: the launcher
   * chooses it for runs whose inputs it judges small for the heap (README, Commands), and a corpus
   * whose records take far more memory per byte of export than the ones it was measured on can
   * still outgrow it, where Java's default collector might have fitted. {@code collectors} are the
   * names of the JVM's collectors ({@link #runningCollectors}); empty for any other collector.
   */
  static String collectorHint(java.util.List<String> collectors) {
    boolean parallel = collectors.stream().anyMatch(n -> n.startsWith("PS "));
    return parallel ? " This run used the parallel collector, which the launcher chooses for inputs small"
        + " for the heap; LITSIEVE_COLLECTOR=0 keeps Java's default collector, which may fit." : "";
  }

  /** The names of the running JVM's garbage collectors ("PS Scavenge" and "PS MarkSweep": parallel). */
  static java.util.List<String> runningCollectors() {
    return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(java.lang.management.GarbageCollectorMXBean::getName).toList();
  }

  static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.strip().lines().findFirst().orElse(""));
  }
}
