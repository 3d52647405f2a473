package org.litsieve.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.litsieve.model.BibRecord;
import org.litsieve.model.FileReport;
import org.litsieve.model.Provenance;
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
 * <p>A large file (two splits or more, {@link FileSplits#TARGET_BYTES} each) in a format whose
 * record starts can be told from its bytes (RIS, MEDLINE; UTF-8) is cut at record starts by
 * {@link FileSplits}, which also counts the lines and records before each split; the splits are
 * parsed in parallel, their records and rejects numbered (position, line) as one parse of the
 * whole file numbers them, and their tallies make the file's one report. So the output is the
 * same however a file is read; only the time differs. Other files are parsed whole.
 *
 * <p>Failure behaviour: nothing throws for bad content; a file that cannot be opened or read
 * becomes one reject and a report with format {@code unreadable}, and the other files go on. A
 * split that cannot be read becomes a reject naming the lines it held.
 */
public final class ReadExports extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {
  public static final TupleTag<BibRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<Rejected> REJECTS = new TupleTag<>() {};
  public static final TupleTag<FileReport> REPORTS = new TupleTag<>() {};

  private static final TupleTag<SplitTask> SPLITS = new TupleTag<>() {};
  private static final TupleTag<KV<String, SplitDone>> SPLIT_TALLIES = new TupleTag<>() {};

  private final long splitBytes;

  private ReadExports(long splitBytes) {
    if (splitBytes < 1) {
      throw new IllegalArgumentException("splitBytes must be at least 1, got " + splitBytes);
    }
    this.splitBytes = splitBytes;
  }

  /** Reads the files, splitting large ones at {@link FileSplits#TARGET_BYTES}. */
  public static ReadExports files() {
    return new ReadExports(FileSplits.TARGET_BYTES);
  }

  /** The same reading with splits of about {@code bytes} (for tests: tiny splits on small files). */
  public ReadExports withSplitBytes(long bytes) {
    return new ReadExports(bytes);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> files) {
    PCollectionTuple whole = files
        .apply("SpreadFiles", Reshuffle.viaRandomKey())
        .apply("ParseFiles", ParDo.of(new ParseFileFn(splitBytes))
            .withOutputTags(RECORDS, TupleTagList.of(List.of(REJECTS, REPORTS, SPLITS))));
    PCollectionTuple parts = whole.get(SPLITS).setCoder(SplitTaskCoder.INSTANCE)
        .apply("SpreadSplits", Reshuffle.viaRandomKey())
        .apply("ParseSplits", ParDo.of(new ParseSplitFn())
            .withOutputTags(RECORDS, TupleTagList.of(List.of(REJECTS, SPLIT_TALLIES))));
    PCollection<FileReport> splitReports = parts.get(SPLIT_TALLIES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SplitDoneCoder.INSTANCE))
        .apply("GroupSplitTallies", GroupByKey.create())
        .apply("MergeSplitTallies", ParDo.of(new MergeSplitsFn()));
    return PCollectionTuple
        .of(RECORDS, PCollectionList.of(whole.get(RECORDS)).and(parts.get(RECORDS))
            .apply("AllRecords", Flatten.pCollections()))
        .and(REJECTS, PCollectionList.of(whole.get(REJECTS)).and(parts.get(REJECTS))
            .apply("AllRejects", Flatten.pCollections()))
        .and(REPORTS, PCollectionList.of(whole.get(REPORTS)).and(splitReports)
            .apply("AllReports", Flatten.pCollections()));
  }

  /**
   * One split of a planned file, to be parsed on its own.
   *
   * @param file the file's display name
   * @param spec the file's spec, for {@link FileSystems}
   * @param format the parser's id
   * @param encoding the file's encoding label
   * @param sha256 the whole file's SHA-256
   * @param bytes the whole file's size
   * @param split the split
   */
  record SplitTask(String file, String spec, String format, String encoding, String sha256, long bytes,
      FileSplits.Split split) {}

  /** A parsed split: its task and what its parse counted. */
  record SplitDone(SplitTask task, ExportReader.SplitTally tally) {}

  /** Parses whole files, or plans the splits of large ones (output {@link #SPLITS}). */
  static final class ParseFileFn extends DoFn<KV<String, String>, BibRecord> {
    private final Counter parsed = Metrics.counter(ReadExports.class, "recordsRead");
    private final Counter rejected = Metrics.counter(ReadExports.class, "recordsRejected");
    private final Counter bytesRead = Metrics.counter(ReadExports.class, "bytesRead");
    private final Counter cpuNanos = Metrics.counter("parse", "cpuNanos");
    private final long splitBytes;

    ParseFileFn(long splitBytes) {
      this.splitBytes = splitBytes;
    }

    @ProcessElement
    public void process(@Element KV<String, String> file, MultiOutputReceiver out) {
      long start = System.nanoTime();
      try {
        if (!planned(file, out)) {
          parse(file, out);
        }
      } finally {
        cpuNanos.inc(System.nanoTime() - start);
      }
    }

    /** Plans the splits of a large splittable file and outputs them; false to parse it whole. */
    private boolean planned(KV<String, String> file, MultiOutputReceiver out) {
      FileSplits.Plan plan;
      try {
        MatchResult.Metadata metadata = FileSystems.matchSingleFileSpec(file.getValue());
        if (metadata.sizeBytes() < 2 * splitBytes) {
          return false;
        }
        ExportReader.Detection detection;
        try (InputStream in = open(file.getValue())) {
          detection = ExportReader.detect(in);
        }
        if (!FileSplits.splittable(detection)) {
          return false;
        }
        try (InputStream in = open(file.getValue())) {
          plan = FileSplits.plan(in, detection.parser().get(), detection.encoding(), splitBytes);
        }
      } catch (IOException e) {
        return false; // parsing it whole reports the problem
      }
      if (plan == null) {
        return false;
      }
      for (FileSplits.Split split : plan.splits()) {
        out.get(SPLITS).output(new SplitTask(file.getKey(), file.getValue(), plan.format(), plan.encoding(),
            plan.sha256(), plan.bytes(), split));
      }
      return true;
    }

    private void parse(KV<String, String> file, MultiOutputReceiver out) {
      String name = file.getKey();
      ParseSink sink = new OutputSink(out, parsed, rejected, 0, 0);
      try (InputStream in = counted(open(file.getValue()), bytesRead)) {
        out.get(REPORTS).output(ExportReader.read(name, in, sink));
      } catch (IOException e) {
        sink.reject(new Rejected(name, 0, 0, "cannot read the file: " + describe(e), ""));
        out.get(REPORTS).output(new FileReport(name, "unreadable", "", "", 0, 0, 1, List.of()));
      }
    }
  }

  /**
   * Sends parsed records and rejects to the transform's outputs, counting them, with
   * {@code positionBase} and {@code lineBase} added to their positions and lines (0 and 0 for a
   * whole file; a split's counts before it otherwise). Position and line 0 (not known) stay 0.
   */
  private static final class OutputSink implements ParseSink {
    private final DoFn.MultiOutputReceiver out;
    private final Counter parsed;
    private final Counter rejected;
    private final int positionBase;
    private final int lineBase;

    OutputSink(DoFn.MultiOutputReceiver out, Counter parsed, Counter rejected, int positionBase, int lineBase) {
      this.out = out;
      this.parsed = parsed;
      this.rejected = rejected;
      this.positionBase = positionBase;
      this.lineBase = lineBase;
    }

    @Override
    public void record(BibRecord record) {
      parsed.inc();
      if (positionBase == 0 && lineBase == 0) {
        out.get(RECORDS).output(record);
        return;
      }
      Provenance o = record.origin();
      List<Provenance> provenance = new ArrayList<>(record.provenance());
      provenance.set(0, new Provenance(o.sourceFile(), shift(o.position(), positionBase), shift(o.line(), lineBase),
          o.sourceId(), o.database()));
      out.get(RECORDS).output(record.toBuilder().provenance(provenance).build());
    }

    @Override
    public void reject(Rejected r) {
      rejected.inc();
      out.get(REJECTS).output(positionBase == 0 && lineBase == 0 ? r : new Rejected(r.sourceFile(),
          shift(r.position(), positionBase), shift(r.line(), lineBase), r.reason(), r.excerpt()));
    }

    private static int shift(int value, int base) {
      return value == 0 ? 0 : value + base;
    }
  }

  /**
   * Parses one split: its records and rejects, numbered as one parse of the whole file numbers
   * them (the plan counted the lines and records before the split), and the split's tally.
   *
   * <p>Failure behaviour: a split that cannot be read becomes a reject naming its lines (and the
   * file's report counts it); a split whose parse starts another number of records than its plan
   * counted fails the run (the plan and the parser disagree: a bug, not bad input).
   */
  static final class ParseSplitFn extends DoFn<SplitTask, BibRecord> {
    private final Counter parsed = Metrics.counter(ReadExports.class, "recordsRead");
    private final Counter rejected = Metrics.counter(ReadExports.class, "recordsRejected");
    private final Counter bytesRead = Metrics.counter(ReadExports.class, "bytesRead");
    private final Counter cpuNanos = Metrics.counter("parse", "cpuNanos");

    @ProcessElement
    public void process(@Element SplitTask task, MultiOutputReceiver out) {
      long start = System.nanoTime();
      FileSplits.Split split = task.split();
      ParseSink sink = new OutputSink(out, parsed, rejected, Math.toIntExact(split.positionsBefore()),
          Math.toIntExact(split.linesBefore()));
      ExportReader.SplitTally tally;
      ExportParser parser = ExportFormats.byId(task.format()).orElseThrow(
          () -> new IllegalStateException("no parser " + task.format()));
      try (InputStream in = counted(openAt(task.spec(), split.start(), split.end() - split.start()), bytesRead)) {
        tally = ExportReader.readSplit(task.file(), in, parser, split.linesBefore(), sink);
      } catch (IOException e) {
        sink.reject(new Rejected(task.file(), 0, 0, "cannot read lines " + (split.linesBefore() + 1)
            + " onwards (bytes " + split.start() + "-" + split.end() + "): " + describe(e), ""));
        tally = new ExportReader.SplitTally(0, 1, split.positions(), 0, 0, 0, 0, List.of(), 0);
      }
      if (tally.lastPosition() != split.positions()) {
        throw new IllegalStateException("reading " + task.file() + " in parts went wrong: the part from line "
            + (split.linesBefore() + 1) + " started " + tally.lastPosition() + " records where "
            + split.positions() + " were counted. Please report this (with --verbose output); meanwhile,"
            + " exports smaller than " + (2 * FileSplits.TARGET_BYTES >> 20) + " MB are read whole.");
      }
      out.get(SPLIT_TALLIES).output(KV.of(task.file(), new SplitDone(task, tally)));
      cpuNanos.inc(System.nanoTime() - start);
    }
  }

  /** Input: a file's parsed splits. Output: the file's report, from their tallies in file order. */
  static final class MergeSplitsFn extends DoFn<KV<String, Iterable<SplitDone>>, FileReport> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<SplitDone>> file, OutputReceiver<FileReport> out) {
      List<SplitDone> done = new ArrayList<>();
      file.getValue().forEach(done::add);
      done.sort(Comparator.comparingInt(d -> d.task().split().index()));
      List<ExportReader.SplitTally> tallies = new ArrayList<>();
      done.forEach(d -> tallies.add(d.tally()));
      SplitTask t = done.get(0).task();
      out.output(ExportReader.report(file.getKey(), t.format(), t.encoding(), t.sha256(), t.bytes(), tallies));
    }
  }

  /** Coder for {@link SplitTask}. */
  static final class SplitTaskCoder extends AtomicCoder<SplitTask> {
    static final SplitTaskCoder INSTANCE = new SplitTaskCoder();
    private static final StringUtf8Coder S = StringUtf8Coder.of();
    private static final VarLongCoder L = VarLongCoder.of();

    @Override
    public void encode(SplitTask t, OutputStream out) throws IOException {
      S.encode(t.file(), out);
      S.encode(t.spec(), out);
      S.encode(t.format(), out);
      S.encode(t.encoding(), out);
      S.encode(t.sha256(), out);
      L.encode(t.bytes(), out);
      VarIntCoder.of().encode(t.split().index(), out);
      L.encode(t.split().start(), out);
      L.encode(t.split().end(), out);
      L.encode(t.split().linesBefore(), out);
      L.encode(t.split().positionsBefore(), out);
      L.encode(t.split().positions(), out);
    }

    @Override
    public SplitTask decode(InputStream in) throws IOException {
      return new SplitTask(S.decode(in), S.decode(in), S.decode(in), S.decode(in), S.decode(in), L.decode(in),
          new FileSplits.Split(VarIntCoder.of().decode(in), L.decode(in), L.decode(in), L.decode(in), L.decode(in),
              L.decode(in)));
    }
  }

  /** Coder for {@link SplitDone}. */
  static final class SplitDoneCoder extends AtomicCoder<SplitDone> {
    static final SplitDoneCoder INSTANCE = new SplitDoneCoder();
    private static final VarLongCoder L = VarLongCoder.of();

    @Override
    public void encode(SplitDone d, OutputStream out) throws IOException {
      SplitTaskCoder.INSTANCE.encode(d.task(), out);
      ExportReader.SplitTally t = d.tally();
      for (long v : new long[] {t.records(), t.rejected(), t.lastPosition(), t.noAbstract(), t.noYear(),
          t.oddYear(), t.noAuthors(), t.moreNotes()}) {
        L.encode(v, out);
      }
      VarIntCoder.of().encode(t.notes().size(), out);
      for (String note : t.notes()) {
        StringUtf8Coder.of().encode(note, out);
      }
    }

    @Override
    public SplitDone decode(InputStream in) throws IOException {
      SplitTask task = SplitTaskCoder.INSTANCE.decode(in);
      long[] v = new long[8];
      for (int i = 0; i < v.length; i++) {
        v[i] = L.decode(in);
      }
      int notes = VarIntCoder.of().decode(in);
      List<String> list = new ArrayList<>(notes);
      for (int i = 0; i < notes; i++) {
        list.add(StringUtf8Coder.of().decode(in));
      }
      return new SplitDone(task, new ExportReader.SplitTally(v[0], v[1], v[2], v[3], v[4], v[5], v[6], list, v[7]));
    }
  }

  /** Counts the bytes read into {@code bytesRead}, for progress reports. */
  static InputStream counted(InputStream in, Counter bytesRead) {
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

  /**
   * The {@code length} bytes of {@code spec} from byte {@code start}: the channel is positioned
   * there where it can seek (local files, cloud storage), else the bytes before are skipped. The
   * one way litsieve reads a range of a file: a split of an export here, a piece of a previous
   * run's screened file in {@code pipeline.ReadPrevious}.
   */
  public static InputStream openAt(String spec, long start, long length) throws IOException {
    MatchResult.Metadata metadata = FileSystems.matchSingleFileSpec(spec);
    ReadableByteChannel channel = FileSystems.open(metadata.resourceId());
    InputStream in = Channels.newInputStream(channel);
    if (channel instanceof SeekableByteChannel seekable) {
      seekable.position(start);
    } else {
      in.skipNBytes(start);
    }
    return org.apache.commons.io.input.BoundedInputStream.builder().setInputStream(in).setMaxCount(length).get();
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
