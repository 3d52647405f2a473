package org.litsieve.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.litsieve.model.BibRecord;
import org.litsieve.model.FileReport;
import org.litsieve.model.Rejected;

/**
 * Reads export files into records.
 *
 * <p>Input: {@code KV<displayName, fileSpec>} per file, where the spec is anything Beam's
 * {@link FileSystems} opens (a local path, {@code gs://…}, {@code s3://…}) and the display name is
 * what the outputs call the file. Output: a tuple of {@link #RECORDS} (one {@link BibRecord} per
 * parsed record), {@link #REJECTS} (every broken record or unreadable file, with file, position
 * and reason) and {@link #REPORTS} (one {@link FileReport} per file: format, encoding, SHA-256,
 * counts and warnings).
 *
 * <p>Failure behaviour: nothing throws for bad content; a file that cannot be opened or read
 * becomes one reject and a report with format {@code unreadable}, and the other files go on.
 */
public final class ReadExports extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {
  public static final TupleTag<BibRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<Rejected> REJECTS = new TupleTag<>() {};
  public static final TupleTag<FileReport> REPORTS = new TupleTag<>() {};

  private ReadExports() {}

  public static ReadExports files() {
    return new ReadExports();
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> files) {
    return files
        .apply("SpreadFiles", Reshuffle.viaRandomKey())
        .apply("ParseFiles", ParDo.of(new ParseFileFn())
            .withOutputTags(RECORDS, TupleTagList.of(List.of(REJECTS, REPORTS))));
  }

  static final class ParseFileFn extends DoFn<KV<String, String>, BibRecord> {
    private final Counter parsed = Metrics.counter(ReadExports.class, "recordsRead");
    private final Counter rejected = Metrics.counter(ReadExports.class, "recordsRejected");
    private final Counter bytesRead = Metrics.counter(ReadExports.class, "bytesRead");
    private final Counter cpuNanos = Metrics.counter("parse", "cpuNanos");

    @ProcessElement
    public void process(@Element KV<String, String> file, MultiOutputReceiver out) {
      long start = System.nanoTime();
      try {
        parse(file, out);
      } finally {
        cpuNanos.inc(System.nanoTime() - start);
      }
    }

    private void parse(KV<String, String> file, MultiOutputReceiver out) {
      String name = file.getKey();
      ParseSink sink = new ParseSink() {
        @Override
        public void record(BibRecord record) {
          parsed.inc();
          out.get(RECORDS).output(record);
        }

        @Override
        public void reject(Rejected r) {
          rejected.inc();
          out.get(REJECTS).output(r);
        }
      };
      try (InputStream in = counted(open(file.getValue()))) {
        out.get(REPORTS).output(ExportReader.read(name, in, sink));
      } catch (IOException e) {
        sink.reject(new Rejected(name, 0, 0, "cannot read the file: " + describe(e), ""));
        out.get(REPORTS).output(new FileReport(name, "unreadable", "", "", 0, 0, 1, List.of()));
      }
    }

    /** Counts the bytes read, for progress reports. */
    private InputStream counted(InputStream in) {
      return new java.io.FilterInputStream(in) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            bytesRead.inc();
          }
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) {
            bytesRead.inc(n);
          }
          return n;
        }
      };
    }

    private static InputStream open(String spec) throws IOException {
      MatchResult.Metadata metadata = FileSystems.matchSingleFileSpec(spec);
      return Channels.newInputStream(FileSystems.open(metadata.resourceId()));
    }
  }

  /** A short, plain description of an I/O failure. */
  public static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.io.FileNotFoundException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.util.zip.ZipException) {
      return "broken gzip data (" + e.getMessage() + ")";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
