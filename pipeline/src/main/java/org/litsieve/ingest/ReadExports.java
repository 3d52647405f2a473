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
import java.util.Map;
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
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.litsieve.dedup.Deduplicate;
import org.litsieve.model.BibRecord;
import org.litsieve.model.FileReport;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;
import org.litsieve.shuffle.Spread;

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
 * record starts can be found in its bytes (RIS, MEDLINE; UTF-8) is cut at record starts by
 * {@link FileSplits} and its splits are parsed in parallel. Their records and rejects wait, encoded
 * ({@link Spread}), until every split's count is known, and are then numbered as one parse of the
 * whole file numbers them (position, line); their tallies make the file's one report. So the
 * output is the same however a file is read; only the time differs. Other files are parsed whole.
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
  private static final TupleTag<KV<String, BibRecord>> SPLIT_RECORDS = new TupleTag<>() {};
  private static final TupleTag<KV<String, Rejected>> SPLIT_REJECTS = new TupleTag<>() {};
  private static final TupleTag<KV<String, SplitDone>> SPLIT_TALLIES = new TupleTag<>() {};
  private static final TupleTag<FileReport> SPLIT_REPORTS = new TupleTag<>() {};
  private static final TupleTag<KV<String, KV<Long, Long>>> SPLIT_OFFSETS = new TupleTag<>() {};
  /** Shards the waiting split records are spread over. */
  private static final int WAITING_SHARDS = 8;

  private final long splitBytes;
  private final boolean compressWaiting;

  private ReadExports(long splitBytes, boolean compressWaiting) {
    if (splitBytes < 1) {
      throw new IllegalArgumentException("splitBytes must be at least 1, got " + splitBytes);
    }
    this.splitBytes = splitBytes;
    this.compressWaiting = compressWaiting;
  }

  /** Reads the files, splitting large ones at {@link FileSplits#TARGET_BYTES}. */
  public static ReadExports files() {
    return new ReadExports(FileSplits.TARGET_BYTES, false);
  }

  /**
   * The same reading, sized for inputs of {@code bytes} in all: from
   * {@link Deduplicate#COMPRESS_RECORDS_FROM_BYTES} on, split records wait for their numbers
   * compressed (as the deduplication's waiting records do).
   */
  public ReadExports forInputBytes(long bytes) {
    return new ReadExports(splitBytes, bytes >= Deduplicate.COMPRESS_RECORDS_FROM_BYTES);
  }

  /** The same reading with splits of about {@code bytes} (for tests: tiny splits on small files). */
  public ReadExports withSplitBytes(long bytes) {
    return new ReadExports(bytes, compressWaiting);
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
            .withOutputTags(SPLIT_RECORDS, TupleTagList.of(List.of(SPLIT_REJECTS, SPLIT_TALLIES))));
    PCollectionTuple merged = parts.get(SPLIT_TALLIES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SplitDoneCoder.INSTANCE))
        .apply("GroupSplitTallies", GroupByKey.create())
        .apply("MergeSplitTallies", ParDo.of(new MergeSplitsFn())
            .withOutputTags(SPLIT_REPORTS, TupleTagList.of(SPLIT_OFFSETS)));
    PCollectionView<Map<String, KV<Long, Long>>> offsets = merged.get(SPLIT_OFFSETS)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), VarLongCoder.of())))
        .apply("SplitOffsets", View.asMap());
    PCollection<BibRecord> numbered = parts.get(SPLIT_RECORDS)
        .apply("WaitForSplitCounts", Spread.<KV<String, BibRecord>>over(WAITING_SHARDS).compressed(compressWaiting))
        .apply("NumberSplitRecords", ParDo.of(new NumberRecordsFn(offsets)).withSideInputs(offsets));
    PCollection<Rejected> numberedRejects = parts.get(SPLIT_REJECTS)
        .apply("NumberSplitRejects", ParDo.of(new NumberRejectsFn(offsets)).withSideInputs(offsets));
    return PCollectionTuple
        .of(RECORDS, PCollectionList.of(whole.get(RECORDS)).and(numbered)
            .apply("AllRecords", Flatten.pCollections()))
        .and(REJECTS, PCollectionList.of(whole.get(REJECTS)).and(numberedRejects)
            .apply("AllRejects", Flatten.pCollections()))
        .and(REPORTS, PCollectionList.of(whole.get(REPORTS)).and(merged.get(SPLIT_REPORTS))
            .apply("AllReports", Flatten.pCollections()));
  }

  /** The key of split {@code index} of {@code file} in the side input of offsets. */
  static String splitKey(String file, int index) {
    return file + "\u0000" + index;
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
      try (InputStream in = counted(open(file.getValue()), bytesRead)) {
        out.get(REPORTS).output(ExportReader.read(name, in, sink));
      } catch (IOException e) {
        sink.reject(new Rejected(name, 0, 0, "cannot read the file: " + describe(e), ""));
        out.get(REPORTS).output(new FileReport(name, "unreadable", "", "", 0, 0, 1, List.of()));
      }
    }
  }

  /**
   * Parses one split: records and rejects keyed by their split, positions and lines counted from
   * the split's start, and the split's tally.
   */
  static final class ParseSplitFn extends DoFn<SplitTask, KV<String, BibRecord>> {
    private final Counter parsed = Metrics.counter(ReadExports.class, "recordsRead");
    private final Counter rejected = Metrics.counter(ReadExports.class, "recordsRejected");
    private final Counter bytesRead = Metrics.counter(ReadExports.class, "bytesRead");
    private final Counter cpuNanos = Metrics.counter("parse", "cpuNanos");

    @ProcessElement
    public void process(@Element SplitTask task, MultiOutputReceiver out) {
      long start = System.nanoTime();
      String key = splitKey(task.file(), task.split().index());
      ParseSink sink = new ParseSink() {
        @Override
        public void record(BibRecord record) {
          parsed.inc();
          out.get(SPLIT_RECORDS).output(KV.of(key, record));
        }

        @Override
        public void reject(Rejected r) {
          rejected.inc();
          out.get(SPLIT_REJECTS).output(KV.of(key, r));
        }
      };
      ExportReader.SplitTally tally;
      ExportParser parser = ExportFormats.byId(task.format()).orElseThrow(
          () -> new IllegalStateException("no parser " + task.format()));
      FileSplits.Split split = task.split();
      try (InputStream in = counted(openAt(task.spec(), split.start(), split.end() - split.start()), bytesRead)) {
        tally = ExportReader.readSplit(task.file(), in, parser, split.linesBefore(), sink);
      } catch (IOException e) {
        sink.reject(new Rejected(task.file(), 0, 0, "cannot read lines " + (split.linesBefore() + 1)
            + " onwards (bytes " + split.start() + "-" + split.end() + "): " + describe(e), ""));
        tally = new ExportReader.SplitTally(0, 1, 0, 0, 0, 0, 0, List.of(), 0);
      }
      out.get(SPLIT_TALLIES).output(KV.of(task.file(), new SplitDone(task, tally)));
      cpuNanos.inc(System.nanoTime() - start);
    }
  }

  /**
   * Input: a file's parsed splits. Output: the file's report ({@link #SPLIT_REPORTS}) and, per
   * split, the positions used by the splits before it and the lines before it
   * ({@link #SPLIT_OFFSETS}).
   */
  static final class MergeSplitsFn extends DoFn<KV<String, Iterable<SplitDone>>, FileReport> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<SplitDone>> file, MultiOutputReceiver out) {
      List<SplitDone> done = new ArrayList<>();
      file.getValue().forEach(done::add);
      done.sort(Comparator.comparingInt(d -> d.task().split().index()));
      long positions = 0;
      List<ExportReader.SplitTally> tallies = new ArrayList<>();
      for (SplitDone d : done) {
        out.get(SPLIT_OFFSETS).output(KV.of(splitKey(file.getKey(), d.task().split().index()),
            KV.of(positions, d.task().split().linesBefore())));
        positions += d.tally().lastPosition();
        tallies.add(d.tally());
      }
      SplitTask t = done.get(0).task();
      out.get(SPLIT_REPORTS).output(
          ExportReader.report(file.getKey(), t.format(), t.encoding(), t.sha256(), t.bytes(), tallies));
    }
  }

  /** Numbers the waiting records of split files as one parse of the whole file would. */
  static final class NumberRecordsFn extends DoFn<KV<Integer, Iterable<KV<String, BibRecord>>>, BibRecord> {
    private final PCollectionView<Map<String, KV<Long, Long>>> offsets;

    NumberRecordsFn(PCollectionView<Map<String, KV<Long, Long>>> offsets) {
      this.offsets = offsets;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, BibRecord>>> batch, ProcessContext c) {
      Map<String, KV<Long, Long>> map = c.sideInput(offsets);
      for (KV<String, BibRecord> r : batch.getValue()) {
        KV<Long, Long> base = map.get(r.getKey());
        Provenance o = r.getValue().origin();
        List<Provenance> provenance = new ArrayList<>(r.getValue().provenance());
        provenance.set(0, new Provenance(o.sourceFile(), (int) (o.position() + base.getKey()),
            o.line() == 0 ? 0 : (int) (o.line() + base.getValue()), o.sourceId(), o.database()));
        c.output(r.getValue().toBuilder().provenance(provenance).build());
      }
    }
  }

  /** Numbers the rejects of split files as one parse of the whole file would. */
  static final class NumberRejectsFn extends DoFn<KV<String, Rejected>, Rejected> {
    private final PCollectionView<Map<String, KV<Long, Long>>> offsets;

    NumberRejectsFn(PCollectionView<Map<String, KV<Long, Long>>> offsets) {
      this.offsets = offsets;
    }

    @ProcessElement
    public void process(@Element KV<String, Rejected> r, ProcessContext c) {
      KV<Long, Long> base = c.sideInput(offsets).get(r.getKey());
      Rejected x = r.getValue();
      c.output(new Rejected(x.sourceFile(), x.position() == 0 ? 0 : (int) (x.position() + base.getKey()),
          x.line() == 0 ? 0 : (int) (x.line() + base.getValue()), x.reason(), x.excerpt()));
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
    }

    @Override
    public SplitTask decode(InputStream in) throws IOException {
      return new SplitTask(S.decode(in), S.decode(in), S.decode(in), S.decode(in), S.decode(in), L.decode(in),
          new FileSplits.Split(VarIntCoder.of().decode(in), L.decode(in), L.decode(in), L.decode(in)));
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
   * there where it can seek (local files, cloud storage), else the bytes before are skipped.
   */
  static InputStream openAt(String spec, long start, long length) throws IOException {
    MatchResult.Metadata metadata = FileSystems.matchSingleFileSpec(spec);
    ReadableByteChannel channel = FileSystems.open(metadata.resourceId());
    InputStream in;
    if (channel instanceof SeekableByteChannel seekable) {
      seekable.position(start);
      in = Channels.newInputStream(channel);
    } else {
      in = Channels.newInputStream(channel);
      in.skipNBytes(start);
    }
    return new java.io.FilterInputStream(in) {
      private long left = length;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        int b = super.read();
        if (b >= 0) {
          left--;
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }
    };
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
