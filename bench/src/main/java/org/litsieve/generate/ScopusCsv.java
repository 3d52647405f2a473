package org.litsieve.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Writes a paper as a row of Scopus's CSV export: every field quoted, "Surname G." authors, a copyright line. */
final class ScopusCsv {
  static final String HEADER = "\"Authors\",\"Author full names\",\"Title\",\"Year\",\"Source title\","
      + "\"Volume\",\"Issue\",\"Page start\",\"Page end\",\"DOI\",\"Abstract\",\"Author Keywords\","
      + "\"Language of Original Document\",\"Document Type\",\"PubMed ID\",\"EID\"\n";

  private ScopusCsv() {}

  static void write(Paper p, SplittableRandom r, Writer w) throws IOException {
    List<String> shortNames = new ArrayList<>();
    List<String> fullNames = new ArrayList<>();
    for (String[] a : p.authors()) {
      shortNames.add(a[0] + " " + Vocabulary.initials(a[1]) + ".");
      fullNames.add(a[0] + ", " + a[1] + " (" + (57000000000L + Math.abs((a[0] + a[1]).hashCode() % 1000000)) + ")");
    }
    String[] fields = {
      String.join("; ", shortNames),
      String.join("; ", fullNames),
      p.title(),
      Integer.toString(p.year()),
      p.journal()[0],
      Integer.toString(p.volume()),
      Integer.toString(p.issue()),
      Integer.toString(p.firstPage()),
      Integer.toString(p.lastPage()),
      r.nextDouble() < 0.9 ? p.doi() : "",
      p.abstractText() + " © " + p.year() + " The Authors.",
      String.join("; ", p.keywords()),
      "English",
      "Article",
      r.nextDouble() < 0.5 ? p.pmid() : "",
      "2-s2.0-85" + String.format("%09d", p.number() % 1_000_000_000L)
    };
    StringBuilder b = new StringBuilder(2048);
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append('"').append(fields[i].replace("\"", "\"\"")).append('"');
    }
    b.append('\n');
    w.write(b.toString());
  }
}
