package org.litsieve.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Provenance;

/** The cut-offs the leave-one-set-out benchmark chooses reach the matcher. */
class MatchParamsTest {
  private static BibRecord rec(int n, String title) {
    return BibRecord.builder(new Provenance("export" + n + ".ris", n, n, "r" + n, ""))
        .type("JOUR").title(title).authors(List.of("Okoro, Adaeze", "Lindberg, Tove")).year(2020)
        .journal("Journal of Rural Health Services").build();
  }

  @Test
  void aStricterSameTitleCutOffKeepsATypoedTitleApart() {
    // one letter in 53 differs: 0.98 alike
    BibRecord a = rec(1, "Travel distance and missed appointments in rural clinics");
    BibRecord b = rec(2, "Travel distance and missed appointments in rurel clinics");
    assertEquals(1, Deduplicator.run(List.of(a, b)).unique().size());
    MatchParams strict = new MatchParams(0.99, 0.99, 0.80, 0.5);
    assertEquals(2, Deduplicator.run(List.of(a, b), strict).unique().size());
  }

  @Test
  void aStricterAuthorShareNeedsMoreOfTheAuthors() {
    BibRecord a = rec(1, "Travel distance and missed appointments in rural clinics");
    BibRecord b = BibRecord.builder(new Provenance("export2.ris", 2, 2, "r2", "")).type("JOUR")
        .title("Travel distance and missed appointments in rural clinics")
        .authors(List.of("Okoro, A.", "Haddad, R.")).year(2020).build();
    assertEquals(1, Deduplicator.run(List.of(a, b)).unique().size());
    assertEquals(2, Deduplicator.run(List.of(a, b), new MatchParams(0.95, 0.90, 0.80, 0.67)).unique().size());
  }
}
