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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.regex.Pattern;
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
 * line ending) in order of sort key, then text (as {@link String#compareTo} orders them); a file
 * with no rows is not written, so callers send a header row (or an empty row) for
 * every file that must exist. The same rows give byte-identical files, whatever the runner's
 * bundles.
 *
 * <p>Steps: each bundle sorts its rows per file, at most {@link #RUN_ROWS} at a time, into hidden
 * run files ({@code .run-NAME-UUID}) in the directory ({@link #runs}); the run names are grouped
 * by file (a few names, not the rows); each file is written by merging its runs (in rounds of at
 * most {@link #MERGE_WIDTH}), and the runs are deleted in a step after that, once the files are
 * written, so that a merge the runner retries still finds them ({@link #mergeRuns}). (Grouping the rows
 * themselves made the DirectRunner copy each file's growing group once per bundle: a third of a
 * 100k-record run.) A caller with several kinds of elements makes each kind's rows in its own
 * {@link #runs} step ({@link RowMaker}) and merges all their run names in one
 * {@link #mergeRuns}: the rows are then never elements at all (at 100k records they were about
 * 200,000, each held by the runner and passed through a flatten).
 *
 * <p>Failure behaviour: an I/O error fails the run. A bundle the runner retries writes new runs
 * under new names, and the deleting step removes the failed attempt's with the others. The caller
 * writes into a temporary directory and moves it into place only after success, so run files left
 * by a failed run are never seen where the user looks.
 */
public final class SortedFiles extends PTransform<PCollection<KV<String, KV<String, String>>>, PDone> {
  /** Rows sorted in memory into one run, at most. */
  static final int RUN_ROWS = 20_000;
  /** Runs merged at once, at most (bounds open files). */
  static final int MERGE_WIDTH = 64;

  private final String directory;
  private final int runRows;
  private final int mergeWidth;

  private SortedFiles(String directory, int runRows, int mergeWidth) {
    this.directory = directory;
    this.runRows = runRows;
    this.mergeWidth = mergeWidth;
  }

  /** Writes rows that are already made into {@code directory}, which must exist. */
  public static SortedFiles into(String directory) {
    return new SortedFiles(directory, RUN_ROWS, MERGE_WIDTH);
  }

  /** As {@link #into(String)}, with smaller runs and merges (for tests: many runs from few rows). */
  static SortedFiles into(String directory, int runRows, int mergeWidth) {
    if (runRows < 1 || mergeWidth < 2) {
      throw new IllegalArgumentException("runRows " + runRows + ", mergeWidth " + mergeWidth);
    }
    return new SortedFiles(directory, runRows, mergeWidth);
  }

  @Override
  public PDone expand(PCollection<KV<String, KV<String, String>>> rows) {
    return rows.apply("SortRuns", new Runs<>(directory, READY_ROWS, runRows))
        .apply("MergeRunsByFile", new Merge(directory, mergeWidth));
  }

  /** Where a {@link RowMaker} puts an element's rows. */
  @FunctionalInterface
  public interface RowSink {
    /** One row of {@code file}: its {@code text} (with its line end) and the key it sorts by. */
    void row(String file, String sortKey, String text) throws IOException;
  }

  /** Makes the rows of one element (any number, for any files). Serialisable: it travels in a step. */
  @FunctionalInterface
  public interface RowMaker<T> extends java.io.Serializable {
    void rows(T element, RowSink sink) throws IOException;
  }

  /** The coder of rows already made: {@code KV<fileName, KV<sortKey, text>>}. */
  public static final KvCoder<String, KV<String, String>> ROW_CODER =
      KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));

  /** Rows already made, {@code KV<fileName, KV<sortKey, text>>}: each element is its one row. */
  public static final RowMaker<KV<String, KV<String, String>>> READY_ROWS =
      (row, sink) -> sink.row(row.getKey(), row.getValue().getKey(), row.getValue().getValue());

  /**
   * Sorts the rows {@code maker} makes of each element into run files in {@code directory}.
   *
   * <p>Input: any elements, in the global window. Output: {@code KV<fileName, runName>}, one per
   * run written, for {@link #mergeRuns}. Failure: an I/O error, or one the maker throws, fails the
   * bundle.
   */
  public static <T> Runs<T> runs(String directory, RowMaker<T> maker) {
    return new Runs<>(directory, maker, RUN_ROWS);
  }

  /** As {@link #runs(String, RowMaker)}, with smaller runs (for tests: many runs from few rows). */
  static <T> Runs<T> runs(String directory, RowMaker<T> maker, int runRows) {
    return new Runs<>(directory, maker, runRows);
  }

  /**
   * Writes each file from its runs, merged in order, then deletes the runs (and any left by a
   * failed attempt of a step) in a later step, so that a retried merge still finds them.
   *
   * <p>Input: the {@code KV<fileName, runName>} of one or more {@link #runs} steps (flattened).
   * Output: the files. Failure: an I/O error fails the run.
   */
  public static Merge mergeRuns(String directory) {
    return new Merge(directory, MERGE_WIDTH);
  }

  /** See {@link #runs}. */
  public static final class Runs<T> extends PTransform<PCollection<T>, PCollection<KV<String, String>>> {
    private final String directory;
    private final RowMaker<T> maker;
    private final int runRows;

    private Runs(String directory, RowMaker<T> maker, int runRows) {
      this.directory = directory;
      this.maker = maker;
      this.runRows = runRows;
    }

    @Override
    public PCollection<KV<String, String>> expand(PCollection<T> elements) {
      return elements.apply("SortRuns", ParDo.of(new SortRunsFn<>(directory, maker, runRows)))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    }
  }

  /** See {@link #mergeRuns}. */
  public static final class Merge extends PTransform<PCollection<KV<String, String>>, PDone> {
    private final String directory;
    private final int mergeWidth;

    private Merge(String directory, int mergeWidth) {
      this.directory = directory;
      this.mergeWidth = mergeWidth;
    }

    @Override
    public PDone expand(PCollection<KV<String, String>> runs) {
      // the runs are deleted in a step of their own, after a grouping (which a runner does not
      // fuse across): a merge retried after its runs were deleted would find none
      runs.apply("GroupRunsByFile", GroupByKey.create())
          .apply("MergeRuns", ParDo.of(new MergeRunsFn(directory, mergeWidth)))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
          .apply("AfterTheFiles", GroupByKey.create())
          .apply("DeleteRuns", ParDo.of(new DeleteRunsFn(directory)));
      return PDone.in(runs.getPipeline());
    }
  }

  /**
   * A row as UTF-8 bytes: encoded once, when its run is written, and copied from run to file
   * without being decoded again.
   */
  private record Row(byte[] key, byte[] text) {}

  /** By sort key, then text, in the order of the strings they encode ({@link #compareAsStrings}). */
  private static final Comparator<Row> ORDER = (a, b) -> {
    int c = compareAsStrings(a.key(), b.key());
    return c != 0 ? c : compareAsStrings(a.text(), b.text());
  };

  /**
   * Compares two UTF-8 encodings as {@link String#compareTo} compares the strings (by UTF-16 code
   * unit), without decoding them. Byte order is code point order, which differs from
   * {@code String}'s only between a character above U+FFFF (a surrogate pair in a string, UTF-8
   * lead byte F0–F4) and one from U+E000 to U+FFFF (lead byte EE or EF): the strings put the pair
   * first. Lead bytes EE and EF are therefore compared as if they were above F4. The first byte
   * that differs is either a lead byte in both encodings or a continuation byte in both, since the
   * bytes before it encode the same characters.
   */
  static int compareAsStrings(byte[] a, byte[] b) {
    int i = Arrays.mismatch(a, b);
    if (i < 0) {
      return 0;
    }
    if (i >= a.length || i >= b.length) {
      return a.length - b.length;
    }
    return utf16Rank(a[i]) - utf16Rank(b[i]);
  }

  private static int utf16Rank(byte b) {
    int u = b & 0xFF;
    return u == 0xEE || u == 0xEF ? u + 0x10 : u;
  }

  /** Sorts a bundle's rows per file into run files; emits {@code KV<fileName, runName>}. */
  static final class SortRunsFn<T> extends DoFn<T, KV<String, String>> {
    private final String directory;
    private final RowMaker<T> maker;
    private final int runRows;
    private final Counter cpuNanos = Metrics.counter("write", "cpuNanos");
    private transient Map<String, List<Row>> buffers;

    SortRunsFn(String directory, RowMaker<T> maker, int runRows) {
      this.directory = directory;
      this.maker = maker;
      this.runRows = runRows;
    }

    @StartBundle
    public void startBundle() {
      buffers = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<String, String>> out) throws IOException {
      maker.rows(element, (file, key, text) -> {
        List<Row> buffer = buffers.computeIfAbsent(file, k -> new ArrayList<>());
        buffer.add(new Row(key.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8)));
        if (buffer.size() >= runRows) {
          out.output(KV.of(file, writeRun(file, buffer)));
          buffer.clear();
        }
      });
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) throws IOException {
      for (Map.Entry<String, List<Row>> e : buffers.entrySet()) {
        if (!e.getValue().isEmpty()) {
          c.output(KV.of(e.getKey(), writeRun(e.getKey(), e.getValue())), BoundedWindow.TIMESTAMP_MIN_VALUE,
              GlobalWindow.INSTANCE);
        }
      }
      buffers = null;
    }

    private String writeRun(String file, List<Row> rows) throws IOException {
      long start = System.nanoTime();
      rows.sort(ORDER);
      String name = runName(file);
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
          OutputFiles.create(directory, name), 1 << 16))) {
        for (Row row : rows) {
          write(out, row);
        }
      }
      cpuNanos.inc(System.nanoTime() - start);
      return name;
    }
  }

  /**
   * Merges one file's runs into the file and hands on the file's name. It deletes only the runs it
   * merged in rounds of its own; the runs it was given stay for {@link DeleteRunsFn}, so that a
   * retried bundle reads them again and writes the same file.
   */
  static final class MergeRunsFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    private final String directory;
    private final int mergeWidth;
    private final Counter cpuNanos = Metrics.counter("write", "cpuNanos");

    MergeRunsFn(String directory, int mergeWidth) {
      this.directory = directory;
      this.mergeWidth = mergeWidth;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> file, OutputReceiver<KV<String, String>> out)
        throws IOException {
      long start = System.nanoTime();
      write(file);
      cpuNanos.inc(System.nanoTime() - start);
      out.output(KV.of(file.getKey(), file.getKey()));
    }

    /** Writes the file from its runs. */
    void write(KV<String, Iterable<String>> file) throws IOException {
      List<String> runs = new ArrayList<>();
      file.getValue().forEach(runs::add);
      runs.sort(null);
      List<String> ours = new ArrayList<>();
      while (runs.size() > mergeWidth) {
        List<String> round = new ArrayList<>(runs.subList(0, mergeWidth));
        String merged = runName(file.getKey());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
            OutputFiles.create(directory, merged), 1 << 16))) {
          merge(round, row -> SortedFiles.write(out, row));
        }
        round.retainAll(ours);
        delete(round);
        ours.add(merged);
        runs = new ArrayList<>(runs.subList(mergeWidth, runs.size()));
        runs.add(merged);
      }
      try (OutputStream out = new BufferedOutputStream(OutputFiles.create(directory, file.getKey()), 1 << 16)) {
        merge(runs, row -> out.write(row.text()));
      }
      runs.retainAll(ours);
      delete(runs);
    }

    private interface RowSink {
      void accept(Row row) throws IOException;
    }

    private static final class Cursor {
      final DataInputStream in;
      Row row;

      Cursor(DataInputStream in) {
        this.in = in;
      }

      boolean advance() throws IOException {
        row = read(in);
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
          sink.accept(c.row);
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

  /**
   * Deletes each written file's runs: every {@code .run-FILE-UUID} in the directory, those of
   * failed attempts too. Input: the files written, each once (grouped after {@link MergeRunsFn},
   * so that it runs only once the files are); a run already gone is not an error.
   */
  static final class DeleteRunsFn extends DoFn<KV<String, Iterable<String>>, Void> {
    private final String directory;

    DeleteRunsFn(String directory) {
      this.directory = directory;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> file) throws IOException {
      deleteRuns(directory, file.getKey());
    }
  }

  /** Deletes every run of {@code file} in {@code directory} ({@link DeleteRunsFn}). */
  static void deleteRuns(String directory, String file) throws IOException {
    OutputFiles.deleteStartingWith(directory, RUN_PREFIX + file + "-", rest -> UUID_TEXT.matcher(rest).matches());
  }

  private static final String RUN_PREFIX = ".run-";
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** A new hidden run file's name for rows of {@code file}. */
  private static String runName(String file) {
    return RUN_PREFIX + file + "-" + UUID.randomUUID();
  }

  private static void write(DataOutputStream out, Row row) throws IOException {
    out.writeInt(row.key().length);
    out.write(row.key());
    out.writeInt(row.text().length);
    out.write(row.text());
  }

  /** The next row, or null at the end of the stream. */
  private static Row read(DataInputStream in) throws IOException {
    int length;
    try {
      length = in.readInt();
    } catch (EOFException end) {
      return null;
    }
    byte[] key = new byte[length];
    in.readFully(key);
    byte[] text = new byte[in.readInt()];
    in.readFully(text);
    return new Row(key, text);
  }
}
