package org.litsieve.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.litsieve.ingest.ExportReader;
import org.litsieve.ingest.ParseSink;
import org.litsieve.ingest.ReadExports;
import org.litsieve.model.BibRecord;
import org.litsieve.model.FileReport;
import org.litsieve.model.Rejected;

/**
 * {@code inspect}: reads each file as a run would, without running the pipeline, and reports its
 * format, encoding, record and reject counts, warnings, the rejects themselves, and how its
 * format was chosen (every parser's score on the file's head). Plain Java.
 */
public final class Inspector {
  /**
   * One file's report, its rejects, and why it was read in its format: every parser's score on
   * its head, best first (see {@link ExportReader.Detection#explain}); "" when unreadable.
   */
  public record Inspection(FileReport report, List<Rejected> rejects, String detection) {}

  private Inspector() {}

  public static List<Inspection> inspect(List<InputFiles.InputFile> files) {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    List<Inspection> out = new ArrayList<>();
    for (InputFiles.InputFile f : files) {
      List<Rejected> rejects = new ArrayList<>();
      ParseSink sink = new ParseSink() {
        @Override
        public void record(BibRecord record) {}

        @Override
        public void reject(Rejected r) {
          rejects.add(r);
        }
      };
      FileReport report;
      String detection = "";
      try (InputStream in = Channels.newInputStream(
          FileSystems.open(FileSystems.matchSingleFileSpec(f.spec()).resourceId()))) {
        detection = ExportReader.detect(in).explain();
      } catch (IOException e) {
        // reading it below reports the problem
      }
      try (InputStream in = Channels.newInputStream(
          FileSystems.open(FileSystems.matchSingleFileSpec(f.spec()).resourceId()))) {
        report = ExportReader.read(f.displayName(), in, sink);
      } catch (IOException e) {
        Rejected r = new Rejected(f.displayName(), 0, 0,
            "cannot read the file: " + ReadExports.describe(e), "");
        rejects.add(r);
        report = new FileReport(f.displayName(), "unreadable", "", "", 0, 0, 1, List.of());
      }
      out.add(new Inspection(report, rejects, detection));
    }
    return out;
  }
}
