package org.litsieve.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.ingest.ExportReader;
import org.litsieve.ingest.ParseSink;
import org.litsieve.model.BibRecord;
import org.litsieve.model.FileReport;
import org.litsieve.model.Rejected;

class CorpusGeneratorTest {
  @Test
  void theSameSeedGivesTheSameFilesAndEveryRecordParses(@TempDir Path dir) throws Exception {
    CorpusGenerator.Settings settings = new CorpusGenerator.Settings(3000, 42, 0.3, 0.25);
    CorpusGenerator.Summary a = CorpusGenerator.write(settings, dir.resolve("a"));
    CorpusGenerator.write(settings, dir.resolve("b"));
    for (String f : new String[] {"pubmed.nbib", "psycinfo-ovid.ris", "scopus.csv", "truth.csv"}) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)),
          Files.readAllBytes(dir.resolve("b").resolve(f)), f);
    }
    assertEquals(3000, a.records());
    double duplicateShare = (a.records() - a.papers()) / (double) a.records();
    assertEquals(0.3, duplicateShare, 0.03, "duplicate share");
    assertEquals(0.25, a.onTopicPapers() / (double) a.papers(), 0.03, "on-topic share");

    Map<String, String> formats = Map.of("pubmed.nbib", "medline", "psycinfo-ovid.ris", "ris", "scopus.csv", "csv");
    List<BibRecord> records = new ArrayList<>();
    List<Rejected> rejects = new ArrayList<>();
    long words = 0;
    long titleWords = 0;
    for (Map.Entry<String, String> e : formats.entrySet()) {
      try (InputStream in = Files.newInputStream(dir.resolve("a").resolve(e.getKey()))) {
        FileReport report = ExportReader.read(e.getKey(), in, ParseSink.into(records, rejects));
        assertEquals(e.getValue(), report.format(), e.getKey());
        assertEquals(a.recordsPerFile().get(e.getKey()), report.records(), e.getKey());
      }
    }
    assertTrue(rejects.isEmpty(), rejects.toString());
    for (BibRecord r : records) {
      words += r.abstractText().split("\\s+").length;
      titleWords += r.title().split("\\s+").length;
    }
    assertEquals(230, words / records.size(), 25, "abstract length");
    assertEquals(12, titleWords / records.size(), 3, "title length");
    // truth.csv maps every record to a paper
    List<String> truth = Files.readAllLines(dir.resolve("a/truth.csv"));
    assertEquals(3001, truth.size());
    Map<String, Integer> copies = new HashMap<>();
    for (String line : truth.subList(1, truth.size())) {
      copies.merge(line.split(",")[2], 1, Integer::sum);
    }
    assertEquals(a.papers(), copies.size());
  }
}
