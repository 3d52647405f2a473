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
import org.litsieve.ingest.ReadExports;
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
 * {@code decision} columns); the files are few, so they are listed there. Each is cut at row
 * ends into pieces of about {@link #PIECE_BYTES} (one pass over its bytes,
 * {@link CsvTable.RowEnds}), and the pieces are read in parallel: the excluded file is most of a
 * history, and a cluster's runner would otherwise read it on one worker, three times in an update.
 *
 * <p>Output: {@link PreviousBatch}es of up to {@link PreviousBatch#SIZE} consecutive rows of one
 * file, each row with its position, as {@link PreviousRun#rows} gives it
 * (a row without {@code first_seen}, or with it empty, made before living reviews, gets the
 * previous run's id). The position sorts as the rows come in the files (included, review,
 * excluded, each in row order), which is all the matching asks of it: the file's place times
 * {@link #FILE_STRIDE}, plus the byte where the row's piece starts, plus the row's place in the
 * piece (a row takes at least a byte), so a piece is read without counting the rows before it.
 * The same folder gives the same pieces and positions at every reading. The rows travel in
 * batches so that the steps reading the history pay the runner's cost per element per batch, not
 * per row.
 *
 * <p>Failure behaviour: a file that cannot be read, is not well-formed CSV or lacks the
 * {@code record_id} or {@code decision} column (changed since the driver checked it) fails the
 * run with an {@link IOException} naming the file; so does a row whose decision is not include,
 * review or exclude, with {@link PreviousRun#unknownDecision}'s message naming the file, the row
 * and the record, as the driver's check says it (the rows before its piece counted only then),
 * and a file of {@link #FILE_STRIDE} bytes or more. The run's temporary folder is abandoned.
 */
final class ReadPrevious extends PTransform<PBegin, PCollection<PreviousBatch>> {
  /** Positions per file: a file of the previous run holds fewer bytes than this. */
  static final long FILE_STRIDE = 1L << 40;

  private final String directory;
  private final String runId;
  private final long pieceBytes;

  private ReadPrevious(String directory, String runId, long pieceBytes) {
    this.directory = directory;
    this.runId = runId;
    this.pieceBytes = pieceBytes;
  }

  /** The same reading with pieces of about {@code bytes} (for tests that cut small files). */
  ReadPrevious inPiecesOf(long bytes) {
    return new ReadPrevious(directory, runId, bytes);
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
    return new ReadPrevious(directory, runId, PIECE_BYTES);
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
            .apply("Pieces", read.pieces())
            .apply("ReadPreviousRows", ParDo.of(new ReadPieceFn(directory, runId)))
            .setCoder(PreviousBatch.PreviousBatchCoder.of());
      }
    };
  }

  @Override
  public PCollection<PreviousBatch> expand(PBegin begin) {
    return files(begin)
        .apply("Pieces", pieces())
        .apply("ReadPreviousRows", ParDo.of(new ReadPieceFn(directory, runId)))
        .setCoder(PreviousBatch.PreviousBatchCoder.of());
  }

  /**
   * Each file cut into pieces of about {@link #PIECE_BYTES} at row ends ({@link PiecesFn}), the
   * pieces spread over the workers: the excluded file is most of a history, and read whole it
   * was read by one worker (three times in an update), which a cluster cannot spread.
   */
  private PTransform<PCollection<KV<Long, String>>, PCollection<Piece>> pieces() {
    return new PTransform<>() {
      @Override
      public PCollection<Piece> expand(PCollection<KV<Long, String>> files) {
        return files
            .apply("CutAtRowEnds", ParDo.of(new PiecesFn(pieceBytes))).setCoder(PieceCoder.INSTANCE)
            .apply("SpreadPieces", Reshuffle.viaRandomKey());
      }
    };
  }

  /** About how many bytes of a file one worker reads: a piece ends at the first row end after this many. */
  static final long PIECE_BYTES = 16L << 20;

  /**
   * A piece of one screened file: the rows whose text starts in {@code [start, end)}, with the
   * file's header ({@code [0, headerEnd)}) read before them.
   *
   * @param file the position of the file's first byte ({@link #FILE_STRIDE} times its place)
   * @param spec the file
   */
  record Piece(long file, String spec, long headerEnd, long start, long end) {}

  /** Deterministic coder for {@link Piece}. */
  static final class PieceCoder extends org.apache.beam.sdk.coders.AtomicCoder<Piece> {
    static final PieceCoder INSTANCE = new PieceCoder();

    @Override
    public void encode(Piece p, java.io.OutputStream out) throws IOException {
      VarLongCoder.of().encode(p.file(), out);
      StringUtf8Coder.of().encode(p.spec(), out);
      VarLongCoder.of().encode(p.headerEnd(), out);
      VarLongCoder.of().encode(p.start(), out);
      VarLongCoder.of().encode(p.end(), out);
    }

    @Override
    public Piece decode(java.io.InputStream in) throws IOException {
      return new Piece(VarLongCoder.of().decode(in), StringUtf8Coder.of().decode(in), VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in), VarLongCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /**
   * Cuts a file into pieces at row ends ({@link CsvTable.RowEnds}), each at least {@code
   * pieceBytes} after the last; the first row is the header.
   */
  static final class PiecesFn extends DoFn<KV<Long, String>, Piece> {
    private final long pieceBytes;

    PiecesFn(long pieceBytes) {
      this.pieceBytes = pieceBytes;
    }

    @ProcessElement
    public void process(@Element KV<Long, String> file, OutputReceiver<Piece> out) throws IOException {
      String spec = file.getValue();
      List<Long> cuts = new ArrayList<>(); // the header's end first, then each piece's start
      long size = 0;
      try (java.io.InputStream in = Channels.newInputStream(
          FileSystems.open(FileSystems.matchSingleFileSpec(spec).resourceId()))) {
        byte[] buf = new byte[1 << 16];
        CsvTable.RowEnds rows = new CsvTable.RowEnds();
        long next = 0; // the next cut may come at the first row end from here on
        int n;
        while ((n = in.read(buf)) > 0) {
          for (int i = 0; i < n; i++) {
            if (rows.endsRow(buf[i]) && size + i + 1 >= next) {
              cuts.add(size + i + 1);
              next = size + i + 1 + pieceBytes;
            }
          }
          size += n;
        }
      }
      if (size >= FILE_STRIDE) {
        throw new IOException(spec + ": " + size + " bytes, more than a previous run's file may hold ("
            + FILE_STRIDE + ")");
      }
      long headerEnd = cuts.isEmpty() ? size : cuts.get(0);
      long start = headerEnd;
      for (int c = 1; c < cuts.size(); c++) {
        if (cuts.get(c) < size) {
          out.output(new Piece(file.getKey(), spec, headerEnd, start, cuts.get(c)));
          start = cuts.get(c);
        }
      }
      out.output(new Piece(file.getKey(), spec, headerEnd, start, size));
    }
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

  /**
   * One piece of a screened file of the previous run, row by row, into batches: the file's
   * header, then the piece's rows. A row's position is its file's ({@link Piece#file}) plus the
   * piece's start plus the row's place in the piece: each row takes at least a byte, so the
   * positions sort as the rows come in the file, and the pieces of a file never share one.
   */
  static final class ReadPieceFn extends DoFn<Piece, PreviousBatch> {
    private final String directory;
    private final String runId;

    ReadPieceFn(String directory, String runId) {
      this.directory = directory;
      this.runId = runId;
    }

    @ProcessElement
    public void process(@Element Piece piece, OutputReceiver<PreviousBatch> out) throws IOException {
      String spec = piece.spec();
      String name = FileSystems.matchNewResource(spec, false).getFilename();
      long first = piece.file() + piece.start();
      long[] next = {first};
      List<Long> positions = new ArrayList<>(PreviousBatch.SIZE);
      List<PreviousRecord> records = new ArrayList<>(PreviousBatch.SIZE);
      try (Reader in = new java.io.BufferedReader(Channels.newReader(Channels.newChannel(
          new java.io.SequenceInputStream(ReadExports.openAt(spec, 0, piece.headerEnd()),
              ReadExports.openAt(spec, piece.start(), piece.end() - piece.start()))), StandardCharsets.UTF_8), 1 << 16)) {
        CsvTable.forEachRow(in, spec, (columns, row) -> {
          if (next[0] == first && (!columns.contains("record_id") || !columns.contains("decision"))) {
            throw new IOException(spec + ": has no record_id/decision columns");
          }
          // the driver's check again: the file may have changed since, and a row with another
          // decision would reach none of this run's screened files
          if (PreviousRun.unknownDecision(directory, name, 0, row) != null) {
            throw new IOException(PreviousRun.unknownDecision(directory, name,
                rowsBefore(piece) + next[0] - first + 1, row));
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

    /** The rows of the piece's file before the piece, for a message that names a row (read only then). */
    private static long rowsBefore(Piece piece) throws IOException {
      long[] rows = {0};
      try (Reader in = new java.io.BufferedReader(Channels.newReader(Channels.newChannel(
          ReadExports.openAt(piece.spec(), 0, piece.start())), StandardCharsets.UTF_8), 1 << 16)) {
        CsvTable.forEachRow(in, piece.spec(), (columns, row) -> rows[0]++);
      }
      return rows[0];
    }
  }
}
