package org.litsieve.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.litsieve.rank.ActiveLearning;
import org.litsieve.rank.KneeStopping;
import org.litsieve.rank.LabelledFile;
import org.litsieve.rank.RecallMetrics;
import org.litsieve.rank.RecallSvg;
import org.litsieve.rank.RunModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code litsieve simulate DATASET --label-column C --seed S --out DIR}: replays screening of a
 * labelled file with the relevance model and reports how early it found the relevant records.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Replay screening of a labelled CSV file (title, abstract and a 0/1 label column) "
        + "with the relevance model: one random relevant and one random irrelevant record to start, "
        + "then the model's best guesses, retrained as labels come in. Prints WSS@95, WSS@100, RRF@10, "
        + "the records screened to 95%% recall and where the knee stopping rule would stop; writes DIR/order.csv and DIR/recall.svg.")
final class SimulateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATASET", description = "Labelled CSV file with a header row.")
  Path dataset;

  @Option(names = "--label-column", required = true, paramLabel = "C",
      description = "Column holding 1 (relevant) or 0 (irrelevant) for every row.")
  String labelColumn;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Seed for the starting records and the model (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write order.csv and recall.svg into.")
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter w = spec.commandLine().getOut();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long start = cpu.getCurrentThreadCpuTime();
    LabelledFile file;
    try {
      file = LabelledFile.read(dataset, labelColumn);
    } catch (LabelledFile.BadFile e) {
      err.println("litsieve: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (java.nio.file.NoSuchFileException e) {
      err.println("litsieve: no such file: " + dataset);
      return ExitCodes.USAGE;
    }
    ActiveLearning.Settings settings = ActiveLearning.Settings.DEFAULT;
    // the features the screening run's model reads too (RunModel), so that the replay measures that model
    RunModel.Features features = RunModel.Features.of(file.texts(), file.tags(), settings);
    int[] order;
    try {
      order = ActiveLearning.replay(features.x(), features.svmX(), file.relevant(), seed, settings);
    } catch (IllegalArgumentException e) {
      err.println("litsieve: " + dataset + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    RecallMetrics m = RecallMetrics.of(order, file.relevant());
    double seconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
    Files.createDirectories(out);
    try (Writer o = Files.newBufferedWriter(out.resolve("order.csv"), StandardCharsets.UTF_8)) {
      o.write("rank,row,label\n");
      for (int i = 0; i < order.length; i++) {
        o.write((i + 1) + "," + order[i] + "," + (file.relevant()[order[i]] ? 1 : 0) + "\n");
      }
    }
    Files.writeString(out.resolve("recall.svg"),
        RecallSvg.of(order, file.relevant(), dataset.getFileName() + ", seed " + seed), StandardCharsets.UTF_8);
    w.printf("%s: %d records, %d relevant, seed %d%n", dataset.getFileName(), m.records(), m.relevant(), seed);
    w.printf("WSS@95  %.1f%%%n", 100 * m.wss95());
    w.printf("WSS@100 %.1f%%%n", 100 * m.wss100());
    w.printf("RRF@10  %.1f%%%n", 100 * m.rrf10());
    w.printf("records screened to find 95%% of the relevant ones: %d (%.1f%%)%n", m.screenedTo95(),
        100.0 * m.screenedTo95() / m.records());
    boolean[] inOrder = new boolean[order.length];
    for (int i = 0; i < order.length; i++) {
      inOrder[i] = file.relevant()[order[i]];
    }
    KneeStopping k = KneeStopping.of(inOrder);
    if (k.stopped()) {
      w.printf("knee stopping rule: stop after %d records (%.1f%%), %d of %d relevant found (recall %.1f%%; estimated"
          + " %.1f%%)%n", k.screened(), 100.0 * k.screened() / m.records(), k.found(), m.relevant(),
          100.0 * k.found() / m.relevant(), 100 * k.estimatedRecall());
    } else {
      w.printf("knee stopping rule: never fired; every record screened%n");
    }
    w.printf("CPU time %.2f s; wrote %s and %s%n", seconds, out.resolve("order.csv"), out.resolve("recall.svg"));
    w.flush();
    return 0;
  }
}
