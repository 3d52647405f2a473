package org.litsieve.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.litsieve.history.CsvTable;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.OutputFile;
import org.litsieve.model.PreviousRecord;
import org.litsieve.shuffle.Await;

/**
 * The previous run of a living review read inside the pipeline: the rows of its three screened
 * files as {@link PreviousRecord}s, each with its position, the input of {@link MatchPrevious} and
 * {@link DecideLiving}.
 *
 * <p>Input: the previous run's folder (any file system Beam knows, through {@link FileSystems})
 * and its run id. The folder has been checked on the driver before the run ({@link
 * PreviousRun#read}: manifest, version, the three files and their {@code record_id} and
 * {@code decision} columns); the files are few, so they are listed there, and each is read by one
 * worker, the three in parallel.
 *
 * <p>Output: {@link PreviousBatch}es of up to {@link PreviousBatch#SIZE} consecutive rows of one
 * file, each row with its position, as {@link PreviousRun#rows} gives it
 * (a row without {@code first_seen}, or with it empty, made before living reviews, gets the
 * previous run's id). The position sorts as the rows come in the files (included, review,
 * excluded, each in row order), which is all the matching asks of it: the file's place times
 * {@link #FILE_STRIDE} plus the row's, so a file is read without counting the rows of the files
 * before it. The rows travel in batches so that the steps reading the history pay the runner's
 * cost per element per batch, not per row.
 *
 * <p>Failure behaviour: a file that cannot be read, is not well-formed CSV or lacks the
 * {@code record_id} or {@code decision} column (changed since the driver checked it) fails the
 * run with an {@link IOException} naming the file; so does a row whose decision is not include,
 * review or exclude, with {@link PreviousRun#unknownDecision}'s message naming the file, the row
 * and the record, as the driver's check says it. The run's temporary folder is abandoned.
 */
final class ReadPrevious extends PTransform<PBegin, PCollection<PreviousBatch>> {
  /** Positions per file: a file of the previous run holds fewer rows than this. */
  static final long FILE_STRIDE = 1L << 40;

  private final String directory;
  private final String runId;

  private ReadPrevious(String directory, String runId) {
    this.directory = directory;
    this.runId = runId;
  }

  /** Reads {@code previous}'s screened files. */
  static ReadPrevious of(PreviousRun previous) {
    return from(previous.dir().toString(), previous.runId());
  }

  /**
   * @param directory the previous run's folder
   * @param runId its run id, the {@code first_seen} of rows that have none
   */
  static ReadPrevious from(String directory, String runId) {
    return new ReadPrevious(directory, runId);
  }

  /**
   * The same rows, read only once the collections behind {@code views} are complete: for a step
   * that needs the whole history and a side input made late (the pairs of the matching). Holding
   * the history read early until then costs the runner the history's bytes for as long as it
   * waits (the DirectRunner keeps them in memory, encoded, and copies them as more arrive;
   * docs/performance.md, tenth session); reading the files again costs one parse of them. Only
   * the three file names wait ({@link Await}).
   */
  PTransform<PBegin, PCollection<PreviousBatch>> after(PCollectionView<?>... views) {
    ReadPrevious read = this;
    return new PTransform<>() {
      @Override
      public PCollection<PreviousBatch> expand(PBegin begin) {
        return read.files(begin)
            .apply("AwaitViews", Await.views(views))
            .apply("ReadPreviousRows", ParDo.of(new ReadFileFn(directory, runId)))
            .setCoder(PreviousBatch.PreviousBatchCoder.of());
      }
    };
  }

  @Override
  public PCollection<PreviousBatch> expand(PBegin begin) {
    return files(begin)
        .apply("SpreadPreviousFiles", Reshuffle.viaRandomKey())
        .apply("ReadPreviousRows", ParDo.of(new ReadFileFn(directory, runId)))
        .setCoder(PreviousBatch.PreviousBatchCoder.of());
  }

  /** The three screened files, each with the position of its first row. */
  private PCollection<KV<Long, String>> files(PBegin begin) {
    ResourceId dir = FileSystems.matchNewResource(directory, true);
    List<KV<Long, String>> files = new ArrayList<>();
    for (int i = 0; i < OutputFile.SCREENED.size(); i++) {
      String name = OutputFile.SCREENED.get(i).fileName();
      files.add(KV.of(i * FILE_STRIDE,
          dir.resolve(name, ResolveOptions.StandardResolveOptions.RESOLVE_FILE).toString()));
    }
    return begin
        .apply("PreviousFiles", Create.of(files).withCoder(KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of())));
  }

  /** One screened file of the previous run, row by row, into batches. */
  static final class ReadFileFn extends DoFn<KV<Long, String>, PreviousBatch> {
    private final String directory;
    private final String runId;

    ReadFileFn(String directory, String runId) {
      this.directory = directory;
      this.runId = runId;
    }

    @ProcessElement
    public void process(@Element KV<Long, String> file, OutputReceiver<PreviousBatch> out)
        throws IOException {
      String spec = file.getValue();
      String name = FileSystems.matchNewResource(spec, false).getFilename();
      long[] next = {file.getKey()};
      List<Long> positions = new ArrayList<>(PreviousBatch.SIZE);
      List<PreviousRecord> records = new ArrayList<>(PreviousBatch.SIZE);
      try (Reader in = Channels.newReader(
          FileSystems.open(FileSystems.matchSingleFileSpec(spec).resourceId()), StandardCharsets.UTF_8)) {
        CsvTable.forEachRow(new java.io.BufferedReader(in, 1 << 16), spec, (columns, row) -> {
          if (next[0] == file.getKey() && (!columns.contains("record_id") || !columns.contains("decision"))) {
            throw new IOException(spec + ": has no record_id/decision columns");
          }
          // the driver's check again: the file may have changed since, and a row with another
          // decision would reach none of this run's screened files
          String wrong = PreviousRun.unknownDecision(directory, name, next[0] - file.getKey() + 1, row);
          if (wrong != null) {
            throw new IOException(wrong);
          }
          // as PreviousRun.read fills it: a run made before living reviews has no first_seen
          String seen = row.get("first_seen");
          if (seen == null || seen.isEmpty()) {
            row.put("first_seen", runId);
          }
          positions.add(next[0]++);
          records.add(new PreviousRecord(row));
          if (records.size() == PreviousBatch.SIZE) {
            out.output(new PreviousBatch(positions, records));
            positions.clear();
            records.clear();
          }
        });
      }
      if (!records.isEmpty()) {
        out.output(new PreviousBatch(positions, records));
      }
    }
  }
}
