package org.litsieve.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.litsieve.model.FinalRecord;
import org.litsieve.model.LivingRecord;
import org.litsieve.model.ScreenedRecord;
import org.litsieve.output.CsvRows;
import org.litsieve.output.OutputFiles;
import org.litsieve.shuffle.Await;
import org.litsieve.shuffle.GroupByShard;
import org.litsieve.shuffle.Shards;

/**
 * Writes a run's record store ({@value RecordStore#FILE} and {@value RecordStore#INDEX}) inside the
 * pipeline, byte for byte as the driver's {@link LivingStep} writes it with
 * {@link RecordStore.StoreWriter}, the previous store's members whose records are all carried
 * forward unchanged copied byte for byte.
 *
 * <p>Input, a tuple:
 * <ul>
 *   <li>{@link #RECORDS}: every decided record of the step ({@link ContinueReview}'s output, or
 *       {@link FirstRunRecords}' in a first run): whether a record is part of the review's
 *       result (included, in review or decided by reviewers, {@link RecordStore#isResult}) comes
 *       from its final cells; a final id held by more records than {@link #THIS_RUN} gives is
 *       carried forward;
 *   <li>{@link #THIS_RUN}: this run's records, {@code KV<the id the pipeline screened it under,
 *       the record as the rules screened it under its final id>}: the driver stores them first,
 *       in the order of the pipeline's hand-over (title in lower case, then the pipeline's id,
 *       {@link CsvRows#screenedSortKey});
 *   <li>{@link #RESCREENED} (optional): the carried-forward records screened again after a rules
 *       change, under their ids; a carried record without one is stored as the previous store
 *       holds it (its line copied, or its whole member).
 * </ul>
 * and, for a run that continues another, the previous store's members as its index lists them
 * (offset, length, ids; listed on the driver, {@link #continuing}), or the whole file when it has
 * no usable index.
 *
 * <p>The layout is the driver's: this run's records in members of {@link RecordStore#memberRecords}
 * (the result's records in members of their own, a member written when it is full, the partial ones
 * last, the result's first), then the previous store's members in order: a member whose ids are all
 * carried forward, not screened again, not part of the result and not stored in an earlier member
 * is copied whole; of the others, each carried id's first stored line (or its record screened
 * again) goes on into members of this run's store the same way. Where a member falls depends on the
 * records before it, so one global step (over one small value per record of this run and one per
 * member of the previous store, not the records) plans the layout: each member's number and its
 * first record. The records then meet their member in parallel (the plan a side input; this run's
 * stored lines wait for it set aside in hidden files of the output folder, {@link SpilledLines},
 * the runner carrying only where each is), each member is compressed by the worker that holds it
 * ({@link RecordStore#gzip}: gzip members are independent) and appended to its shard's part file in
 * the output folder (a hidden name unique to the step), and one step streams the members from
 * the parts and the previous store's copied members into the store in order, through Beam's
 * {@code FileSystems}, and writes the index from the members' lengths: no step holds more than one
 * member's bytes. A last step, after a grouping, deletes the parts and the set-aside lines, so that
 * a writer the runner retries still finds them.
 *
 * <p>After {@code --previous}, {@link #THIS_RUN} and {@link #RESCREENED} are
 * {@link ContinueReview#THIS_RUN} and {@link ContinueReview#RESCREENED}; in a first run
 * {@link #THIS_RUN} is {@link #firstRunThisRun()}'s. The carried records' places are found here,
 * from the index and the decided records.
 *
 * <p>Output: the two files, and two counts for the manifest's {@code living} summary handed to the
 * driver as metrics ({@link #counts}).
 *
 * <p>Known difference: a final id held by two carried rows whose titles are equal ignoring case
 * (a previous run whose files hold one id twice, which litsieve never writes) and whose decisions
 * differ in being part of the result: the driver takes the one it decided last, which the
 * records do not say; here the row whose cells hash last.
 *
 * <p>Failure behaviour: an unreadable previous store, or a member whose lines do not hold the ids
 * its index lists, fails the run naming the file; a record of this run without a decided record
 * fails it too (a bug, not bad input), and so does a part file or a set-aside file gone or cut
 * short before it was read. The caller writes into a temporary folder: a failed run leaves its
 * part files and set-aside files there.
 */
final class WriteStore extends PTransform<PCollectionTuple, PDone> {
  /** Every decided record of the step. */
  static final TupleTag<LivingRecord> RECORDS = new TupleTag<>() {};
  /** This run's records: the pipeline's id → the record as screened, under its final id. */
  static final TupleTag<KV<String, ScreenedRecord>> THIS_RUN = new TupleTag<>() {};
  /** Optional: carried-forward records screened again after a rules change. */
  static final TupleTag<ScreenedRecord> RESCREENED = new TupleTag<>() {};

  /** The metric names of {@link #counts}: the manifest's {@code living} summary's names. */
  static final String COPIED = "stored_records_copied";
  static final String WITHOUT_STORED = "without_stored_record";

  /**
   * What the step counted, for the manifest's {@code living} summary, as the driver's
   * {@link LivingStep} counts it: the records copied in whole members of the previous store, and
   * the carried-forward ids the previous store does not hold (all of them when it kept none).
   */
  record Counts(long storedRecordsCopied, long withoutStoredRecord) {}

  /**
   * The counts the step reported in {@code result}, a finished run with it: the plan's step hands
   * each over as a {@code Distribution} updated once with its value ({@link HandedOver#number}).
   * 0 and 0 for a first run.
   *
   * @throws IllegalStateException when the run did not report them (the step did not run)
   */
  static Counts counts(PipelineResult result) {
    return new Counts(HandedOver.number(result, MetricNameFilter.named(WriteStore.class, COPIED), COPIED),
        HandedOver.number(result, MetricNameFilter.named(WriteStore.class, WITHOUT_STORED), WITHOUT_STORED));
  }

  private final String directory;
  private final String previousStore;
  /**
   * The previous store's members (offset, length, ids), or one entry of the whole file (ids null);
   * null when the graph lists them from the store's index ({@link StoreMembers}).
   */
  private final List<Piece> previousMembers;
  private final int memberRecords;
  /**
   * The name of this step's part files in the output folder, before the part's number: hidden,
   * and unique to the step (a random token), so no other file of the folder can have it.
   */
  private final String partPrefix;

  private WriteStore(String directory, String previousStore, List<Piece> previousMembers, int memberRecords) {
    this.directory = directory;
    this.previousStore = previousStore;
    this.previousMembers = previousMembers;
    this.memberRecords = memberRecords;
    this.partPrefix = ".records-part-" + UUID.randomUUID() + "-";
  }

  /** Writes a first run's store (no previous run) into {@code directory}, which must exist. */
  static WriteStore to(String directory) {
    return new WriteStore(directory, null, List.of(), RecordStore.memberRecords());
  }

  /**
   * Writes the store of a run that continues the run whose store is {@code previousStore} (a
   * local path: its index is listed here, on the driver); a previous run without a store keeps
   * nothing of the carried-forward records, as the driver does.
   */
  static WriteStore continuing(String directory, Path previousStore) {
    if (!Files.isRegularFile(previousStore)) {
      return to(directory);
    }
    // the members are listed inside the graph (StoreMembers): held in the transform, the index of a
    // long history would be deserialised with it for every bundle the DirectRunner starts
    return new WriteStore(directory, previousStore.toString(), null, RecordStore.memberRecords());
  }

  /**
   * As {@link #continuing(String, Path)}, the store given by its spec (any file system Beam knows)
   * and its members as {@link RecordStore#index} lists them, or null when it has no usable index
   * (the whole file is then read, and nothing copied, as the driver does).
   */
  static WriteStore continuing(String directory, String previousStore, List<RecordStore.Member> members) {
    List<Piece> pieces = new ArrayList<>();
    if (members == null) {
      pieces.add(new Piece(Piece.MEMBER, "", null, 0, 0, -1, -1, null, false));
    } else {
      for (int i = 0; i < members.size(); i++) {
        RecordStore.Member m = members.get(i);
        pieces.add(new Piece(Piece.MEMBER, "", String.join(" ", m.ids()), i, m.offset(), m.length(), -1, null,
            false));
      }
    }
    return new WriteStore(directory, previousStore, pieces, RecordStore.memberRecords());
  }

  /**
   * A first run's {@link #THIS_RUN} (a run with a previous one takes {@link ContinueReview#THIS_RUN}):
   * each final record's record as the rules screened it ({@link FinalRecord#screened()}), under
   * its own id, which is its final id. Input: the pipeline's final records; output: one value per
   * record; fails on nothing.
   */
  static PTransform<PCollection<FinalRecord>, PCollection<KV<String, ScreenedRecord>>> firstRunThisRun() {
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, ScreenedRecord>> expand(PCollection<FinalRecord> records) {
        return records.apply("ScreenedById", ParDo.of(new DoFn<FinalRecord, KV<String, ScreenedRecord>>() {
          @ProcessElement
          public void process(@Element FinalRecord f, OutputReceiver<KV<String, ScreenedRecord>> out) {
            out.output(KV.of(f.screened().recordId(), f.screened()));
          }
        })).setCoder(KvCoder.of(StringUtf8Coder.of(), ScreenedRecord.ScreenedRecordCoder.of()));
      }
    };
  }

  /** A member of the previous store as {@link StoreMembers} lists it, as the piece the plan takes. */
  static final class MemberPieceFn extends DoFn<KV<Long, KV<KV<Long, Long>, List<String>>>, Piece> {
    @ProcessElement
    public void process(@Element KV<Long, KV<KV<Long, Long>, List<String>>> m, OutputReceiver<Piece> out) {
      if (m.getKey() == StoreMembers.WHOLE_FILE) {
        out.output(new Piece(Piece.MEMBER, "", null, 0, 0, -1, -1, null, false));
      } else {
        KV<Long, Long> place = m.getValue().getKey();
        out.output(new Piece(Piece.MEMBER, "", String.join(" ", m.getValue().getValue()), m.getKey(),
            place.getKey(), place.getValue(), -1, null, false));
      }
    }
  }

  /**
   * A value of the store's groupings, by kind: a decided record's id ({@code key} its title in
   * lower case, {@code line} its cells, {@code result}); this run's record ({@code key} its sort
   * key, its stored line set aside: {@code line} the file, {@code offset}, {@code length}); a
   * record screened again ({@code line}); an id stored in the previous store ({@code pos}: member
   * and line); a previous member ({@code pos} its number, {@code offset}, {@code length},
   * {@code key} its ids, null for the whole file); a line's fate in its member ({@code pos},
   * {@code key} one of {@link Plan}'s letters); a record to store ({@code key}/{@code pos} its
   * order, {@code line}, {@code result}, {@code seq} its member once planned; a {@code length}
   * above 0 says the line is set aside, as this run's record's); a previous member's plan
   * ({@code key} its letters, {@code line} its ids); a number of carried ids no previous member
   * stores ({@code pos}).
   */
  record Piece(int kind, String id, String key, long pos, long offset, long length, int seq, String line,
      boolean result) {
    static final int LIVING = 0;
    static final int THIS_RUN = 1;
    static final int RESCREENED = 2;
    static final int OCCURRENCE = 3;
    static final int MEMBER = 4;
    static final int STATUS = 5;
    static final int SLOT_A = 6;
    static final int SLOT_B = 7;
    static final int LINE = 8;
    static final int MARK = 9;
    static final int WITHOUT = 10;
  }

  /** Deterministic coder for {@link Piece}. */
  static final class PieceCoder extends AtomicCoder<Piece> {
    static final PieceCoder INSTANCE = new PieceCoder();
    private static final NullableCoder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());

    @Override
    public void encode(Piece p, OutputStream out) throws IOException {
      VarIntCoder.of().encode(p.kind(), out);
      TEXT.encode(p.id(), out);
      TEXT.encode(p.key(), out);
      VarLongCoder.of().encode(p.pos(), out);
      VarLongCoder.of().encode(p.offset(), out);
      VarLongCoder.of().encode(p.length(), out);
      VarIntCoder.of().encode(p.seq(), out);
      TEXT.encode(p.line(), out);
      BooleanCoder.of().encode(p.result(), out);
    }

    @Override
    public Piece decode(InputStream in) throws IOException {
      return new Piece(VarIntCoder.of().decode(in), TEXT.decode(in), TEXT.decode(in), VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in), VarLongCoder.of().decode(in), VarIntCoder.of().decode(in), TEXT.decode(in),
          BooleanCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  private static final Coder<KV<Integer, Piece>> SHARDED = KvCoder.of(VarIntCoder.of(), PieceCoder.INSTANCE);
  /** A compressed member, written to its part file: its number, its length in bytes, its ids. */
  private static final Coder<KV<Integer, KV<Long, List<String>>>> COMPRESSED =
      KvCoder.of(VarIntCoder.of(), KvCoder.of(VarLongCoder.of(), ListCoder.of(StringUtf8Coder.of())));

  static int shard(String id, int shards) {
    return Math.floorMod(id.hashCode(), shards);
  }

  /** The paper's cells a decided record of this run takes from its record (not its id): which decided record is whose. */
  private static final List<String> PAPER = List.of("title", "authors", "year", "doi", "pmid", "sources", "source_ids");

  static long paper(Map<String, String> cells) {
    StringBuilder b = new StringBuilder();
    for (String c : PAPER) {
      b.append(cells.getOrDefault(c, "")).append('\u0001');
    }
    String t = b.toString();
    return ((long) t.hashCode() << 32) ^ (t.length() * 0x9E3779B9L) ^ new StringBuilder(t).reverse().toString().hashCode();
  }

  static long position(long member, long line) {
    return (member << 32) | line;
  }

  @Override
  public PDone expand(PCollectionTuple in) {
    // the shards of the groupings by id, by member and by new member
    int shards = Shards.of(in.getPipeline());
    PCollectionList<KV<Integer, byte[]>> byId = PCollectionList
        .of(in.get(RECORDS).apply("StoreDecided", ParDo.of(new DecidedFn(shards))).setCoder(GroupByShard.BATCH_CODER))
        .and(in.get(THIS_RUN).apply("StoreThisRun", ParDo.of(new ThisRunFn(directory, partPrefix, shards)))
            .setCoder(GroupByShard.BATCH_CODER));
    if (in.has(RESCREENED)) {
      byId = byId.and(in.get(RESCREENED).apply("StoreRescreened", ParDo.of(new RescreenedFn(shards)))
          .setCoder(GroupByShard.BATCH_CODER));
    }
    boolean continuing = previousStore != null;
    PCollection<Piece> members = null;
    if (continuing) {
      members = previousMembers != null
          ? in.getPipeline().apply("PreviousMembers", Create.of(previousMembers).withCoder(PieceCoder.INSTANCE))
          : in.getPipeline().apply("PreviousMembers", StoreMembers.of(previousStore))
              .apply("AsPieces", ParDo.of(new MemberPieceFn())).setCoder(PieceCoder.INSTANCE);
      byId = byId.and(members.apply("StoredIds", ParDo.of(new OccurrencesFn(previousStore, shards)))
          .setCoder(GroupByShard.BATCH_CODER));
    }
    PCollectionTuple joined = byId.apply("AllById", Flatten.pCollections())
        .apply("GroupStoreById", GroupByShard.ofBatches(PieceCoder.INSTANCE))
        .apply("JoinById", ParDo.of(new JoinFn(shards)).withOutputTags(STATUSES, TupleTagList.of(SLOTS).and(LINES)));
    PCollectionList<KV<Integer, Piece>> slots = PCollectionList
        .of(joined.get(SLOTS).setCoder(SHARDED))
        .and(in.getPipeline().apply("PlanMark", Create.of(KV.of(0, new Piece(Piece.MARK, "", "", 0, 0, 0, -1, null,
            false))).withCoder(SHARDED)));
    PCollectionList<Piece> lines = PCollectionList.of(joined.get(LINES).setCoder(PieceCoder.INSTANCE));
    if (continuing) {
      PCollectionTuple read = PCollectionList.of(joined.get(STATUSES).setCoder(GroupByShard.BATCH_CODER))
          .and(members.apply("MembersByNumber", ParDo.of(new ByMemberFn(shards))).setCoder(GroupByShard.BATCH_CODER))
          .apply("AllByMember", Flatten.pCollections())
          .apply("GroupByMember", GroupByShard.ofBatches(PieceCoder.INSTANCE))
          .apply("ReadMembers", ParDo.of(new MemberFn(previousStore))
              .withOutputTags(SLOTS, TupleTagList.of(LINES)));
      slots = slots.and(read.get(SLOTS).setCoder(SHARDED));
      lines = lines.and(read.get(LINES).setCoder(PieceCoder.INSTANCE));
    } else {
      joined.get(STATUSES).setCoder(GroupByShard.BATCH_CODER);
    }
    PCollectionView<Plan> plan = slots.apply("AllSlots", Flatten.pCollections())
        .apply("GatherSlots", GroupByShard.create())
        .apply("PlanMembers", ParDo.of(new PlanFn(memberRecords))).setCoder(PlanCoder.INSTANCE)
        .apply("PlanView", View.asSingleton());
    PCollection<KV<Integer, KV<Long, List<String>>>> compressed = lines
        .apply("AllLines", Flatten.pCollections())
        .apply("AwaitPlan", Await.views(plan))
        .apply("ToMembers", ParDo.of(new AssignFn(plan, shards)).withSideInputs(plan)).setCoder(GroupByShard.BATCH_CODER)
        .apply("GroupByNewMember", GroupByShard.ofBatches(PieceCoder.INSTANCE))
        .apply("CompressMembers", ParDo.of(new CompressFn(directory, partPrefix, shards))).setCoder(COMPRESSED);
    PCollectionList.of(compressed)
        .and(in.getPipeline().apply("WriteMark", Create.of(KV.of(-1, KV.of(0L, List.<String>of())))
            .withCoder(COMPRESSED)))
        .apply("AllMembers", Flatten.pCollections())
        .apply("OneWriter", ParDo.of(new ToOneFn())).setCoder(KvCoder.of(VarIntCoder.of(), COMPRESSED))
        .apply("GatherMembers", GroupByShard.create())
        .apply("WriteStoreFile", ParDo.of(new WriteFn(directory, previousStore, partPrefix, plan, shards))
            .withSideInputs(plan)).setCoder(KvCoder.of(VarIntCoder.of(), VarIntCoder.of()))
        // the parts go in a step of their own, after a grouping (which a runner does not fuse
        // across): a writer retried after its parts were deleted would find none
        .apply("AfterTheStore", GroupByShard.create())
        .apply("DeleteParts", ParDo.of(new DeletePartsFn(directory, partPrefix)));
    return PDone.in(in.getPipeline());
  }

  private static final TupleTag<KV<Integer, byte[]>> STATUSES = new TupleTag<>() {};
  private static final TupleTag<KV<Integer, Piece>> SLOTS = new TupleTag<>() {};
  private static final TupleTag<Piece> LINES = new TupleTag<>() {};

  /** Receives a piece for a shard. */
  @FunctionalInterface
  interface Emit {
    void emit(int shard, Piece p) throws IOException;
  }

  /**
   * A step that sends its pieces to shards in batches ({@link GroupByShard.Batcher}): the runner
   * carries one element per batch, not one per decided record, stored id or line.
   */
  abstract static class ToShards<T> extends DoFn<T, KV<Integer, byte[]>> {
    /** The shards of the grouping the pieces go to. */
    final int shards;
    private transient GroupByShard.Batcher<Piece> batcher;

    ToShards(int shards) {
      this.shards = shards;
    }

    @StartBundle
    public void start() {
      batcher = GroupByShard.Batcher.of(PieceCoder.INSTANCE);
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      pieces(c.element(), (shard, p) -> {
        KV<Integer, byte[]> full = batcher.add(shard, p);
        if (full != null) {
          c.output(full);
        }
      });
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      endBundle();
      batcher.finish(c);
    }

    abstract void pieces(T element, Emit out) throws IOException;

    /** Ends what the step keeps for a bundle, before its last batches go. */
    void endBundle() throws IOException {}
  }

  /** A decided record: its id, whether it is part of the result, and what picks one of an id's rows. */
  static final class DecidedFn extends ToShards<LivingRecord> {
    DecidedFn(int shards) {
      super(shards);
    }

    @Override
    void pieces(LivingRecord r, Emit out) throws IOException {
      String title = r.cells().getOrDefault("title", "").toLowerCase(Locale.ROOT);
      // ties of an id held twice are broken by a hash of the cells: deterministic, and small to carry
      String cells = Integer.toHexString(new TreeMap<>(r.cells()).toString().hashCode());
      out.emit(shard(r.recordId(), shards), new Piece(Piece.LIVING, r.recordId(), title, paper(r.cells()), 0, 0, -1,
          cells, RecordStore.isResult(r.decision(), r.cells().get("stage"))));
    }
  }

  /**
   * This run's record: its sort key in the pipeline's hand-over, its stored line under its final id
   * set aside ({@link SpilledLines}) until its member is known.
   */
  static final class ThisRunFn extends ToShards<KV<String, ScreenedRecord>> {
    private final String directory;
    private final String partPrefix;
    private transient SpilledLines.Writer spill;

    ThisRunFn(String directory, String partPrefix, int shards) {
      super(shards);
      this.directory = directory;
      this.partPrefix = partPrefix;
    }

    @Override
    void endBundle() throws IOException {
      if (spill != null) {
        spill.close();
        spill = null;
      }
    }

    @Override
    void pieces(KV<String, ScreenedRecord> kv, Emit out) throws IOException {
      ScreenedRecord s = kv.getValue();
      String sortKey = CsvRows.screenedSortKey(new ScreenedRecord(kv.getKey(), s.record(), s.decision(), s.stage(),
          s.reason(), s.matchedBlocks(), s.tags()));
      if (spill == null) {
        spill = new SpilledLines.Writer(directory, partPrefix);
      }
      SpilledLines.Ref line = spill.write(RecordStore.line(s));
      out.emit(shard(s.recordId(), shards), new Piece(Piece.THIS_RUN, s.recordId(), sortKey,
          paper(MatchPrevious.row(s)), line.offset(), line.length(), -1, line.file(), false));
    }
  }

  /** A carried-forward record screened again: its stored line. */
  static final class RescreenedFn extends ToShards<ScreenedRecord> {
    RescreenedFn(int shards) {
      super(shards);
    }

    @Override
    void pieces(ScreenedRecord s, Emit out) throws IOException {
      out.emit(shard(s.recordId(), shards), new Piece(Piece.RESCREENED, s.recordId(), "", 0, 0, 0, -1,
          RecordStore.line(s), false));
    }
  }

  /** Each id a previous member stores, with its place: from the index, or read (no usable index). */
  static final class OccurrencesFn extends ToShards<Piece> {
    private final String store;

    OccurrencesFn(String store, int shards) {
      super(shards);
      this.store = store;
    }

    @Override
    void pieces(Piece m, Emit out) throws IOException {
      long[] j = {0};
      RecordStore.LineVisitor emit = (id, line) -> out.emit(shard(id, shards),
          new Piece(Piece.OCCURRENCE, id, "", position(m.pos(), j[0]++), 0, 0, -1, null, false));
      if (m.key() == null) {
        RecordStore.forEach(store, null, emit);
      } else if (!m.key().isEmpty()) {
        for (String id : m.key().split(" ")) {
          emit.visit(id, null);
        }
      }
    }
  }

  /** A previous member, to its number's shard. */
  static final class ByMemberFn extends ToShards<Piece> {
    ByMemberFn(int shards) {
      super(shards);
    }

    @Override
    void pieces(Piece m, Emit out) throws IOException {
      out.emit(Math.floorMod(Long.hashCode(m.pos()), shards), m);
    }
  }

  /**
   * In a shard of ids: this run's records to the plan (their sort key and kind) and on to be
   * stored; each stored id's fate in its previous member (a carried id's first stored line is
   * stored again, or its record screened again in its place; any other line is left); the records
   * screened again on to be stored at their first stored line.
   */
  static final class JoinFn extends DoFn<KV<Integer, Iterable<Piece>>, KV<Integer, byte[]>> {
    private final int shards;
    private transient GroupByShard.Batcher<Piece> statuses;

    JoinFn(int shards) {
      this.shards = shards;
    }

    @StartBundle
    public void start() {
      statuses = GroupByShard.Batcher.of(PieceCoder.INSTANCE);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      statuses.finish(c);
    }

    static final class Id {
      final List<Piece> decided = new ArrayList<>(1);
      final List<Piece> thisRun = new ArrayList<>(1);
      String rescreened;
      final List<Long> stored = new ArrayList<>(1);
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Piece>> shard, MultiOutputReceiver out) throws IOException {
      Map<String, Id> ids = new HashMap<>();
      long without = 0;
      for (Piece p : shard.getValue()) {
        Id id = ids.computeIfAbsent(p.id(), k -> new Id());
        switch (p.kind()) {
          case Piece.LIVING -> id.decided.add(p);
          case Piece.THIS_RUN -> id.thisRun.add(p);
          case Piece.RESCREENED -> id.rescreened = id.rescreened == null || p.line().compareTo(id.rescreened) < 0
              ? p.line() : id.rescreened;
          case Piece.OCCURRENCE -> id.stored.add(p.pos());
          default -> throw new IllegalStateException("unexpected piece " + p.kind());
        }
      }
      for (Map.Entry<String, Id> e : ids.entrySet()) {
        String recordId = e.getKey();
        Id id = e.getValue();
        if (!id.thisRun.isEmpty() && id.decided.isEmpty()) {
          throw new IllegalStateException("record " + recordId + " of this run has no decided record");
        }
        // an id only the previous store holds (no decided record) is not carried: its lines are
        // left, as the driver leaves them
        boolean result = !id.decided.isEmpty() && row(id).result();
        for (Piece p : id.thisRun) {
          out.get(SLOTS).output(KV.of(0, new Piece(Piece.SLOT_A, "", p.key(), 0, 0, 0, -1, null, result)));
          out.get(LINES).output(new Piece(Piece.LINE, recordId, p.key(), 0, p.offset(), p.length(), -1, p.line(),
              result));
        }
        boolean carried = id.decided.size() > id.thisRun.size();
        if (id.stored.isEmpty()) {
          without += carried ? 1 : 0;
          continue;
        }
        Collections.sort(id.stored);
        long first = id.stored.get(0);
        for (long pos : id.stored) {
          char fate;
          if (!carried) {
            fate = Plan.LEFT;
          } else if (pos == first) {
            fate = id.rescreened != null ? (result ? Plan.SCREENED_RESULT : Plan.SCREENED_OTHER)
                : result ? Plan.STORED_RESULT : Plan.STORED_OTHER;
            if (id.rescreened != null) {
              out.get(LINES).output(new Piece(Piece.LINE, recordId, "", pos, 0, 0, -1, id.rescreened, result));
            }
          } else {
            fate = (pos >>> 32) == (first >>> 32) ? Plan.REPEATED : Plan.LEFT;
          }
          long member = pos >>> 32;
          KV<Integer, byte[]> full = statuses.add(Math.floorMod(Long.hashCode(member), shards),
              new Piece(Piece.STATUS, "", String.valueOf(fate), pos, 0, 0, -1, null, false));
          if (full != null) {
            out.get(STATUSES).output(full);
          }
        }
      }
      if (without > 0) {
        out.get(SLOTS).output(KV.of(0, new Piece(Piece.WITHOUT, "", "", without, 0, 0, -1, null, false)));
      }
    }
  }

  /**
   * The decided record of an id whose row the driver stores it with: of an id held by several
   * records (an earlier id this run matched that the previous run's files also hold for another
   * row, or held twice there), the last in the driver's order of rows: title ignoring case (the
   * id being the same), then this run's records before the carried ones; a decided record is this
   * run's when its paper's cells are those of one of this run's records under the id. Carried
   * rows of one title come in the previous files' order, which the records do not hold: a hash of
   * their cells decides.
   */
  static Piece row(JoinFn.Id id) {
    if (id.decided.size() == 1) {
      return id.decided.get(0);
    }
    Map<Long, Integer> ours = new HashMap<>();
    id.thisRun.forEach(p -> ours.merge(p.pos(), 1, Integer::sum));
    Piece best = null;
    boolean bestCarried = false;
    List<Piece> decided = new ArrayList<>(id.decided);
    decided.sort(Comparator.comparing(Piece::key).thenComparing(Piece::line));
    for (Piece p : decided) {
      Integer left = ours.get(p.pos());
      boolean carried = left == null || left == 0;
      if (!carried) {
        ours.put(p.pos(), left - 1);
      }
      int c = best == null ? 1 : p.key().compareTo(best.key());
      if (c > 0 || c == 0 && (carried || !bestCarried)) {
        best = p;
        bestCarried = carried;
      }
    }
    return best;
  }

  /**
   * In a shard of previous members: each member's fates to the plan (with where it is, to be
   * copied); of a member that is not copied whole, the stored lines of carried ids read (through
   * Beam's {@code FileSystems}) and on to be stored.
   */
  static final class MemberFn extends DoFn<KV<Integer, Iterable<Piece>>, KV<Integer, Piece>> {
    private final String store;

    MemberFn(String store) {
      this.store = store;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Piece>> shard, MultiOutputReceiver out) throws IOException {
      Map<Long, Piece> members = new HashMap<>();
      Map<Long, Map<Long, Character>> fates = new HashMap<>();
      for (Piece p : shard.getValue()) {
        if (p.kind() == Piece.MEMBER) {
          members.put(p.pos(), p);
        } else {
          fates.computeIfAbsent(p.pos() >>> 32, k -> new HashMap<>()).put(p.pos() & 0xffffffffL, p.key().charAt(0));
        }
      }
      for (Piece m : members.values()) {
        Map<Long, Character> f = fates.getOrDefault(m.pos(), Map.of());
        int n = m.key() == null ? f.keySet().stream().mapToInt(Long::intValue).max().orElse(-1) + 1
            : m.key().isEmpty() ? 0 : m.key().split(" ").length;
        char[] letters = new char[n];
        for (int j = 0; j < n; j++) {
          letters[j] = f.getOrDefault((long) j, Plan.LEFT);
        }
        String s = new String(letters);
        boolean whole = m.key() == null;
        out.get(SLOTS).output(KV.of(0, new Piece(Piece.SLOT_B, "", s, m.pos(), m.offset(), m.length(), -1,
            whole ? "" : m.key(), whole)));
        if (!whole && Plan.copied(s) || s.chars().noneMatch(c -> c == Plan.STORED_RESULT || c == Plan.STORED_OTHER)) {
          continue;
        }
        String[] listed = whole ? null : m.key().split(" ");
        long[] j = {0};
        RecordStore.forEach(store, whole ? null : new RecordStore.Member(m.offset(), m.length(), List.of()),
            (id, line) -> {
              int at = (int) j[0]++;
              if (listed != null && (at >= listed.length || !listed[at].equals(id))) {
                throw new IOException(store + ": the member at byte " + m.offset()
                    + " does not hold the ids its index lists (line " + (at + 1) + ": " + id + ")");
              }
              char fate = at < letters.length ? letters[at] : Plan.LEFT;
              if (fate == Plan.STORED_RESULT || fate == Plan.STORED_OTHER) {
                out.get(LINES).output(new Piece(Piece.LINE, id, "", position(m.pos(), at), 0, 0, -1, line,
                    fate == Plan.STORED_RESULT));
              }
            });
      }
    }
  }

  /** Every value to one shard: the step after it sees them all. */
  static final class ToOneFn extends DoFn<KV<Integer, KV<Long, List<String>>>,
      KV<Integer, KV<Integer, KV<Long, List<String>>>>> {
    @ProcessElement
    public void process(@Element KV<Integer, KV<Long, List<String>>> m,
        OutputReceiver<KV<Integer, KV<Integer, KV<Long, List<String>>>>> out) {
      out.output(KV.of(0, m));
    }
  }

  /**
   * Where each member goes: made once from a small value per record of this run (its sort key and
   * whether it is part of the result) and one per previous member (its lines' fates), never the
   * records. It replays the driver's {@link RecordStore.StoreWriter}: two open members (the
   * result's and the others'), each written when it holds {@code memberRecords} records; this
   * run's records in their order, then the open members ended (the result's first); then the
   * previous members in order, a member copied whole written in turn, the others' stored records
   * added in their order; at the end the open members, the result's first.
   *
   * <p>A member is known by its kind (this run's or the previous members', result or other), its
   * number among those, and the first record it holds (its sort key, or its member and line in the
   * previous store); a record finds its member by searching those.
   */
  record Plan(int memberRecords, int members, List<List<String>> thisRunFirst, List<List<Integer>> thisRunSeq,
      List<List<Long>> carriedFirst, List<List<Integer>> carriedSeq, List<Piece> copies) {
    /** A previous line that is not stored again (not carried, or an id stored before). */
    static final char LEFT = '-';
    /** A carried id's first stored line, stored again as it is: part of the result, or not. */
    static final char STORED_RESULT = 'r';
    static final char STORED_OTHER = 'o';
    /** A carried id's first stored line, in whose place its record screened again is stored. */
    static final char SCREENED_RESULT = 'R';
    static final char SCREENED_OTHER = 'S';
    /** An id stored again in the member of its first line (a member copied whole keeps it). */
    static final char REPEATED = 'd';

    /** Whether the driver copies a member of these fates whole: every id carried as it was, none of the result. */
    static boolean copied(String fates) {
      return !fates.isEmpty() && fates.chars().allMatch(c -> c == STORED_OTHER || c == REPEATED);
    }

    static int kind(boolean result) {
      return result ? 0 : 1;
    }

    /** The member of this run's record with sort key {@code key}. */
    int thisRun(String key, boolean result) {
      List<String> first = thisRunFirst.get(kind(result));
      int j = Collections.binarySearch(first, key);
      return thisRunSeq.get(kind(result)).get(j >= 0 ? j : -j - 2);
    }

    /** The member of the carried record stored at {@code pos} of the previous store. */
    int carried(long pos, boolean result) {
      List<Long> first = carriedFirst.get(kind(result));
      int j = Collections.binarySearch(first, pos);
      return carriedSeq.get(kind(result)).get(j >= 0 ? j : -j - 2);
    }
  }

  /** Makes the {@link Plan} from every slot (one group). */
  static final class PlanFn extends DoFn<KV<Integer, Iterable<Piece>>, Plan> {
    private final int memberRecords;

    PlanFn(int memberRecords) {
      this.memberRecords = memberRecords;
    }

    /** Open members of the two kinds, as the driver's writer keeps them. */
    private final class Open {
      final List<List<Object>> first = List.of(new ArrayList<>(), new ArrayList<>());
      final List<List<Integer>> seq = List.of(new ArrayList<>(), new ArrayList<>());
      final int[] count = new int[2];

      /** Adds a record whose first-record key is {@code at}; returns the next member number. */
      int add(Object at, boolean result, int next) {
        int k = Plan.kind(result);
        int n = count[k]++;
        if (n % memberRecords == 0) {
          first.get(k).add(at);
          seq.get(k).add(-1);
        }
        if ((n + 1) % memberRecords == 0) {
          seq.get(k).set(n / memberRecords, next++);
        }
        return next;
      }

      /** Ends the open members, the result's first. */
      int end(int next) {
        for (int k = 0; k < 2; k++) {
          if (count[k] % memberRecords != 0) {
            seq.get(k).set(count[k] / memberRecords, next++);
          }
          count[k] = 0;
        }
        return next;
      }
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Piece>> all, OutputReceiver<Plan> out) {
      List<Piece> thisRun = new ArrayList<>();
      List<Piece> previous = new ArrayList<>();
      long without = 0;
      for (Piece p : all.getValue()) {
        if (p.kind() == Piece.SLOT_A) {
          thisRun.add(p);
        } else if (p.kind() == Piece.SLOT_B) {
          previous.add(p);
        } else if (p.kind() == Piece.WITHOUT) {
          without += p.pos();
        }
      }
      thisRun.sort(Comparator.comparing(Piece::key));
      previous.sort(Comparator.comparingLong(Piece::pos));
      int next = 0;
      Open a = new Open();
      for (Piece p : thisRun) {
        next = a.add(p.key(), p.result(), next);
      }
      next = a.end(next);
      Open b = new Open();
      List<Piece> copies = new ArrayList<>();
      for (Piece m : previous) {
        String fates = m.key();
        if (!m.result() && Plan.copied(fates)) {
          copies.add(new Piece(Piece.MEMBER, "", m.line(), m.pos(), m.offset(), m.length(), next++, null, false));
          continue;
        }
        for (int j = 0; j < fates.length(); j++) {
          char c = fates.charAt(j);
          if (c == Plan.STORED_RESULT || c == Plan.STORED_OTHER || c == Plan.SCREENED_RESULT
              || c == Plan.SCREENED_OTHER) {
            next = b.add(position(m.pos(), j), c == Plan.STORED_RESULT || c == Plan.SCREENED_RESULT, next);
          }
        }
      }
      next = b.end(next);
      long copied = 0;
      for (Piece c : copies) {
        copied += c.key().isEmpty() ? 0 : c.key().split(" ").length;
      }
      // once each, from the one group: a retried bundle reports the same values again
      Metrics.distribution(WriteStore.class, COPIED).update(copied);
      Metrics.distribution(WriteStore.class, WITHOUT_STORED).update(without);
      List<List<String>> aFirst = a.first.stream().map(l -> l.stream().map(String.class::cast).toList()).toList();
      List<List<Long>> bFirst = b.first.stream().map(l -> l.stream().map(Long.class::cast).toList()).toList();
      out.output(new Plan(memberRecords, next, aFirst, a.seq, bFirst, b.seq, copies));
    }
  }

  /** Deterministic coder for {@link Plan}. */
  static final class PlanCoder extends AtomicCoder<Plan> {
    static final PlanCoder INSTANCE = new PlanCoder();
    private static final Coder<List<List<String>>> STRINGS = ListCoder.of(ListCoder.of(StringUtf8Coder.of()));
    private static final Coder<List<List<Integer>>> INTS = ListCoder.of(ListCoder.of(VarIntCoder.of()));
    private static final Coder<List<List<Long>>> LONGS = ListCoder.of(ListCoder.of(VarLongCoder.of()));
    private static final Coder<List<Piece>> PIECES = ListCoder.of(PieceCoder.INSTANCE);

    @Override
    public void encode(Plan p, OutputStream out) throws IOException {
      VarIntCoder.of().encode(p.memberRecords(), out);
      VarIntCoder.of().encode(p.members(), out);
      STRINGS.encode(p.thisRunFirst(), out);
      INTS.encode(p.thisRunSeq(), out);
      LONGS.encode(p.carriedFirst(), out);
      INTS.encode(p.carriedSeq(), out);
      PIECES.encode(p.copies(), out);
    }

    @Override
    public Plan decode(InputStream in) throws IOException {
      return new Plan(VarIntCoder.of().decode(in), VarIntCoder.of().decode(in), STRINGS.decode(in), INTS.decode(in),
          LONGS.decode(in), INTS.decode(in), PIECES.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Each record to store, to the shard of its member's number (from the plan). */
  static final class AssignFn extends DoFn<Piece, KV<Integer, byte[]>> {
    private final PCollectionView<Plan> planView;
    private final int shards;
    private transient GroupByShard.Batcher<Piece> batcher;

    @StartBundle
    public void start() {
      batcher = GroupByShard.Batcher.of(PieceCoder.INSTANCE);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      batcher.finish(c);
    }

    AssignFn(PCollectionView<Plan> planView, int shards) {
      this.planView = planView;
      this.shards = shards;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      Plan plan = c.sideInput(planView);
      Piece p = c.element();
      boolean thisRun = !p.key().isEmpty(); // this run's records by sort key, the carried ones by place
      int seq = thisRun ? plan.thisRun(p.key(), p.result()) : plan.carried(p.pos(), p.result());
      KV<Integer, byte[]> full = batcher.add(part(seq, shards), new Piece(Piece.LINE, p.id(), p.key(),
          p.pos(), p.offset(), p.length(), seq, p.line(), p.result()));
      if (full != null) {
        c.output(full);
      }
    }
  }

  /** The part file that holds member {@code seq}: one per shard of new members. */
  static int part(int seq, int shards) {
    return Math.floorMod(seq, shards);
  }

  /**
   * In a shard of new members: each member's records in order, compressed into one gzip member
   * ({@link RecordStore#gzip}: gzip members are independent) and appended to the shard's part file
   * in the output folder, the members in order of their numbers, so that no step holds more than
   * one member's bytes; on to the writer go its length and ids. One file a shard, not one a member:
   * creating, reading and deleting a file each cost more than the small member in it. A retried
   * bundle writes the same bytes under the same name.
   */
  static final class CompressFn extends DoFn<KV<Integer, Iterable<Piece>>, KV<Integer, KV<Long, List<String>>>> {
    private final String directory;
    private final String partPrefix;
    private final int shards;

    CompressFn(String directory, String partPrefix, int shards) {
      this.directory = directory;
      this.partPrefix = partPrefix;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Piece>> shard,
        OutputReceiver<KV<Integer, KV<Long, List<String>>>> out) throws IOException {
      Map<Integer, List<Piece>> bySeq = new TreeMap<>();
      for (Piece p : shard.getValue()) {
        bySeq.computeIfAbsent(p.seq(), k -> new ArrayList<>()).add(p);
      }
      Map<Integer, OutputStream> parts = new HashMap<>();
      try (SpilledLines.Reader spilled = new SpilledLines.Reader(directory)) {
        for (Map.Entry<Integer, List<Piece>> e : bySeq.entrySet()) {
          List<Piece> records = e.getValue();
          records.sort(Comparator.comparing(Piece::key).thenComparingLong(Piece::pos));
          ByteArrayOutputStream raw = new ByteArrayOutputStream(1 << 16);
          List<String> ids = new ArrayList<>(records.size());
          for (Piece p : records) {
            if (p.length() > 0) {
              spilled.copy(new SpilledLines.Ref(p.line(), p.offset(), (int) p.length()), raw);
            } else {
              raw.write(p.line().getBytes(StandardCharsets.UTF_8));
            }
            raw.write('\n');
            ids.add(p.id());
          }
          byte[] member = RecordStore.gzip(raw.toByteArray());
          OutputStream part = parts.get(part(e.getKey(), shards));
          if (part == null) {
            part = new java.io.BufferedOutputStream(OutputFiles.create(directory, partPrefix + part(e.getKey(), shards)),
                1 << 16);
            parts.put(part(e.getKey(), shards), part);
          }
          part.write(member);
          out.output(KV.of(e.getKey(), KV.of((long) member.length, ids)));
        }
      } finally {
        for (OutputStream part : parts.values()) {
          part.close();
        }
      }
    }
  }

  /**
   * Deletes the step's part files and set-aside lines, those of failed attempts too, once the
   * store is written (its input: {@link WriteFn}'s one value, grouped); a file already gone is not
   * an error.
   */
  static final class DeletePartsFn extends DoFn<KV<Integer, Iterable<Integer>>, Void> {
    private final String directory;
    private final String partPrefix;

    DeletePartsFn(String directory, String partPrefix) {
      this.directory = directory;
      this.partPrefix = partPrefix;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Integer>> written) throws IOException {
      deleteParts(directory, partPrefix);
    }
  }

  /** Deletes the part files ({@code partPrefix} and a number) and set-aside lines of {@code partPrefix}. */
  static void deleteParts(String directory, String partPrefix) throws IOException {
    OutputFiles.deleteStartingWith(directory, partPrefix, rest -> rest.matches("[0-9]+"));
    SpilledLines.deleteAll(directory, partPrefix);
  }

  /**
   * Writes the store: its members in the plan's order, each streamed from its part file (each part
   * read forward once: its members come in the order of their numbers) or, for the previous
   * store's, copied byte for byte (read through {@code FileSystems}, in order, so one pass over the
   * file); then its index from the members' lengths and ids, unless an id cannot be listed in it
   * (empty or with a space), as the driver's writer does; then hands on one value, for
   * {@link DeletePartsFn}. It deletes nothing, so a retried bundle reads the same parts and writes
   * the same files. A part file missing or ending inside a member fails the run naming it.
   */
  static final class WriteFn
      extends DoFn<KV<Integer, Iterable<KV<Integer, KV<Long, List<String>>>>>, KV<Integer, Integer>> {
    private final String directory;
    private final String previousStore;
    private final String partPrefix;
    private final PCollectionView<Plan> planView;
    private final int shards;

    WriteFn(String directory, String previousStore, String partPrefix, PCollectionView<Plan> planView, int shards) {
      this.directory = directory;
      this.previousStore = previousStore;
      this.partPrefix = partPrefix;
      this.planView = planView;
      this.shards = shards;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      Plan plan = c.sideInput(planView);
      long[] lengths = new long[plan.members()];
      List<List<String>> ids = new ArrayList<>(Collections.nCopies(plan.members(), null));
      for (KV<Integer, KV<Long, List<String>>> m : c.element().getValue()) {
        if (m.getKey() >= 0) {
          lengths[m.getKey()] = m.getValue().getKey();
          ids.set(m.getKey(), m.getValue().getValue());
        }
      }
      Map<Integer, InputStream> parts = new HashMap<>();
      Map<Integer, Piece> copies = new HashMap<>();
      plan.copies().forEach(p -> copies.put(p.seq(), p));
      StringBuilder index = new StringBuilder(RecordStore.INDEX_HEADER).append('\n');
      boolean indexable = true;
      long offset = 0;
      byte[] buf = new byte[1 << 16];
      try (OutputStream out = new java.io.BufferedOutputStream(OutputFiles.create(directory, RecordStore.FILE), 1 << 16);
          Previous previous = new Previous(previousStore)) {
        for (int seq = 0; seq < plan.members(); seq++) {
          Piece copy = copies.get(seq);
          if (copy != null) {
            previous.copy(copy.offset(), copy.length(), out);
            RecordStore.indexEntry(index, offset, copy.length(), Arrays.asList(copy.key().split(" ")));
            offset += copy.length();
            continue;
          }
          if (ids.get(seq) == null) {
            throw new IllegalStateException("the store's member " + seq + " has no records");
          }
          InputStream part = parts.get(part(seq, shards));
          if (part == null) {
            part = Channels.newInputStream(FileSystems.open(partFile(part(seq, shards))));
            parts.put(part(seq, shards), part);
          }
          long left = lengths[seq];
          while (left > 0) {
            int n = part.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
              throw new IOException(partFile(part(seq, shards)) + ": ends inside the store's member " + seq);
            }
            out.write(buf, 0, n);
            left -= n;
          }
          for (String id : ids.get(seq)) {
            indexable &= RecordStore.indexable(id);
          }
          RecordStore.indexEntry(index, offset, lengths[seq], ids.get(seq));
          offset += lengths[seq];
        }
      } finally {
        for (InputStream part : parts.values()) {
          part.close();
        }
      }
      if (indexable) {
        OutputFiles.write(directory, RecordStore.INDEX, index.toString());
      }
      c.output(KV.of(0, 0));
    }

    private ResourceId partFile(int part) {
      return OutputFiles.resolve(directory, partPrefix + part);
    }

    /** The previous store, read forward once: the copied members come in the order of their offsets. */
    private static final class Previous implements AutoCloseable {
      private final String spec;
      private ReadableByteChannel channel;
      private InputStream in;
      private long at;

      Previous(String spec) {
        this.spec = spec;
      }

      void copy(long offset, long length, OutputStream out) throws IOException {
        if (channel == null) {
          channel = FileSystems.open(FileSystems.matchSingleFileSpec(spec).resourceId());
          in = Channels.newInputStream(channel);
        }
        if (channel instanceof SeekableByteChannel seekable) {
          seekable.position(offset);
        } else if (offset >= at) {
          in.skipNBytes(offset - at);
        } else {
          throw new IOException(spec + ": members out of order at byte " + offset);
        }
        long left = length;
        byte[] buf = new byte[1 << 16];
        while (left > 0) {
          int n = in.read(buf, 0, (int) Math.min(buf.length, left));
          if (n < 0) {
            throw new IOException(spec + ": ends inside a member at byte " + (offset + length - left));
          }
          out.write(buf, 0, n);
          left -= n;
        }
        at = offset + length;
      }

      @Override
      public void close() throws IOException {
        if (channel != null) {
          channel.close();
        }
      }
    }
  }
}
