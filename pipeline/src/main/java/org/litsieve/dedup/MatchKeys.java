package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.List;
import org.litsieve.model.BibRecord;

/**
 * The exact match keys of a record. Two records that share a key are candidates for being one
 * paper; {@link KeyLinker} decides.
 *
 * <ul>
 *   <li>{@code doi}: the normalised DOI;
 *   <li>{@code pmid}: the PubMed id;
 *   <li>{@code title+year+author}: normalised title, year and first author's surname, for titles
 *       that are not generic;
 *   <li>{@code title+year+author+source}: for generic titles ("Editorial", "Reply"), the same plus
 *       normalised journal, volume and first page, all of which must be present.
 * </ul>
 */
public final class MatchKeys {
  public static final String DOI = "doi";
  public static final String PMID = "pmid";
  public static final String TITLE_YEAR_AUTHOR = "title+year+author";
  public static final String TITLE_YEAR_AUTHOR_SOURCE = "title+year+author+source";

  /** A key: the rule that made it and its value. {@link #encoded()} is unique across rules. */
  public record Key(String rule, String value) {
    public String encoded() {
      return rule + "\u0001" + value;
    }

    public static String ruleOf(String encoded) {
      return encoded.substring(0, encoded.indexOf('\u0001'));
    }
  }

  private MatchKeys() {}

  public static List<Key> of(BibRecord r) {
    List<Key> keys = new ArrayList<>(3);
    if (!r.doi().isEmpty()) {
      keys.add(new Key(DOI, r.doi()));
    }
    if (!r.pmid().isEmpty()) {
      keys.add(new Key(PMID, r.pmid()));
    }
    String fingerprint = fingerprint(r);
    if (!fingerprint.isEmpty()) {
      keys.add(new Key(TextKeys.isGeneric(TextKeys.title(r.title())) ? TITLE_YEAR_AUTHOR_SOURCE
          : TITLE_YEAR_AUTHOR, fingerprint));
    }
    return keys;
  }

  /**
   * The title fingerprint used by the title rules, or "" when the record lacks what it needs: a
   * title, a year and a first author (and, for generic titles, a journal, volume and first page).
   */
  public static String fingerprint(BibRecord r) {
    String title = TextKeys.title(r.title());
    String surname = TextKeys.surname(r.firstAuthorSurname());
    if (title.isEmpty() || r.year() == 0 || surname.isEmpty()) {
      return "";
    }
    String base = title + "|" + r.year() + "|" + surname;
    if (!TextKeys.isGeneric(title)) {
      return base;
    }
    String journal = TextKeys.words(r.journal().isEmpty() ? r.journalAbbrev() : r.journal());
    String volume = TextKeys.words(r.volume());
    String page = TextKeys.firstPage(r.pages());
    if (journal.isEmpty() || volume.isEmpty() || page.isEmpty()) {
      return "";
    }
    return base + "|" + journal + "|" + volume + "|" + page;
  }
}
