package org.litsieve.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.SplittableRandom;

/** Writes a paper as PubMed's MEDLINE text ("PubMed format", .nbib), lines wrapped at 80 with 6-space continuations. */
final class MedlineText {
  private MedlineText() {}

  static void write(Paper p, SplittableRandom r, Writer w) throws IOException {
    StringBuilder b = new StringBuilder(2048);
    tag(b, "PMID", p.pmid());
    tag(b, "OWN", "NLM");
    tag(b, "STAT", "MEDLINE");
    tag(b, "IS", "0000-0000 (Print)");
    tag(b, "VI", Integer.toString(p.volume()));
    tag(b, "IP", Integer.toString(p.issue()));
    tag(b, "DP", p.year() + " " + new String[] {"Jan", "Mar", "Jun", "Sep", "Nov"}[r.nextInt(5)]);
    tag(b, "TI", p.title() + ".");
    tag(b, "PG", p.firstPage() + "-" + abbreviatedEnd(p.firstPage(), p.lastPage()));
    tag(b, "LID", p.doi() + " [doi]");
    tag(b, "AB", p.abstractText());
    for (String[] a : p.authors()) {
      tag(b, "FAU", a[0] + ", " + a[1]);
      tag(b, "AU", a[0] + " " + Vocabulary.initials(a[1]));
    }
    tag(b, "LA", "eng");
    tag(b, "PT", "Journal Article");
    tag(b, "TA", p.journal()[1]);
    tag(b, "JT", p.journal()[0]);
    for (String k : p.keywords()) {
      tag(b, "OT", k);
    }
    tag(b, "AID", p.doi() + " [doi]");
    tag(b, "SO", p.journal()[1] + ". " + p.year() + ";" + p.volume() + "(" + p.issue() + "):" + p.pages() + ".");
    b.append('\n');
    w.write(b.toString());
  }

  /** PubMed writes page ranges short: 73-76 as 73-6. */
  static String abbreviatedEnd(int first, int last) {
    String a = Integer.toString(first);
    String z = Integer.toString(last);
    int i = 0;
    while (a.length() == z.length() && i < z.length() - 1 && a.charAt(i) == z.charAt(i)) {
      i++;
    }
    return z.substring(i);
  }

  private static void tag(StringBuilder b, String tag, String value) {
    b.append(tag);
    for (int i = tag.length(); i < 4; i++) {
      b.append(' ');
    }
    b.append("- ");
    int col = 6;
    boolean first = true;
    for (String word : value.split(" ")) {
      if (!first) {
        if (col + 1 + word.length() > 80) {
          b.append("\n      ");
          col = 6;
        } else {
          b.append(' ');
          col++;
        }
      }
      b.append(word);
      col += word.length();
      first = false;
    }
    b.append('\n');
  }
}
