package org.litsieve.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.litsieve.dedup.Deduplicate;
import org.litsieve.ingest.ReadExports;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateCandidate;
import org.litsieve.model.FileReport;
import org.litsieve.output.CsvRows;
import org.litsieve.output.OutputFiles;
import org.litsieve.output.SortedFiles;
import org.litsieve.output.WriteOutputs;

/**
 * Deduplication on its own ({@code litsieve dedup}): read the exports, deduplicate, and write
 * {@code records.csv} (one row per unique paper), {@code duplicates.csv} (as in {@code screen}),
 * {@code duplicates-review.csv}, {@code rejected.csv}, {@code counts.json} and
 * {@code manifest.json} into a folder that appears atomically.
 *
 * <p>{@code counts.json}: {@code identified} (total and by source file), {@code rejected},
 * {@code duplicates_removed}, {@code unique} (identified = duplicates_removed + unique),
 * {@code review_pairs} and {@code related_pairs}. Failure: as {@link ScreeningPipeline#run}.
 *
 * <p>Local inputs of at most {@link PlainDedup#MAX_BYTES} together, with no Beam option given, are
 * deduplicated by {@link PlainDedup} without Beam: the same files, seconds sooner.
 */
public final class DedupPipeline {
  private DedupPipeline() {}

  /** Builds the dedup-only pipeline on {@code p}, writing into {@code outputDir}. */
  public static void build(Pipeline p, List<InputFiles.InputFile> files, String outputDir) {
    long inputBytes = ScreeningPipeline.totalBytes(files);
    List<KV<String, String>> specs = new ArrayList<>();
    for (InputFiles.InputFile f : files) {
      specs.add(KV.of(f.displayName(), f.spec()));
    }
    PCollectionTuple read = p.apply("InputFiles",
            Create.of(specs).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply("ReadExports", ReadExports.files());
    PCollectionTuple dedup = read.get(ReadExports.RECORDS)
        .apply("Deduplicate", Deduplicate.forInputBytes(inputBytes));

    PCollection<KV<String, String>> headerRuns = p.apply("Headers", Create.of(List.of(
        KV.of(DedupFiles.RECORDS_CSV, KV.of("", CsvRows.line(CsvRows.RECORDS))),
        KV.of(WriteOutputs.DUPLICATES_CSV, KV.of("", CsvRows.line(CsvRows.DUPLICATES))),
        KV.of(WriteOutputs.REJECTED_CSV, KV.of("", CsvRows.line(CsvRows.REJECTED))))).withCoder(SortedFiles.ROW_CODER))
        .apply("HeaderRuns", SortedFiles.runs(outputDir, SortedFiles.READY_ROWS));
    SortedFiles.RowMaker<KV<String, BibRecord>> recordRows = (r, sink) -> sink.row(DedupFiles.RECORDS_CSV,
        CsvRows.recordSortKey(r.getKey(), r.getValue()), CsvRows.line(CsvRows.record(r.getKey(), r.getValue())));
    PCollectionList.of(headerRuns)
        .and(dedup.get(Deduplicate.RECORDS).apply("RecordRows", SortedFiles.runs(outputDir, recordRows)))
        .and(dedup.get(Deduplicate.LINKS).apply("DuplicateRows", SortedFiles.runs(outputDir, WriteOutputs.DUPLICATE_ROWS)))
        .and(read.get(ReadExports.REJECTS).apply("RejectedRows", SortedFiles.runs(outputDir, WriteOutputs.REJECTED_ROWS)))
        .and(WriteOutputs.reviewRuns(dedup.get(Deduplicate.REVIEW), outputDir))
        .apply("AllRuns", Flatten.pCollections())
        .apply("WriteSortedFiles", SortedFiles.mergeRuns(outputDir));

    PCollectionList.of(dedup.get(Deduplicate.RECORDS).apply("CountUnique",
            ParDo.of(new DoFn<KV<String, BibRecord>, KV<String, Long>>() {
              @ProcessElement
              public void process(OutputReceiver<KV<String, Long>> out) {
                out.output(KV.of("unique", 1L));
              }
            })))
        .and(dedup.get(Deduplicate.REVIEW).apply("CountReview",
            ParDo.of(new DoFn<DuplicateCandidate, KV<String, Long>>() {
              @ProcessElement
              public void process(@Element DuplicateCandidate d, OutputReceiver<KV<String, Long>> out) {
                out.output(KV.of(d.relation() + "_pairs", 1L));
              }
            })))
        .and(read.get(ReadExports.REPORTS).apply("CountIdentified",
            ParDo.of(new DoFn<FileReport, KV<String, Long>>() {
              @ProcessElement
              public void process(@Element FileReport f, OutputReceiver<KV<String, Long>> out) {
                out.output(KV.of("identified\t" + f.sourceFile(), f.records()));
                out.output(KV.of("rejected", f.rejected()));
              }
            })))
        .apply("AllCounters", Flatten.pCollections())
        .apply("SumCounters", Sum.longsPerKey())
        .apply("GatherCounters", WithKeys.of(DedupFiles.COUNTS_JSON))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply("GroupCounters", GroupByKey.create())
        .apply("WriteCounts", ParDo.of(new WriteCountsFn(outputDir)));

    read.get(ReadExports.REPORTS)
        .apply("GatherReports", WithKeys.of(WriteOutputs.INPUTS_JSON))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), FileReport.FileReportCoder.of()))
        .apply("GroupReports", GroupByKey.create())
        .apply("WriteReports", ParDo.of(new DoFn<KV<String, Iterable<FileReport>>, Void>() {
          @ProcessElement
          public void process(@Element KV<String, Iterable<FileReport>> all) throws IOException {
            List<FileReport> reports = new ArrayList<>();
            all.getValue().forEach(reports::add);
            reports.sort(java.util.Comparator.comparing(FileReport::sourceFile));
            List<Map<String, Object>> out = new ArrayList<>();
            reports.forEach(f -> out.add(WriteOutputs.reportJson(f)));
            OutputFiles.write(outputDir, WriteOutputs.INPUTS_JSON, WriteOutputs.json(out));
          }
        }));
  }

  /** Writes counts.json from the summed counters. */
  static final class WriteCountsFn extends DoFn<KV<String, Iterable<KV<String, Long>>>, Void> {
    private final String directory;

    WriteCountsFn(String directory) {
      this.directory = directory;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, Long>>> all) throws IOException {
      Map<String, Long> c = new HashMap<>();
      all.getValue().forEach(kv -> c.merge(kv.getKey(), kv.getValue(), Long::sum));
      OutputFiles.write(directory, DedupFiles.COUNTS_JSON, WriteOutputs.json(DedupFiles.counts(c)));
    }
  }

  /**
   * Runs deduplication into a temporary folder, writes the manifest and moves it to
   * {@code outDir}; a long run prints progress lines to {@code progress} (null: quiet).
   */
  public static ScreeningPipeline.Summary run(InputFiles.Resolution inputs, Path outDir, List<String> beamArgs,
      Map<String, Object> cliOptions, Consumer<String> progress)
      throws OutputCommit.TargetException, IOException {
    long start = System.nanoTime();
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // small local inputs with no Beam option skip Beam: the same files, without its start-up
    boolean plain = beamArgs.isEmpty() && PlainDedup.fits(inputs.files());
    PipelineOptions options = plain ? null : ScreeningPipeline.options(beamArgs);
    OutputCommit commit = OutputCommit.prepare(outDir);
    try {
      long pipelineStart = System.nanoTime();
      if (plain) {
        PlainDedup.run(inputs.files(), commit.temporary());
      } else {
        Pipeline p = Pipeline.create(options);
        build(p, inputs.files(), commit.temporary().toString());
        PipelineResult result = p.run();
        try (RunProgress reporter = RunProgress.start(result, ScreeningPipeline.totalBytes(inputs), progress)) {
          ScreeningPipeline.awaitDone(result);
        }
      }
      long pipelineMillis = (System.nanoTime() - pipelineStart) / 1_000_000;
      Path tmp = commit.temporary();
      Map<String, Object> counts = ScreeningPipeline.readJson(tmp.resolve(DedupFiles.COUNTS_JSON));
      List<Object> reports = ScreeningPipeline.readJsonList(tmp.resolve(WriteOutputs.INPUTS_JSON));
      Files.deleteIfExists(tmp.resolve(WriteOutputs.INPUTS_JSON));
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("tool", "litsieve");
      manifest.put("command", "dedup");
      manifest.put("version", Version.get());
      manifest.put("started", started.toString());
      manifest.put("inputs", reports);
      manifest.put("skipped", inputs.skipped());
      Map<String, Object> opts = new LinkedHashMap<>(cliOptions);
      opts.put("runner", plain ? "none (plain Java: small input)" : options.getRunner().getSimpleName());
      opts.put("beam_args", beamArgs);
      manifest.put("options", opts);
      manifest.put("counts", counts);
      long totalMillis = (System.nanoTime() - start) / 1_000_000;
      manifest.put("timings_ms", Map.of("pipeline", pipelineMillis, "total", totalMillis));
      org.litsieve.model.OutputSink.writeString(tmp.resolve(OutputCommit.MARKER), WriteOutputs.json(manifest));
      commit.commit();
      return new ScreeningPipeline.Summary(outDir, counts, inputs.skipped(), totalMillis, Map.of(), List.of());
    } catch (IOException | RuntimeException | Error e) {
      commit.abandon(); // out of memory too: no partial folder is left behind
      throw e;
    }
  }
}
