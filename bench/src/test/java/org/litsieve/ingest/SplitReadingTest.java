package org.litsieve.ingest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.litsieve.generate.CorpusGenerator;
import org.litsieve.model.BibRecord;
import org.litsieve.model.FileReport;
import org.litsieve.model.Rejected;
import org.litsieve.testing.RealData;

/**
 * Reading a large file in splits ({@link FileSplits}, {@link ReadExports}) gives exactly what one
 * parse of the whole file gives: the same records (every field, position and line), rejects and
 * report. Splits here are a few KB, so that small files are cut in many places: real RIS and
 * MEDLINE exports from ../shared/realdata, a generated corpus, and hand-made files with the
 * layouts that could trip a cut or a count (stray tags after ER, a record without ER, tags before
 * the first TY, blank-line runs, CRLF, a byte-order mark before a TY line, a broken record, an
 * over-long line, records with no blank line between them, lines that are blank only to Unicode,
 * a last line without a line end, old Mac line ends). On the DirectRunner
 * with its immutability and encodability checks on.
 */
public class SplitReadingTest {
  private static final long SPLIT_BYTES = 3000;
  private static final long LARGEST_REAL_FILE = 3L << 20;

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void splitFilesReadAsWholeFiles() throws IOException {
    List<Path> files = new ArrayList<>(realExports());
    int real = files.size();
    Path generated = tmp.newFolder("generated").toPath();
    CorpusGenerator.write(new CorpusGenerator.Settings(300, 11, 0.2, 0.3), generated);
    files.add(generated.resolve("pubmed.nbib"));
    files.add(generated.resolve("psycinfo-ovid.ris"));
    files.addAll(handMade(tmp.newFolder("handmade").toPath()));

    int split = 0;
    for (Path f : files) {
      if (plan(f) != null) {
        split++;
      }
    }
    assertTrue("only " + real + " real RIS/MEDLINE exports found", real >= 8);
    assertTrue("only " + split + " of " + files.size() + " files were split", split >= real + 2);

    List<KV<String, String>> specs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (Path f : files) {
      String name = names.size() + "-" + f.getFileName(); // unique, as the CLI's display names are
      specs.add(KV.of(name, f.toString()));
      names.add(name);
      paths.add(f.toString());
    }
    PCollectionTuple read = p.apply(Create.of(specs).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply(ReadExports.files().withSplitBytes(SPLIT_BYTES));
    PAssert.that(read.get(ReadExports.RECORDS)).satisfies(actual -> {
      Map<String, String> got = new HashMap<>();
      for (BibRecord r : actual) {
        assertNull("record " + r.inputId() + " read twice", got.put(r.inputId(), encoded(r)));
      }
      Map<String, String> want = new HashMap<>();
      wholeFiles(names, paths).records.forEach(r -> want.put(r.inputId(), encoded(r)));
      assertEquals(want.size(), got.size());
      want.forEach((id, r) -> assertEquals("record " + id, r, got.get(id)));
      return null;
    });
    PAssert.that(read.get(ReadExports.REJECTS)).satisfies(actual -> {
      List<Rejected> got = new ArrayList<>();
      actual.forEach(got::add);
      got.sort(Comparator.comparing(Rejected::toString));
      List<Rejected> want = new ArrayList<>(wholeFiles(names, paths).rejects);
      want.sort(Comparator.comparing(Rejected::toString));
      assertEquals(want, got);
      return null;
    });
    PAssert.that(read.get(ReadExports.REPORTS)).satisfies(actual -> {
      List<FileReport> got = new ArrayList<>();
      actual.forEach(got::add);
      got.sort(Comparator.comparing(FileReport::sourceFile));
      List<FileReport> want = new ArrayList<>(wholeFiles(names, paths).reports);
      want.sort(Comparator.comparing(FileReport::sourceFile));
      assertEquals(want, got);
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  public void filesThatCannotBeCutAreNotPlanned() throws IOException {
    Path dir = tmp.newFolder("uncut").toPath();
    StringBuilder ris = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      ris.append("TY  - JOUR\rTI  - Record ").append(i).append("\rER  - \r\r");
    }
    Path mac = write(dir.resolve("mac.ris"), ris.toString());
    assertNull("old Mac line ends", plan(mac));
    Path small = write(dir.resolve("small.ris"), "TY  - JOUR\nTI  - One\nER  - \n");
    assertNull("smaller than two splits", plan(small));
    Path many = write(dir.resolve("many.ris"), ris.toString().replace('\r', '\n'));
    FileSplits.Plan plan = plan(many);
    assertNotNull(plan);
    long covered = 0;
    for (FileSplits.Split s : plan.splits()) {
      assertEquals("splits follow on", covered, s.start());
      covered = s.end();
    }
    assertEquals(Files.size(many), covered);
  }

  private static FileSplits.Plan plan(Path f) throws IOException {
    ExportReader.Detection d;
    try (InputStream in = Files.newInputStream(f)) {
      d = ExportReader.detect(in);
    }
    if (!FileSplits.splittable(d) || Files.size(f) < 2 * SPLIT_BYTES) {
      return null;
    }
    try (InputStream in = Files.newInputStream(f)) {
      return FileSplits.plan(in, d.parser().get(), d.encoding(), SPLIT_BYTES);
    }
  }

  /** The real RIS and MEDLINE exports that are UTF-8 and at least two splits long. */
  private static List<Path> realExports() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> all = Files.walk(RealData.folder().resolve("exports"))) {
      for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
        long size = Files.size(f);
        if (size < 2 * SPLIT_BYTES || size > LARGEST_REAL_FILE) {
          continue;
        }
        ExportReader.Detection d;
        try (InputStream in = Files.newInputStream(f)) {
          d = ExportReader.detect(in);
        }
        if (FileSplits.splittable(d)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /** Files with the layouts a cut could get wrong. */
  private List<Path> handMade(Path dir) throws IOException {
    StringBuilder ris = new StringBuilder("\uFEFFProvider: Ovid Technologies\r\nDatabase: PsycINFO\r\n\r\n");
    StringBuilder nbib = new StringBuilder();
    for (int i = 1; i <= 120; i++) {
      String doi = "10.5555/split." + i;
      ris.append("TY  - JOUR\r\nTI  - Peer workers and training outcomes, part ").append(i).append("\r\n");
      if (i % 9 == 0) {
        ris.append("   a continuation line of the title\r\n");
      }
      ris.append("AU  - Moreno, Ana\r\nPY  - ").append(2000 + i % 20).append("\r\nDO  - ").append(doi).append("\r\n");
      ris.append("AB  - ").append("Peer support workers completed a training course. ".repeat(i % 5 + 1)).append("\r\n");
      if (i % 17 == 0) {
        continue; // no ER: the next TY ends this record
      }
      ris.append("ER  - \r\n");
      if (i % 5 == 0) {
        ris.append("NL  - stray tag after ER\r\n"); // Ovid puts such lines there
      }
      if (i % 7 == 0) {
        ris.append("\r\n\r\n   \r\n");
      }
      if (i % 23 == 0) {
        ris.append("TI  - a record without TY\r\nER  - \r\n");
      }
    }
    for (int i = 1; i <= 120; i++) {
      if (i % 11 != 0) {
        nbib.append("PMID- ").append(90_000_000 + i).append('\n');
      }
      nbib.append("TI  - Lived experience workforce training evaluation number ").append(i).append("\n");
      nbib.append("      with a wrapped title line.\n");
      nbib.append("AB  - ").append("Trainees reported improved knowledge and skills. ".repeat(i % 4 + 1)).append('\n');
      nbib.append("DP  - ").append(2010 + i % 10).append(" Mar\nAU  - Okafor C\nLID - 10.5555/nbib.").append(i)
          .append(" [doi]\n");
      if (i == 60) {
        nbib.append("AB  - ").append("x".repeat(FieldText.MAX_FIELD_CHARS + 10)).append('\n'); // cut, with a warning
      }
      nbib.append(i % 13 == 0 ? "\n  \n\n" : "\n");
    }
    StringBuilder bomTy = new StringBuilder("\uFEFFTY  - JOUR\nER  - \n"); // a record of one TY line: rejected
    StringBuilder twoPmids = new StringBuilder();
    for (int i = 1; i <= 150; i++) {
      bomTy.append("TY  - JOUR\nTI  - Recovery coaching course ").append(i).append("\nER  - \n");
      if (i % 10 == 0) {
        bomTy.append("\n");
      }
      twoPmids.append("PMID- ").append(80_000_000 + i).append("\nTI  - Family peer advocates training ")
          .append(i).append('\n');
      if (i % 6 == 0) {
        twoPmids.append("\u2003\u3000\n"); // blank to Java (em space, ideographic space): ends the record
      } else if (i % 6 == 1) {
        twoPmids.append("\u00a0\n"); // a no-break space is not blank: the record goes on
      } else if (i % 6 == 2) {
        twoPmids.append("\u00e9t\u00e9\n"); // neither tag nor continuation: ignored
      }
      // no blank line between most records: the next PMID starts the next record
    }
    twoPmids.append("PMID- 89999999\nTI  - The last record, without a line end");
    return List.of(write(dir.resolve("ovid-crlf-bom.ris"), ris.toString()),
        write(dir.resolve("pubmed-odd.nbib"), nbib.toString()),
        write(dir.resolve("bom-then-ty.ris"), bomTy.toString()),
        write(dir.resolve("pmid-after-pmid.nbib"), twoPmids.toString()));
  }

  private static Path write(Path f, String text) throws IOException {
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private static String encoded(BibRecord r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      BibRecord.BibRecordCoder.of().encode(r, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return java.util.HexFormat.of().formatHex(out.toByteArray());
  }

  /** What one plain parse of each whole file gives. */
  private static final class Whole {
    final List<BibRecord> records = new ArrayList<>();
    final List<Rejected> rejects = new ArrayList<>();
    final List<FileReport> reports = new ArrayList<>();
  }

  private static Whole wholeFiles(List<String> names, List<String> paths) {
    Whole w = new Whole();
    ParseSink sink = ParseSink.into(w.records, w.rejects);
    try {
      for (int i = 0; i < paths.size(); i++) {
        try (InputStream in = Files.newInputStream(Path.of(paths.get(i)))) {
          w.reports.add(ExportReader.read(names.get(i), in, sink));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w;
  }
}
