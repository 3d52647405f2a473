package org.litsieve.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.litsieve.model.BibRecord;
import org.litsieve.model.PaperKeys;

/**
 * Stable record ids. A paper's id comes from its DOI, else its PMID, else a fingerprint of its
 * normalised title, year, first author, journal, volume and first page (each normalised by
 * {@link PaperKeys}, as the living review's matching keys are); the chosen key is hashed
 * (SHA-256, first 64 bits) and written as {@code ls-} and 16 hex digits.
 *
 * <p>Ids are made unique within a run by {@code RecordMerger.distinct}, with
 * {@link #ofSharedIdentity}.
 *
 * <p>So the same paper exported again, or from another database with the same DOI, gets the same
 * id. Limits: a paper that gains a DOI it lacked before gets a new id (re-runs resolve this
 * through deduplication against the earlier run), and a fingerprint changes with any change to
 * the fields in it.
 */
public final class RecordIds {
  private RecordIds() {}

  /** The key an id is made from, e.g. {@code doi:10.5555/x} (useful for audits). */
  public static String identity(BibRecord r) {
    if (!r.doi().isEmpty()) {
      return "doi:" + r.doi();
    }
    if (!r.pmid().isEmpty()) {
      return "pmid:" + r.pmid();
    }
    String journal = PaperKeys.words(r.journal().isEmpty() ? r.journalAbbrev() : r.journal());
    return "fp:" + PaperKeys.title(r.title()) + "|" + r.year() + "|"
        + PaperKeys.surname(r.firstAuthorSurname()) + "|" + journal + "|"
        + PaperKeys.words(r.volume()) + "|" + PaperKeys.firstPage(r.pages());
  }

  /** The record id. */
  public static String of(BibRecord r) {
    return hash(identity(r));
  }

  /**
   * The id of {@code r} when a record of the run that was not merged with it has the same identity
   * (two papers given one DOI by mistake, two "Editorial"s): made from its identity and its own
   * input id, so that it differs from theirs. {@code RecordMerger.distinct} decides who keeps the
   * plain id.
   */
  static String ofSharedIdentity(BibRecord r) {
    return hash(identity(r) + "|" + r.inputId());
  }

  private static String hash(String identity) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(identity.getBytes(StandardCharsets.UTF_8));
      return "ls-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
