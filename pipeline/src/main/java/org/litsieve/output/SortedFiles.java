package org.litsieve.output;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes rows into files, each file sorted, with an external merge sort: the rows are never
 * gathered on one worker, in memory or in a runner's grouping state.
 *
 * <p>Input: {@code KV<fileName, KV<sortKey, text>>} in the global window. Output: one file per
 * file name in the directory, holding its rows' texts (written as they are: a text carries its own
 * line ending) in order of sort key, then text; a file with no rows is not written, so callers
 * send a header row (or an empty row) for every file that must exist. The same rows give
 * byte-identical files, whatever the runner's bundles.
 *
 * <p>Steps: each bundle sorts its rows per file, at most {@link #RUN_ROWS} at a time, into hidden
 * run files ({@code .run-NAME-UUID}) in the directory; the run names are grouped by file (a few
 * names, not the rows); each file is written by merging its runs (in rounds of at most
 * {@link #MERGE_WIDTH}), and the runs are deleted. (Grouping the rows themselves made the
 * DirectRunner copy each file's growing group once per bundle: a third of a 100k-record run.)
 *
 * <p>Failure behaviour: an I/O error fails the run. The caller writes into a temporary directory
 * and moves it into place only after success, so run files left by a failed run are never seen
 * where the user looks.
 */
public final class SortedFiles extends PTransform<PCollection<KV<String, KV<String, String>>>, PDone> {
  /** Rows sorted in memory into one run, at most. */
  static final int RUN_ROWS = 20_000;
  /** Runs merged at once, at most (bounds open files). */
  static final int MERGE_WIDTH = 64;

  private final String directory;

  private SortedFiles(String directory) {
    this.directory = directory;
  }

  /** Writes into {@code directory}, which must exist. */
  public static SortedFiles into(String directory) {
    return new SortedFiles(directory);
  }

  @Override
  public PDone expand(PCollection<KV<String, KV<String, String>>> rows) {
    rows.apply("SortRuns", ParDo.of(new SortRunsFn(directory)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("GroupRunsByFile", GroupByKey.create())
        .apply("MergeRuns", ParDo.of(new MergeRunsFn(directory)));
    return PDone.in(rows.getPipeline());
  }

  private static final Comparator<KV<String, String>> ORDER =
      Comparator.comparing((KV<String, String> kv) -> kv.getKey()).thenComparing(KV::getValue);

  /** Sorts a bundle's rows per file into run files; emits {@code KV<fileName, runName>}. */
  static final class SortRunsFn extends DoFn<KV<String, KV<String, String>>, KV<String, String>> {
    private final String directory;
    private final Counter cpuNanos = Metrics.counter("write", "cpuNanos");
    private transient Map<String, List<KV<String, String>>> buffers;

    SortRunsFn(String directory) {
      this.directory = directory;
    }

    @StartBundle
    public void startBundle() {
      buffers = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element KV<String, KV<String, String>> row, OutputReceiver<KV<String, String>> out)
        throws IOException {
      List<KV<String, String>> buffer = buffers.computeIfAbsent(row.getKey(), k -> new ArrayList<>());
      buffer.add(row.getValue());
      if (buffer.size() >= RUN_ROWS) {
        out.output(KV.of(row.getKey(), writeRun(row.getKey(), buffer)));
        buffer.clear();
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) throws IOException {
      for (Map.Entry<String, List<KV<String, String>>> e : buffers.entrySet()) {
        if (!e.getValue().isEmpty()) {
          c.output(KV.of(e.getKey(), writeRun(e.getKey(), e.getValue())), BoundedWindow.TIMESTAMP_MIN_VALUE,
              GlobalWindow.INSTANCE);
        }
      }
      buffers = null;
    }

    private String writeRun(String file, List<KV<String, String>> rows) throws IOException {
      long start = System.nanoTime();
      rows.sort(ORDER);
      String name = runName(file);
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
          OutputFiles.create(directory, name), 1 << 16))) {
        for (KV<String, String> row : rows) {
          writeString(out, row.getKey());
          writeString(out, row.getValue());
        }
      }
      cpuNanos.inc(System.nanoTime() - start);
      return name;
    }
  }

  /** Merges one file's runs into the file, then deletes them. */
  static final class MergeRunsFn extends DoFn<KV<String, Iterable<String>>, Void> {
    private final String directory;
    private final Counter cpuNanos = Metrics.counter("write", "cpuNanos");

    MergeRunsFn(String directory) {
      this.directory = directory;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> file) throws IOException {
      long start = System.nanoTime();
      List<String> runs = new ArrayList<>();
      file.getValue().forEach(runs::add);
      runs.sort(null);
      while (runs.size() > MERGE_WIDTH) {
        List<String> round = new ArrayList<>(runs.subList(0, MERGE_WIDTH));
        String merged = runName(file.getKey());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
            OutputFiles.create(directory, merged), 1 << 16))) {
          merge(round, (key, text) -> {
            writeString(out, key);
            writeString(out, text);
          });
        }
        delete(round);
        runs = new ArrayList<>(runs.subList(MERGE_WIDTH, runs.size()));
        runs.add(merged);
      }
      try (OutputStream out = new BufferedOutputStream(OutputFiles.create(directory, file.getKey()), 1 << 16)) {
        merge(runs, (key, text) -> out.write(text.getBytes(StandardCharsets.UTF_8)));
      }
      delete(runs);
      cpuNanos.inc(System.nanoTime() - start);
    }

    private interface RowSink {
      void accept(String key, String text) throws IOException;
    }

    private static final class Cursor {
      final DataInputStream in;
      KV<String, String> row;

      Cursor(DataInputStream in) {
        this.in = in;
      }

      boolean advance() throws IOException {
        String key = readString(in);
        row = key == null ? null : KV.of(key, readString(in));
        return row != null;
      }
    }

    private void merge(List<String> runs, RowSink sink) throws IOException {
      PriorityQueue<Cursor> queue = new PriorityQueue<>((a, b) -> ORDER.compare(a.row, b.row));
      List<Cursor> open = new ArrayList<>();
      try {
        for (String run : runs) {
          InputStream in = Channels.newInputStream(FileSystems.open(OutputFiles.resolve(directory, run)));
          Cursor c = new Cursor(new DataInputStream(new BufferedInputStream(in, 1 << 16)));
          open.add(c);
          if (c.advance()) {
            queue.add(c);
          }
        }
        while (!queue.isEmpty()) {
          Cursor c = queue.poll();
          sink.accept(c.row.getKey(), c.row.getValue());
          if (c.advance()) {
            queue.add(c);
          }
        }
      } finally {
        for (Cursor c : open) {
          c.in.close();
        }
      }
    }

    private void delete(List<String> runs) throws IOException {
      List<ResourceId> ids = new ArrayList<>();
      for (String run : runs) {
        ids.add(OutputFiles.resolve(directory, run));
      }
      FileSystems.delete(ids);
    }
  }

  /** A new hidden run file's name for rows of {@code file}. */
  private static String runName(String file) {
    return ".run-" + file + "-" + UUID.randomUUID();
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** The next string, or null at the end of the stream. */
  private static String readString(DataInputStream in) throws IOException {
    int length;
    try {
      length = in.readInt();
    } catch (EOFException end) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
