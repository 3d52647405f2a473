package org.litsieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVReader;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.litsieve.dedup.Deduplicator;
import org.litsieve.dedup.SyntheticCorpus;
import org.litsieve.ingest.ExportReader;
import org.litsieve.ingest.ParseSink;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateLink;
import org.litsieve.model.Rejected;

/** {@code litsieve dedup}: outputs, source ids from an ID column, and the same groups as plain Java. */
class DedupCommandTest {
  @TempDir Path tmp;

  static List<String[]> csv(Path file) throws Exception {
    try (Reader r = Files.newBufferedReader(file); CSVReader c = new CSVReader(r)) {
      return c.readAll();
    }
  }

  /** Groups of source ids from a duplicates audit: record id → sorted source ids. */
  static TreeSet<String> groups(Map<String, TreeSet<String>> byRecord) {
    TreeSet<String> out = new TreeSet<>();
    byRecord.values().forEach(g -> out.add(String.join(";", g)));
    return out;
  }

  @Test
  void writesUniqueRecordsAuditReviewAndCountsWithTheCsvIdsAsSourceIds() throws Exception {
    SyntheticCorpus corpus = SyntheticCorpus.generate(600, 3);
    Path input = tmp.resolve("export.csv");
    corpus.writeCsv(input);
    // pairs for review, which the generated corpus lacks: a DOI shared by two different titles,
    // and a preprint with its published version
    Files.writeString(input, String.join("\n",
        "R1,Understanding information privacy assimilation in peer work,2018,\"Attili, V\",J Peer Work,3,1,1-9,10.5555/rev.1,article,",
        "R2,A longitudinal analysis of major misperceptions,2019,\"Annabi, H\",J Peer Work,4,2,10-19,10.5555/rev.1,article,",
        "R3,Peer workers reduce readmissions: a cluster randomised trial,2021,\"Okafor, N\",medRxiv,,,,10.1101/2021.01.01.123456,article,",
        "R4,Peer workers reduce readmissions: a cluster randomised trial,2022,\"Okafor, Ngozi\",Lancet Psychiatry,9,2,100-108,10.5555/lancet.2022.1,article,",
        ""), StandardOpenOption.APPEND);
    Path out = tmp.resolve("out");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = Main.execute(new String[] {"dedup", "--out", out.toString(), input.toString()},
        new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    assertEquals(0, code, stderr.toString());
    assertTrue(stdout.toString().contains("duplicates"), stdout.toString());

    JsonNode counts = new ObjectMapper().readTree(out.resolve("counts.json").toFile());
    List<String[]> records = csv(out.resolve("records.csv"));
    List<String[]> duplicates = csv(out.resolve("duplicates.csv"));
    List<String[]> review = csv(out.resolve("duplicates-review.csv"));
    assertEquals(List.of("record_id", "title", "authors", "year", "journal", "volume", "issue", "pages", "doi",
        "pmid", "sources", "source_ids", "abstract"), List.of(records.get(0)));
    assertEquals("relation", review.get(0)[0]);
    long identified = counts.get("identified").get("total").asLong();
    assertEquals(604, identified);
    assertEquals(records.size() - 1, counts.get("unique").asLong());
    assertEquals(identified, counts.get("unique").asLong() + counts.get("duplicates_removed").asLong());
    assertEquals(review.size() - 1, counts.get("review_pairs").asLong() + counts.get("related_pairs").asLong());
    assertTrue(Files.exists(out.resolve("manifest.json")));

    Map<String, TreeSet<String>> cli = new TreeMap<>();
    for (String[] row : duplicates.subList(1, duplicates.size())) {
      assertTrue(row[3].matches("P\\d+-(\\d+|erratum)"), "source_id is the CSV's ID column: " + row[3]);
      cli.computeIfAbsent(row[0], k -> new TreeSet<>()).add(row[3]);
    }
    assertEquals(counts.get("duplicates_removed").asLong(), duplicates.size() - 1 - cli.size());

    // the Beam transform and the plain-Java deduplicator find the same groups
    List<BibRecord> parsed = new ArrayList<>();
    List<Rejected> rejects = new ArrayList<>();
    try (InputStream in = Files.newInputStream(input)) {
      ExportReader.read(input.toString(), in, ParseSink.into(parsed, rejects));
    }
    assertEquals(List.of(), rejects, "rejected");
    assertEquals(604, parsed.size());
    Deduplicator.Result plain = Deduplicator.run(parsed);
    Map<String, TreeSet<String>> java = new TreeMap<>();
    for (DuplicateLink l : plain.links()) {
      java.computeIfAbsent(l.recordId(), k -> new TreeSet<>()).add(l.sourceId());
    }
    assertEquals(groups(java), groups(cli));
    assertTrue(cli.size() > 50, "the corpus has duplicates: " + cli.size() + " groups");
    // and the same review pairs, with the same labels (the Beam transform looks them up late)
    List<String> pairs = new ArrayList<>();
    plain.review().forEach(d -> pairs.add(String.join(";", d.relation(), d.rule(), d.inputIdA(),
        d.sourceIdA(), d.titleA(), d.inputIdB(), d.sourceIdB(), d.titleB())));
    List<String> cliReview = new ArrayList<>();
    review.subList(1, review.size()).forEach(r -> cliReview.add(String.join(";", r[0], r[2], r[3], r[5], r[7],
        r[8], r[10], r[12])));
    assertEquals(2, pairs.size(), "review pairs: " + pairs);
    assertEquals(new TreeSet<>(pairs), new TreeSet<>(cliReview));
  }
}
