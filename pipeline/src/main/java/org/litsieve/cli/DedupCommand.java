package org.litsieve.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.litsieve.pipeline.DedupPipeline;
import org.litsieve.pipeline.InputFiles;
import org.litsieve.pipeline.OutputCommit;
import org.litsieve.pipeline.ScreeningPipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code litsieve dedup --out DIR INPUT...}: deduplication on its own. */
@Command(name = "dedup", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Read the exports and remove duplicates only. Writes records.csv (the unique "
        + "records), duplicates.csv, duplicates-review.csv (pairs for a human), rejected.csv, "
        + "counts.json and manifest.json into DIR.")
final class DedupCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output folder. Written atomically; replaces an earlier litsieve output there.")
  Path out;

  @Option(names = "--runner", paramLabel = "NAME", description = "Beam runner (default DirectRunner).")
  String runner;

  @Option(names = "--beam-option", paramLabel = "--NAME=VALUE",
      description = "Pass a pipeline option to Beam. Repeatable.")
  List<String> beamOptions = new ArrayList<>();

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors: no summary, no progress lines.")
  boolean quiet;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Export files or folders (scanned recursively).")
  List<String> inputs;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    InputFiles.Resolution resolution = Inputs.resolve(inputs, out, err, quiet);
    if (resolution == null) {
      return ExitCodes.USAGE;
    }
    OutputCommit.Claim claim = Inputs.claim(out, err);
    if (claim == null) {
      return ExitCodes.USAGE;
    }
    try (claim) {
      return run(err, stdout, resolution);
    }
  }

  /** The run itself, while this run holds {@code --out}. */
  @SuppressWarnings("unchecked")
  private Integer run(PrintWriter err, PrintWriter stdout, InputFiles.Resolution resolution) throws Exception {
    List<String> beamArgs = BeamArgs.checked(runner, beamOptions, err);
    if (beamArgs == null) {
      return ExitCodes.USAGE;
    }
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("out", out.toString());
    options.put("inputs", inputs);
    ScreeningPipeline.Summary s;
    try {
      s = DedupPipeline.run(resolution, out, beamArgs, options, quiet ? null : line -> {
        err.println(line);
        err.flush();
      });
    } catch (OutputCommit.TargetException e) {
      err.println("litsieve: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    if (!quiet) {
      Map<String, Object> c = s.prisma();
      Map<String, Object> identified = (Map<String, Object>) c.get("identified");
      long rejected = ((Number) c.get("rejected")).longValue();
      int files = resolution.files().size();
      stdout.printf("identified  %7d records in %d file%s%s%n", ((Number) identified.get("total")).longValue(),
          files, files == 1 ? "" : "s", rejected > 0 ? " (" + rejected + " rejected: see rejected.csv)" : "");
      stdout.printf("duplicates  %7d removed%n", ((Number) c.get("duplicates_removed")).longValue());
      stdout.printf("unique      %7d records%n", ((Number) c.get("unique")).longValue());
      stdout.printf("review      %7d uncertain pairs, %d preprint links (duplicates-review.csv)%n",
          ((Number) c.get("review_pairs")).longValue(), ((Number) c.get("related_pairs")).longValue());
      stdout.printf("outputs in  %s/ (%.1f s)%n", s.outputDir(), s.millis() / 1000.0);
      stdout.flush();
    }
    return 0;
  }
}
