package org.litsieve.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.litsieve.model.FileReport;
import org.litsieve.model.Rejected;
import org.litsieve.output.WriteOutputs;
import org.litsieve.pipeline.InputFiles;
import org.litsieve.pipeline.Inspector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code litsieve inspect [--json] INPUT...}: what each file is and how many records it gives. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "For each file, show the detected format and encoding, the records parsed and "
        + "the records rejected, without screening anything.")
final class InspectCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print {\"files\":[{\"path\",\"format\",\"encoding\",\"records\",\"rejected\",…,\"detection\"}]}.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Export files or folders (scanned recursively).")
  List<String> inputs;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    InputFiles.Resolution resolution = Inputs.resolve(inputs, spec.commandLine().getErr(), json);
    if (resolution == null) {
      return ExitCodes.USAGE;
    }
    List<Inspector.Inspection> results = Inspector.inspect(resolution.files());
    if (json) {
      List<Map<String, Object>> files = new ArrayList<>();
      for (Inspector.Inspection i : results) {
        FileReport f = i.report();
        Map<String, Object> m = new LinkedHashMap<>(WriteOutputs.reportJson(f));
        List<Map<String, Object>> rejects = new ArrayList<>();
        for (Rejected r : i.rejects()) {
          rejects.add(Map.of("position", r.position(), "line", r.line(), "reason", r.reason()));
        }
        m.put("rejects", rejects);
        m.put("detection", i.detection());
        files.add(m);
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("files", files);
      out.print(WriteOutputs.json(doc));
      out.flush();
      return 0;
    }
    int width = 4;
    for (Inspector.Inspection i : results) {
      width = Math.max(width, i.report().sourceFile().length());
    }
    String row = "%-" + width + "s  %-8s  %-16s  %8s  %8s%n";
    out.printf(row, "file", "format", "encoding", "records", "rejected");
    long records = 0;
    long rejected = 0;
    for (Inspector.Inspection i : results) {
      FileReport f = i.report();
      out.printf(row, f.sourceFile(), f.format(), f.encoding(), f.records(), f.rejected());
      if (!i.detection().isEmpty()) {
        out.println("    detected by scores: " + i.detection());
      }
      for (String w : f.warnings()) {
        out.println("    note: " + w);
      }
      for (Rejected r : i.rejects()) {
        out.println("    rejected: " + (r.position() > 0 ? "record " + r.position() + ", " : "")
            + (r.line() > 0 ? "line " + r.line() + ": " : "") + r.reason());
      }
      records += f.records();
      rejected += f.rejected();
    }
    out.printf(row, "total (" + results.size() + " files)", "", "", records, rejected);
    out.flush();
    return 0;
  }
}
