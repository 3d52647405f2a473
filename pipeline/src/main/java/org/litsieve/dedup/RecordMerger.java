package org.litsieve.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.litsieve.model.BibRecord;
import org.litsieve.model.DuplicateLink;
import org.litsieve.model.Provenance;

/**
 * Merges one cluster of duplicate input records into a single record.
 *
 * <p>The kept record is the most complete one; ties go to the smallest hash of the record's
 * content (never to its file name or position, so renaming or reordering the inputs keeps the
 * same copy; only copies identical in content fall back to the input id). Its values win;
 * an empty field is filled from the other records in turn; keywords, subject headings and
 * publication types are united; the provenance of every input record is kept, the kept record's
 * first. For clusters of two or more it also gives one {@link DuplicateLink} per input record,
 * exactly one of them {@code kept}.
 */
public final class RecordMerger {
  /** The merged record, its id, and the audit rows (empty for a single record). */
  public record Merged(String recordId, BibRecord record, List<DuplicateLink> links) {}

  private RecordMerger() {}

  /**
   * Makes record ids unique: records that were not merged can share an identity (two papers
   * given one DOI by mistake, two "Editorial"s). The one with the smallest input id keeps its id;
   * each other one gets an id made from its identity and its own input id, and its audit rows
   * follow. Deterministic; {@code records} all share {@code recordId}.
   */
  public static List<Merged> distinct(String recordId, List<Merged> records) {
    if (records.size() < 2) {
      return records;
    }
    List<Merged> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparing((Merged m) -> m.record().inputId()));
    List<Merged> out = new ArrayList<>();
    out.add(sorted.get(0));
    for (Merged m : sorted.subList(1, sorted.size())) {
      String id = RecordIds.ofSharedIdentity(m.record());
      List<DuplicateLink> links = new ArrayList<>();
      for (DuplicateLink l : m.links()) {
        links.add(new DuplicateLink(id, l.inputId(), l.sourceFile(), l.sourceId(), l.kept(), l.matchRule()));
      }
      out.add(new Merged(id, m.record(), links));
    }
    return out;
  }

  /** Orders records richest first, then by a hash of their content, then by input id. */
  static List<BibRecord> richestFirst(List<BibRecord> records) {
    Map<BibRecord, String> hashes = new java.util.IdentityHashMap<>();
    for (BibRecord r : records) {
      hashes.put(r, contentHash(r));
    }
    List<BibRecord> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparingInt(BibRecord::completeness).reversed()
        .thenComparing(hashes::get).thenComparing(BibRecord::inputId));
    return sorted;
  }

  /** A SHA-256 of the record's bibliographic content: every field but its provenance. */
  static String contentHash(BibRecord r) {
    StringBuilder b = new StringBuilder(512);
    for (Object v : new Object[] {r.type(), r.title(), r.abstractText(), r.authors(), r.year(),
        r.journal(), r.journalAbbrev(), r.volume(), r.issue(), r.pages(), r.doi(), r.pmid(), r.pmcid(),
        r.issn(), r.isbn(), r.keywords(), r.subjectHeadings(), r.language(), r.publicationTypes(),
        r.url()}) {
      b.append(v).append('\u0001');
    }
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Merges a cluster. {@code rulesByInput} gives the rule(s) that linked each input id; inputs
   * missing from it are reported with an empty rule.
   */
  public static Merged merge(List<BibRecord> cluster, Map<String, String> rulesByInput) {
    if (cluster.isEmpty()) {
      throw new IllegalArgumentException("empty cluster");
    }
    if (cluster.size() == 1) {
      BibRecord only = cluster.get(0);
      return new Merged(RecordIds.of(only), only, List.of());
    }
    List<BibRecord> sorted = richestFirst(cluster);
    BibRecord kept = sorted.get(0);
    BibRecord.Builder b = kept.toBuilder();
    List<Provenance> provenance = new ArrayList<>(kept.provenance());
    Set<String> keywords = new LinkedHashSet<>(kept.keywords());
    Set<String> headings = new LinkedHashSet<>(kept.subjectHeadings());
    Set<String> types = new LinkedHashSet<>(kept.publicationTypes());
    BibRecord acc = kept;
    for (BibRecord other : sorted.subList(1, sorted.size())) {
      provenance.addAll(other.provenance());
      keywords.addAll(other.keywords());
      headings.addAll(other.subjectHeadings());
      types.addAll(other.publicationTypes());
      b.type(first(acc.type(), other.type()))
          .title(first(acc.title(), other.title()))
          .abstractText(first(acc.abstractText(), other.abstractText()))
          .authors(acc.authors().isEmpty() ? other.authors() : acc.authors())
          .year(acc.year() != 0 ? acc.year() : other.year())
          .journal(first(acc.journal(), other.journal()))
          .journalAbbrev(first(acc.journalAbbrev(), other.journalAbbrev()))
          .volume(first(acc.volume(), other.volume()))
          .issue(first(acc.issue(), other.issue()))
          .pages(first(acc.pages(), other.pages()))
          .doi(first(acc.doi(), other.doi()))
          .pmid(first(acc.pmid(), other.pmid()))
          .pmcid(first(acc.pmcid(), other.pmcid()))
          .issn(first(acc.issn(), other.issn()))
          .isbn(first(acc.isbn(), other.isbn()))
          .language(first(acc.language(), other.language()))
          .url(first(acc.url(), other.url()));
      acc = b.build();
    }
    BibRecord merged = b.provenance(provenance)
        .keywords(List.copyOf(keywords))
        .subjectHeadings(List.copyOf(headings))
        .publicationTypes(List.copyOf(types))
        .build();
    String recordId = RecordIds.of(merged);
    List<DuplicateLink> links = new ArrayList<>();
    for (BibRecord r : sorted) {
      Provenance p = r.origin();
      links.add(new DuplicateLink(recordId, r.inputId(), p.sourceFile(), p.sourceId(),
          r == kept, rulesByInput.getOrDefault(r.inputId(), "")));
    }
    links.sort(Comparator.comparing(DuplicateLink::inputId));
    return new Merged(recordId, merged, links);
  }

  private static String first(String current, String candidate) {
    return current.isEmpty() ? candidate : current;
  }
}
