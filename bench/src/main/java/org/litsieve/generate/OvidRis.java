package org.litsieve.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.SplittableRandom;

/** Writes a paper as Ovid's RIS for APA PsycInfo: CRLF, record-number lines, DOI often as a URL or missing. */
final class OvidRis {
  private OvidRis() {}

  static void write(Paper p, SplittableRandom r, Writer w) throws IOException {
    StringBuilder b = new StringBuilder(2048);
    tag(b, "TY", "JOUR");
    tag(b, "DB", "APA PsycInfo");
    tag(b, "AN", p.year() + "-" + (10000 + p.number() % 90000) + "-" + (1 + p.number() % 999));
    String title = r.nextDouble() < 0.3 ? Vocabulary.titleCase(p.title()) : p.title();
    tag(b, "T1", title);
    for (String[] a : p.authors()) {
      tag(b, "A1", a[0] + ", " + a[1]);
    }
    tag(b, "Y1", p.year() + "//");
    tag(b, "N2", p.abstractText() + " (PsycInfo Database Record (c) " + p.year() + " APA, all rights reserved)");
    for (String k : p.keywords()) {
      tag(b, "KW", "*" + Vocabulary.capitalise(k));
    }
    tag(b, "JF", p.journal()[0]);
    tag(b, "JA", p.journal()[1]);
    tag(b, "VL", Integer.toString(p.volume()));
    tag(b, "IS", Integer.toString(p.issue()));
    tag(b, "SP", Integer.toString(p.firstPage()));
    tag(b, "EP", Integer.toString(p.lastPage()));
    double doi = r.nextDouble();
    if (doi < 0.5) {
      tag(b, "DO", "http://dx.doi.org/" + p.doi());
    } else if (doi < 0.8) {
      tag(b, "DO", p.doi());
    }
    tag(b, "M3", "Journal Article");
    tag(b, "LA", "English");
    b.append("ER  - \r\n\r\n");
    w.write(b.toString());
  }

  private static void tag(StringBuilder b, String tag, String value) {
    b.append(tag).append("  - ").append(value).append("\r\n");
  }
}
