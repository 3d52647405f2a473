package org.litsieve.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.litsieve.history.PreviousRun;
import org.litsieve.model.PreviousRecord;

/**
 * The previous run read inside the pipeline ({@link ReadPrevious}) gives the rows the driver's
 * {@link PreviousRun#read} gives, cell for cell and in the same order (by position), on a folder
 * with the quirks earlier runs leave: a value with line breaks, a formula-neutralised cell, a BOM,
 * a file from before living reviews (no {@code first_seen} column), an empty {@code first_seen},
 * an empty screened file and an id repeated across files; and, as a file edited by hand may have
 * them, a quote inside an unquoted value (a character of it, for the parser), Windows line ends
 * and a blank line. Read whole or cut into pieces ({@link ReadPrevious#inPiecesOf}), the rows are
 * the same. Made-up records; DOIs under 10.5555.
 */
public class ReadPreviousTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void theGraphReadsWhatTheDriverReads() throws Exception {
    Path dir = tmp.newFolder("previous").toPath();
    Files.writeString(dir.resolve("manifest.json"), "{\"tool\": \"litsieve\", \"version\": \"dev\","
        + " \"run_id\": \"run-0123456789ab\", \"rules\": {\"sha256\": \"abc\"}}\n");
    Files.writeString(dir.resolve("included.csv"), "\uFEFFrecord_id,title,doi,decision,reason,first_seen\n"
        + "ls-1,\"Peer support, a trial\nover two lines\",10.5555/A1,include,,run-aaaaaaaaaaaa\n"
        + "ls-2,'=SUM(1),10.5555/A2,include,,\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("review.csv"), "record_id,title,doi,decision,reason\n"
        + "ls-3,Walking groups,,review,no include block\n"
        + "ls-1,\"A \"\"quoted\"\" title\",10.5555/A3,review,\n"
        + "ls-4,Walk\"ing to work,,review,\"a reason, with a comma\"\r\n"
        + "\n"
        + "ls-5,\"Cycling\r\n\"\"to\"\" school\",10.5555/A5,review,\n"
        + "ls-6,\"\"\"Quoted\"\" at the start\",,review,\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("excluded.csv"), "record_id,title,doi,decision,reason,first_seen\n",
        StandardCharsets.UTF_8);
    List<Map<String, String>> expected = PreviousRun.read(dir, "dev").rows();
    assertEquals(7, expected.size());
    assertTrue("a row without first_seen gets the run's id",
        expected.stream().filter(r -> r.get("first_seen").equals("run-0123456789ab")).count() == 6);
    assertEquals("a quote inside an unquoted value is a character of it", "Walk\"ing to work",
        expected.get(4).get("title"));

    ReadPrevious previous = ReadPrevious.from(dir.toString(), "run-0123456789ab");
    PCollection<PreviousBatch> read = p.apply("Read", previous);
    // read again once a side input is made, as the steps needing the whole history late read it
    PCollectionView<List<String>> late = p.apply("Late", Create.of("made late")).apply("LateView", ListView.of());
    PCollection<PreviousBatch> readAgain = p.apply("ReadAgain", previous.after(late));
    // every row its own piece: each cut must fall where the whole file's parser starts a row
    PCollection<PreviousBatch> inPieces = p.apply("ReadInPieces", previous.inPiecesOf(1));
    PAssert.that(read).satisfies(all -> assertRows(expected, all));
    PAssert.that(readAgain).satisfies(all -> assertRows(expected, all));
    PAssert.that(inPieces).satisfies(all -> assertRows(expected, all));
    p.run().waitUntilFinish();
  }

  /** The rows of {@code all}'s batches by position are {@code expected}, cell for cell. */
  private static Void assertRows(List<Map<String, String>> expected, Iterable<PreviousBatch> all) {
    List<KV<Long, PreviousRecord>> sorted = new ArrayList<>();
    all.forEach(b -> b.forEach((position, r) -> sorted.add(KV.of(position, r))));
    sorted.sort(Comparator.comparing(KV::getKey));
    List<List<Map.Entry<String, String>>> got = new ArrayList<>();
    sorted.forEach(kv -> got.add(new ArrayList<>(kv.getValue().cells().entrySet())));
    List<List<Map.Entry<String, String>>> want = new ArrayList<>();
    expected.forEach(r -> want.add(new ArrayList<>(r.entrySet())));
    assertEquals(want, got);
    return null;
  }

  /**
   * A row whose decision is not include, review or exclude (hand-edited, or from a tool that is not
   * litsieve) would go to none of this run's screened files: the graph's read stops as {@link
   * PreviousRun#read} does, naming the file, the row and the record.
   */
  @Test
  public void aRowWithAnUnknownDecisionFailsTheReadAndSaysWhere() throws Exception {
    Path dir = tmp.newFolder("edited").toPath();
    Files.writeString(dir.resolve("included.csv"), "record_id,title,doi,decision,reason\n"
        + "ls-1,Peer support,10.5555/B1,include,\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("review.csv"), "record_id,title,doi,decision,reason\n"
        + "ls-2,Walking groups,,review,no include block\n"
        + "ls-3,Cycling to school,10.5555/B3,maybe,\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("excluded.csv"), "record_id,title,doi,decision,reason\n",
        StandardCharsets.UTF_8);

    // in pieces, so that the row named is counted across them
    p.apply(ReadPrevious.from(dir.toString(), "run-0123456789ab").inPiecesOf(1));
    Pipeline.PipelineExecutionException e = assertThrows(Pipeline.PipelineExecutionException.class,
        () -> p.run().waitUntilFinish());
    assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof IOException);
    String m = e.getCause().getMessage();
    assertTrue(m, m.contains("review.csv") && m.contains("row 2") && m.contains("ls-3") && m.contains("\"maybe\""));
  }
}
