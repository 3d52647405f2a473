package org.litsieve.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.OutputFile;
import org.litsieve.rules.Rules;
import org.litsieve.rules.RulesLoader;

/**
 * The whole pipeline on three small exports that overlap (PubMed .nbib, Ovid RIS with CRLF, Scopus
 * CSV with a BOM), on the DirectRunner with its immutability and encodability checks on.
 */
public class ScreeningPipelineTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  static Path fixtures() {
    return Path.of(System.getProperty("litsieve.root", ".."), "pipeline", "src", "test", "resources", "pipeline");
  }

  @Test
  public void readsDeduplicatesScreensAndWritesEverything() throws Exception {
    Path dir = runOnFixtures((rules, files, out) -> ScreeningPipeline.build(p, rules, files, out));

    // the graph's own files: the audit files, included.ris (no previous run: the graph's records
    // are the whole result), and the hand-overs the living-review step reads
    assertEquals(2, Files.readAllLines(dir.resolve(OutputFile.INCLUDED_CSV.pipelineRows().fileName())).size());
    assertEquals(2, Files.readAllLines(dir.resolve(OutputFile.REVIEW_CSV.pipelineRows().fileName())).size());
    assertEquals(3, Files.readAllLines(dir.resolve(OutputFile.EXCLUDED_CSV.pipelineRows().fileName())).size());
    assertEquals(6, Files.readAllLines(dir.resolve("duplicates.csv")).size());
    assertEquals(2, Files.readAllLines(dir.resolve("rejected.csv")).size());
    String prisma = Files.readString(dir.resolve(OutputFile.PIPELINE_PRISMA_JSON.fileName()));
    assertTrue(prisma, prisma.replaceAll("\\s", "").contains("\"duplicates_removed\":3"));
    String ris = Files.readString(dir.resolve(OutputFile.INCLUDED_RIS.fileName()));
    assertTrue(ris, ris.startsWith("TY  - JOUR\r\nTI  - Training peer support workers"));
    assertTrue(ris, ris.contains("KW  - litsieve:wellbeing\r\n"));
  }

  @Test
  public void withTheLivingReviewInTheGraphEveryFileIsTheReviews() throws Exception {
    Path dir = runOnFixtures((rules, files, out) -> ScreeningPipeline.build(p, rules, files, out,
        ReviewHistory.none()).outputs());

    // every file of the review, written by the graph (the living review's first run): the screened
    // files with the living-review columns, the counts, and no hand-over of screened rows
    assertEquals(2, Files.readAllLines(dir.resolve(OutputFile.INCLUDED_CSV.fileName())).size());
    assertEquals(2, Files.readAllLines(dir.resolve(OutputFile.REVIEW_CSV.fileName())).size());
    assertEquals(3, Files.readAllLines(dir.resolve(OutputFile.EXCLUDED_CSV.fileName())).size());
    assertTrue("the living-review columns", Files.readAllLines(dir.resolve(OutputFile.INCLUDED_CSV.fileName()))
        .get(0).endsWith(",first_seen,status,reviewer,date,note"));
    assertEquals(6, Files.readAllLines(dir.resolve("duplicates.csv")).size());
    assertEquals(2, Files.readAllLines(dir.resolve("rejected.csv")).size());
    String prisma = Files.readString(dir.resolve(OutputFile.PRISMA_JSON.fileName()));
    assertTrue(prisma, prisma.replaceAll("\\s", "").contains("\"duplicates_removed\":3"));
    assertFalse("a first run shows no previous version: " + prisma, prisma.contains("\"previous\""));
    assertTrue("the record store", Files.size(dir.resolve(OutputFile.RECORDS_JSONL_GZ.fileName())) > 0);
    for (OutputFile f : List.of(OutputFile.PIPELINE_INCLUDED_CSV, OutputFile.PIPELINE_PRISMA_JSON,
        OutputFile.SCREENED_RECORDS)) {
      assertFalse(f + " is not written", Files.exists(dir.resolve(f.fileName())));
    }
    String ris = Files.readString(dir.resolve(OutputFile.INCLUDED_RIS.fileName()));
    assertTrue(ris, ris.startsWith("TY  - JOUR\r\nTI  - Training peer support workers"));
    assertTrue(ris, ris.contains("KW  - litsieve:wellbeing\r\n"));
  }

  /** How a test builds the run on the fixtures. */
  @FunctionalInterface
  private interface Build {
    ScreeningPipeline.Outputs build(Rules rules, List<InputFiles.InputFile> files, String out) throws Exception;
  }

  /**
   * Builds the run on the fixtures with {@code build}, checks what every run reads, deduplicates
   * and screens, runs it, and returns its output folder.
   */
  private Path runOnFixtures(Build build) throws Exception {
    Rules rules = RulesLoader.load(fixtures().resolve("rules.yaml"));
    InputFiles.Resolution inputs = InputFiles.resolve(List.of(fixtures().toString()));
    assertEquals("the rules file is not an export and is skipped", 1, inputs.skipped().size());
    assertEquals(3, inputs.files().size());
    File out = tmp.newFolder("out");

    ScreeningPipeline.Outputs o = build.build(rules, inputs.files(), out.toString());

    PAssert.that(o.parsed().apply("CountParsed", Count.globally())).containsInAnyOrder(7L);
    PCollection<String> decisions = o.screened().apply("Describe", MapElements.into(TypeDescriptors.strings())
        .via(s -> s.record().title() + " | " + s.decision().label() + " | " + s.stage() + " | " + s.reason()
            + " | " + s.tags().stream().map(BlockMatch::name).collect(Collectors.joining(","))
            + " | " + s.record().provenance().size()));
    PAssert.that(decisions).containsInAnyOrder(
        "Training peer support workers in mental health services: a pilot evaluation. | include | final |  | wellbeing,stigma | 3",
        "Lived experience workers in addiction services. | review | keywords | review: missing include block training |  | 2",
        "Peer support training in mental hospitals | exclude | eligibility | year outside 1995-2024 |  | 1",
        "Peer support among laboratory rats: a training model of addiction | exclude | keywords | exclude block: animals |  | 1");
    PAssert.that(o.links().apply("DescribeLinks", MapElements.into(TypeDescriptors.strings())
        .via(l -> l.inputId().replaceAll(".*/", "") + " " + l.kept() + " " + l.matchRule())))
        .containsInAnyOrder(
            "pubmed.nbib#1 true doi", "ovid.ris#1 false doi",
            "scopus.csv#1 false doi",
            "pubmed.nbib#2 true title 1.00+authors+year", "ovid.ris#2 false title 1.00+authors+year");
    PAssert.that(o.rejects().apply("DescribeRejects", MapElements.into(TypeDescriptors.strings())
        .via(r -> r.sourceFile().replaceAll(".*/", "") + "#" + r.position() + " " + r.reason())))
        .containsInAnyOrder("pubmed.nbib#3 no title");
    p.run().waitUntilFinish();
    return out.toPath();
  }
}
