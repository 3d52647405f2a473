package org.litsieve.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.litsieve.generate.CorpusGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code litsieve generate --records N --seed S --out DIR}: a synthetic search result for
 * benchmarks. Input: the options; output: the files {@link CorpusGenerator#write} writes and a
 * summary on stdout. A bad option value is a usage error (exit 2); a file that cannot be written
 * fails with exit 1. It lives in the benchmark module (same package as the other commands, another
 * jar): the launcher runs it from the benchmark jar, so the runtime jar carries no generator.
 */
@Command(name = "litsieve generate", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Write realistic synthetic exports (PubMed MEDLINE, Ovid RIS, Scopus CSV) with "
        + "duplicates across files and a known share of on-topic papers, plus truth.csv. The same "
        + "seed gives the same files.")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--records", required = true, paramLabel = "N", description = "Records to write, in all files together.")
  long records;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--duplicates", defaultValue = "0.3", paramLabel = "SHARE",
      description = "Share of records that are extra copies of a paper, 0 to 0.6 (default: ${DEFAULT-VALUE}).")
  double duplicates;

  @Option(names = "--on-topic", defaultValue = "0.2", paramLabel = "SHARE",
      description = "Share of papers on the worked example's topic (default: ${DEFAULT-VALUE}).")
  double onTopic;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs {@code generate} with {@code args} (without the word generate) and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs {@code generate} with the given output streams; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new GenerateCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      err.println("litsieve generate: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      err.flush();
      return ExitCodes.FAILURE;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    CorpusGenerator.Settings settings;
    try {
      settings = new CorpusGenerator.Settings(records, seed, duplicates, onTopic);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    CorpusGenerator.Summary s = CorpusGenerator.write(settings, out);
    var w = spec.commandLine().getOut();
    w.printf("wrote %d records of %d papers (%d on topic) into %s/%n", s.records(), s.papers(),
        s.onTopicPapers(), out);
    for (Map.Entry<String, Long> e : s.recordsPerFile().entrySet()) {
      w.printf("  %-18s %d records%n", e.getKey(), e.getValue());
    }
    w.flush();
    return 0;
  }
}
