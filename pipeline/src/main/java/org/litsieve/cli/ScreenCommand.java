package org.litsieve.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.litsieve.history.PreviousRun;
import org.litsieve.pipeline.InputFiles;
import org.litsieve.pipeline.OutputCommit;
import org.litsieve.pipeline.ReviewHistory;
import org.litsieve.pipeline.RunHistory;
import org.litsieve.pipeline.ScreeningPipeline;
import org.litsieve.rules.Rules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code litsieve screen --rules FILE --out DIR INPUT...}: the whole screening run. */
@Command(name = "screen", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Read the exports, remove duplicates, apply the eligibility criteria and keyword "
        + "blocks, tag the included papers, and write every output into DIR.")
final class ScreenCommand implements Callable<Integer> {
  @Option(names = "--rules", required = true, paramLabel = "FILE", description = "The rules file (YAML).")
  Path rulesFile;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output folder. Written atomically: it appears only when the run succeeds, and "
          + "replaces an earlier litsieve output there.")
  Path out;

  @Option(names = "--runner", paramLabel = "NAME",
      description = "Beam runner: DirectRunner (default), FlinkRunner, SparkRunner or DataflowRunner "
          + "(the jar must be built with that runner's Maven profile). On any but the DirectRunner the "
          + "living review is decided inside the pipeline.")
  String runner;

  @Option(names = "--beam-option", paramLabel = "--NAME=VALUE",
      description = "Pass a pipeline option to Beam, e.g. --beam-option=--targetParallelism=4. Repeatable.")
  List<String> beamOptions = new ArrayList<>();

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors: no summary, no progress lines.")
  boolean quiet;

  @Option(names = "--previous", paramLabel = "DIR",
      description = "A previous run's output folder: records seen there keep their record_id and "
          + "first_seen, only unseen records are marked new, changes.csv lists changed decisions, "
          + "and its human decisions (decisions.csv) are carried forward. See docs/living-reviews.md.")
  Path previous;

  @Option(names = "--decisions", paramLabel = "FILE",
      description = "Reviewers' decisions: CSV record_id,decision,reason,reviewer,date,note with "
          + "decision include, exclude or maybe (a filled-in review.csv works). They override the "
          + "automatic decision and are kept in the output's decisions.csv.")
  Path decisionsFile;

  @Option(names = "--run-id", paramLabel = "NAME",
      description = "The name of this run, written as first_seen of the records it finds first "
          + "(e.g. 2026-03-search). Default: run- and a hash of the rules, inputs, previous run and "
          + "decisions, so an identical run writes identical files.")
  String runId;

  @Option(names = "--keep-history",
      description = "Treat --out as a folder of runs: write this run into --out/<UTC timestamp>/, "
          + "point --out/latest at it when it has finished, and continue from --out/latest when "
          + "--previous is not given. For scheduled living-review runs.")
  boolean keepHistory;

  @Option(names = "--one-line",
      description = "Print one summary line (key=value pairs) instead of the table: for cron and systemd logs.")
  boolean oneLine;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Export files or folders (scanned recursively).")
  List<String> inputs;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Rules rules = Problems.loadRules(rulesFile, err);
    if (rules == null) {
      return ExitCodes.USAGE;
    }
    InputFiles.Resolution resolution = Inputs.resolve(inputs, out, err, quiet);
    if (resolution == null) {
      return ExitCodes.USAGE;
    }
    OutputCommit.Claim claim = Inputs.claim(out, err);
    if (claim == null) {
      return ExitCodes.USAGE;
    }
    try (claim) {
      return run(err, stdout, resolution, rules);
    }
  }

  /** The run itself, while this run holds {@code --out}. */
  private Integer run(PrintWriter err, PrintWriter stdout, InputFiles.Resolution resolution, Rules rules) throws Exception {
    RunHistory runs = null;
    Path target = out;
    if (keepHistory) {
      if (Files.exists(out) && !Files.isDirectory(out)) {
        err.println("litsieve: --keep-history: " + out + " exists and is not a folder");
        err.flush();
        return ExitCodes.USAGE;
      }
      runs = RunHistory.at(out);
      target = runs.nextRunFolder(Instant.now());
      if (previous == null) {
        try {
          previous = runs.latest();
        } catch (RunHistory.BrokenHistoryException e) {
          err.println("litsieve: --keep-history: " + e.getMessage());
          err.flush();
          return ExitCodes.USAGE;
        }
      }
    }
    List<String> beamArgs = BeamArgs.checked(runner, beamOptions, err);
    if (beamArgs == null) {
      return ExitCodes.USAGE;
    }
    ReviewHistory history;
    try {
      history = LivingInputs.read(previous, decisionsFile, runId, ScreeningPipeline.decidesInGraph(beamArgs), err);
    } catch (PreviousRun.NotARunException e) {
      err.println("litsieve: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("rules", rulesFile.toString());
    options.put("out", out.toString());
    options.put("inputs", inputs);
    if (previous != null) {
      options.put("previous", previous.toString());
    }
    if (decisionsFile != null) {
      options.put("decisions", decisionsFile.toString());
    }
    ScreeningPipeline.Summary summary;
    try {
      summary = ScreeningPipeline.run(rules, resolution, target, beamArgs, options,
          quiet || oneLine ? null : line -> {
            err.println(line);
            err.flush();
          }, history);
    } catch (OutputCommit.TargetException e) {
      err.println("litsieve: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    if (runs != null) {
      runs.markLatest(target);
    }
    LivingInputs.reportProblems(err, summary);
    if (oneLine) {
      SummaryPrinter.printOneLine(stdout, summary);
    } else if (!quiet) {
      SummaryPrinter.print(stdout, summary, resolution.files().size());
    }
    return 0;
  }
}
