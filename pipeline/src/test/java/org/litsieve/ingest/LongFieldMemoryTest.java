package org.litsieve.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.model.BibRecord;
import org.litsieve.model.FileReport;
import org.litsieve.model.Rejected;

/**
 * A field spread over many lines must be cut as it is read, not after: each format gets a
 * generated {@code .gz} export (made here, never committed) whose first record has a 40 MB
 * abstract in short lines, and a second JVM with a 32 MB heap reads them all. Before the
 * per-field and per-record limits, every one of these ran that heap out of memory.
 */
class LongFieldMemoryTest {
  /** Characters of the long abstract: far more than the child's whole heap. */
  private static final long LONG = 40L * 1024 * 1024;

  private static final String LINE =
      "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.";

  @Test
  void aFortyMegabyteMultiLineFieldIsCutUnderAThirtyTwoMegabyteHeap(@TempDir Path dir)
      throws Exception {
    List<Path> files = new ArrayList<>();
    files.add(write(dir.resolve("long.ris.gz"), "TY  - JOUR\nTI  - Long one\nAB  - Start\n", "      ",
        "PY  - 2020\nER  - \n\nTY  - JOUR\nTI  - Second one\nER  - \n"));
    files.add(write(dir.resolve("long.nbib.gz"), "PMID- 1\nTI  - Long one\nAB  - Start\n", "      ",
        "DP  - 2020\n\nPMID- 2\nTI  - Second one\n"));
    files.add(write(dir.resolve("long.wos.txt.gz"), "FN Clarivate Analytics Web of Science\nVR 1.0\n"
        + "PT J\nTI Long one\nAB Start\n", "   ", "PY 2020\nUT WOS:1\nER\n\nPT J\nTI Second one\nER\nEF\n"));
    files.add(write(dir.resolve("long.ovid.txt.gz"), "<1>\nTitle\n  Long one\nAbstract\n  Start\n", "  ",
        "Year of Publication\n  2020\n\n<2>\nTitle\n  Second one\n"));
    files.add(write(dir.resolve("long.bib.gz"), "@article{a,\n  title = {Long one},\n  abstract = {Start\n",
        "", "},\n  year = {2020}\n}\n\n@article{b,\n  title = {Second one}\n}\n"));
    files.add(write(dir.resolve("long.csv.gz"), "Title,Abstract,Year\nLong one,\"Start\n", "",
        "\",2020\nSecond one,x,2021\n"));
    files.add(write(dir.resolve("long.cochrane.txt.gz"), "Record #1 of 2\nID: CN-00000001\n"
        + "TI: Long one\nAB: Start\n", "", "YR: 2020\n\nRecord #2 of 2\nID: CN-00000002\n"
        + "TI: Second one\n"));
    files.add(write(dir.resolve("long.enw.gz"), "%0 Journal Article\n%T Long one\n%X Start\n", "",
        "%D 2020\n\n%0 Journal Article\n%T Second one\n"));
    files.add(write(dir.resolve("long.xml.gz"), "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n"
        + "<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>Long one"
        + "</ArticleTitle><Abstract><AbstractText>Start\n", "", "</AbstractText></Abstract>"
        + "</Article></MedlineCitation></PubmedArticle>\n<PubmedArticle><MedlineCitation><PMID>2"
        + "</PMID><Article><ArticleTitle>Second one</ArticleTitle></Article></MedlineCitation>"
        + "</PubmedArticle>\n</PubmedArticleSet>\n"));

    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
        "-XX:+UseSerialGC", "-cp", System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")), Child.class.getName()));
    files.forEach(f -> command.add(f.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.out").toFile()).start();
    boolean ended = p.waitFor(3, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly(); // a parser that never finishes must not outlive the test
    }
    String out = Files.readString(dir.resolve("child.out"));
    assertTrue(ended, "the child was still reading after 3 minutes:\n" + out);
    assertEquals(0, p.exitValue(), out);
    for (Path f : files) {
      String name = f.getFileName().toString();
      String line = out.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElse("");
      assertTrue(line.contains(" records=2 "), name + ": " + line + "\n" + out);
      assertTrue(line.contains(" titles=Long one|Second one "), name + ": " + line);
      assertTrue(line.contains(" cutNote=true"), name + ": " + line);
      long abstractLength = Long.parseLong(line.replaceAll(".* abstract=(\\d+).*", "$1"));
      assertTrue(abstractLength > 0 && abstractLength <= FieldText.MAX_FIELD_CHARS, name + ": " + line);
    }
    // the field after the long one is still read in the tagged formats
    for (String name : List.of("long.ris.gz", "long.nbib.gz", "long.wos.txt.gz", "long.ovid.txt.gz",
        "long.bib.gz", "long.csv.gz", "long.cochrane.txt.gz", "long.enw.gz")) {
      String line = out.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElse("");
      assertTrue(line.contains(" year=2020 "), name + ": " + line);
    }
  }

  /** Writes {@code head}, {@value #LONG} characters of indented lines, then {@code tail}, gzipped. */
  private static Path write(Path file, String head, String indent, String tail) throws IOException {
    try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), 1 << 16) {
          {
            def.setLevel(java.util.zip.Deflater.BEST_SPEED);
          }
        };
        Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      w.write(head);
      String line = indent + LINE + "\n";
      for (long n = 0; n < LONG; n += line.length()) {
        w.write(line);
      }
      w.write(tail);
    }
    return file;
  }

  /** Reads each file named and prints one summary line for it. */
  public static final class Child {
    public static void main(String[] args) throws IOException {
      for (String a : args) {
        Path f = Path.of(a);
        List<BibRecord> records = new ArrayList<>();
        List<Rejected> rejects = new ArrayList<>();
        FileReport report;
        try (InputStream in = Files.newInputStream(f)) {
          if (f.getFileName().toString().endsWith(".enw.gz")) {
            // the parser alone: a head of continuation lines is not detected as EndNote tagged
            List<String> notes = new ArrayList<>();
            ParseSink sink = new ParseSink() {
              @Override
              public void record(BibRecord r) {
                records.add(r);
              }

              @Override
              public void reject(Rejected r) {
                rejects.add(r);
              }

              @Override
              public void warning(String w) {
                notes.add(w);
              }
            };
            ExportFormats.byId("endnote-tagged").orElseThrow().parse(new CappedLineReader(
                new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(in),
                    StandardCharsets.UTF_8), sink), f.getFileName().toString(), sink);
            report = new FileReport(f.getFileName().toString(), "endnote-tagged", "UTF-8", "", 0,
                records.size(), rejects.size(), notes);
          } else {
            report = ExportReader.read(f.getFileName().toString(), in, ParseSink.into(records, rejects));
          }
        } catch (OutOfMemoryError e) {
          records.clear();
          System.out.println(f.getFileName() + " ran out of memory");
          continue;
        }
        StringBuilder titles = new StringBuilder();
        for (BibRecord r : records) {
          titles.append(titles.length() > 0 ? "|" : "").append(r.title());
        }
        System.out.println(f.getFileName() + " records=" + records.size() + " rejects=" + rejects
            + " titles=" + titles + " abstract="
            + (records.isEmpty() ? 0 : records.get(0).abstractText().length())
            + " year=" + (records.isEmpty() ? 0 : records.get(0).year())
            + " cutNote=" + report.warnings().stream().anyMatch(w -> w.contains("cut")
                || w.contains("dropped"))
            + " notes=" + report.warnings());
      }
    }
  }
}
