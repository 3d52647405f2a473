package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One bibliographic record in litsieve's canonical form, whatever export it came from. (Named
 * {@code BibRecord} rather than {@code Record} so it never shadows {@link java.lang.Record}.)
 *
 * <p>Text fields are never null: a missing value is {@code ""}, a missing list is empty and a
 * missing year is {@code 0}. Authors are "Surname, Given" (or "Surname, Initials") in export
 * order. Subject headings that the export marks as major topics start with {@code *}. The DOI is
 * stored normalised (lower case, without a resolver prefix).
 *
 * <p>{@code provenance} holds every input record this record stands for: one entry after parsing,
 * several after duplicates are merged. The first entry is the record's own.
 */
@DefaultCoder(BibRecord.BibRecordCoder.class)
public record BibRecord(
    List<Provenance> provenance,
    String type,
    String title,
    String abstractText,
    List<String> authors,
    int year,
    String journal,
    String journalAbbrev,
    String volume,
    String issue,
    String pages,
    String doi,
    String pmid,
    String pmcid,
    String issn,
    String isbn,
    List<String> keywords,
    List<String> subjectHeadings,
    String language,
    List<String> publicationTypes,
    String url) {

  public BibRecord {
    if (provenance == null || provenance.isEmpty()) {
      throw new IllegalArgumentException("a record needs at least one provenance entry");
    }
    provenance = List.copyOf(provenance);
    type = Codec.nonNull(type);
    title = Codec.nonNull(title);
    abstractText = Codec.nonNull(abstractText);
    authors = Codec.copy(authors);
    if (year < 0) {
      throw new IllegalArgumentException("year must be >= 0 (0 = unknown)");
    }
    journal = Codec.nonNull(journal);
    journalAbbrev = Codec.nonNull(journalAbbrev);
    volume = Codec.nonNull(volume);
    issue = Codec.nonNull(issue);
    pages = Codec.nonNull(pages);
    doi = Codec.nonNull(doi);
    pmid = Codec.nonNull(pmid);
    pmcid = Codec.nonNull(pmcid);
    issn = Codec.nonNull(issn);
    isbn = Codec.nonNull(isbn);
    keywords = Codec.copy(keywords);
    subjectHeadings = Codec.copy(subjectHeadings);
    language = Codec.nonNull(language);
    publicationTypes = Codec.copy(publicationTypes);
    url = Codec.nonNull(url);
  }

  /** The id of the input record this one was parsed from (the first provenance entry). */
  public String inputId() {
    return provenance.get(0).inputId();
  }

  /** The record's own provenance (the first entry). */
  public Provenance origin() {
    return provenance.get(0);
  }

  /** The first author's surname, or "" when there are no authors. */
  public String firstAuthorSurname() {
    if (authors.isEmpty()) {
      return "";
    }
    String first = authors.get(0);
    int comma = first.indexOf(',');
    if (comma >= 0) {
      return first.substring(0, comma).strip();
    }
    // "Given Surname" or "Surname Initials" without a comma: take the longest-looking word.
    String[] words = first.strip().split("\\s+");
    if (words.length == 2 && words[1].replace(".", "").length() <= 3
        && words[1].replace(".", "").chars().allMatch(Character::isUpperCase)) {
      return words[0]; // MEDLINE "Smith JA"
    }
    return words[words.length - 1];
  }

  /** How many of the descriptive fields are filled: used to pick the richest duplicate. */
  public int completeness() {
    int score = 0;
    for (String s : new String[] {title, journal, volume, issue, pages, doi, pmid, pmcid, issn,
        isbn, language, url, type, journalAbbrev}) {
      if (!s.isEmpty()) {
        score++;
      }
    }
    if (!abstractText.isEmpty()) {
      score += 3; // an abstract matters most for screening
    }
    if (year > 0) {
      score++;
    }
    score += authors.isEmpty() ? 0 : 1;
    score += keywords.isEmpty() ? 0 : 1;
    score += subjectHeadings.isEmpty() ? 0 : 1;
    score += publicationTypes.isEmpty() ? 0 : 1;
    return score;
  }

  /** A builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A builder for a record parsed from the given input record. */
  public static Builder builder(Provenance origin) {
    return new Builder(origin);
  }

  /** Mutable builder; parsers fill it field by field. */
  public static final class Builder {
    private List<Provenance> provenance = new ArrayList<>();
    private String type = "";
    private String title = "";
    private String abstractText = "";
    private List<String> authors = new ArrayList<>();
    private int year;
    private String journal = "";
    private String journalAbbrev = "";
    private String volume = "";
    private String issue = "";
    private String pages = "";
    private String doi = "";
    private String pmid = "";
    private String pmcid = "";
    private String issn = "";
    private String isbn = "";
    private List<String> keywords = new ArrayList<>();
    private List<String> subjectHeadings = new ArrayList<>();
    private String language = "";
    private List<String> publicationTypes = new ArrayList<>();
    private String url = "";

    private Builder(Provenance origin) {
      provenance.add(origin);
    }

    private Builder(BibRecord r) {
      provenance = new ArrayList<>(r.provenance);
      type = r.type;
      title = r.title;
      abstractText = r.abstractText;
      authors = new ArrayList<>(r.authors);
      year = r.year;
      journal = r.journal;
      journalAbbrev = r.journalAbbrev;
      volume = r.volume;
      issue = r.issue;
      pages = r.pages;
      doi = r.doi;
      pmid = r.pmid;
      pmcid = r.pmcid;
      issn = r.issn;
      isbn = r.isbn;
      keywords = new ArrayList<>(r.keywords);
      subjectHeadings = new ArrayList<>(r.subjectHeadings);
      language = r.language;
      publicationTypes = new ArrayList<>(r.publicationTypes);
      url = r.url;
    }

    public Builder provenance(List<Provenance> v) { provenance = new ArrayList<>(v); return this; }
    public Builder type(String v) { type = v; return this; }
    public Builder title(String v) { title = v; return this; }
    public Builder abstractText(String v) { abstractText = v; return this; }
    public Builder authors(List<String> v) { authors = new ArrayList<>(v); return this; }
    public Builder addAuthor(String v) { authors.add(v); return this; }
    public Builder year(int v) { year = v; return this; }
    public Builder journal(String v) { journal = v; return this; }
    public Builder journalAbbrev(String v) { journalAbbrev = v; return this; }
    public Builder volume(String v) { volume = v; return this; }
    public Builder issue(String v) { issue = v; return this; }
    public Builder pages(String v) { pages = v; return this; }
    public Builder doi(String v) { doi = Identifiers.normaliseDoi(v); return this; }
    public Builder pmid(String v) { pmid = v == null ? "" : v.strip(); return this; }
    public Builder pmcid(String v) { pmcid = v == null ? "" : v.strip(); return this; }
    public Builder issn(String v) { issn = v; return this; }
    public Builder isbn(String v) { isbn = v; return this; }
    public Builder keywords(List<String> v) { keywords = new ArrayList<>(v); return this; }
    public Builder addKeyword(String v) { keywords.add(v); return this; }
    public Builder subjectHeadings(List<String> v) { subjectHeadings = new ArrayList<>(v); return this; }
    public Builder addSubjectHeading(String v) { subjectHeadings.add(v); return this; }
    public Builder language(String v) { language = v; return this; }
    public Builder publicationTypes(List<String> v) { publicationTypes = new ArrayList<>(v); return this; }
    public Builder addPublicationType(String v) { publicationTypes.add(v); return this; }
    public Builder url(String v) { url = v; return this; }

    public String title() { return title; }
    public String doi() { return doi; }
    public String journal() { return journal; }
    public int year() { return year; }
    public List<String> authors() { return authors; }

    public BibRecord build() {
      return new BibRecord(provenance, type, title, abstractText, authors, year, journal,
          journalAbbrev, volume, issue, pages, doi, pmid, pmcid, issn, isbn, keywords,
          subjectHeadings, language, publicationTypes, url);
    }
  }

  /** Deterministic coder for {@link BibRecord}. */
  public static final class BibRecordCoder extends AtomicCoder<BibRecord> {
    private static final BibRecordCoder INSTANCE = new BibRecordCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link BibRecord}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(BibRecord.class), INSTANCE);
    }
    private static final Provenance.ProvenanceCoder PROVENANCE = Provenance.ProvenanceCoder.of();

    public static BibRecordCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(BibRecord r, OutputStream out) throws IOException {
      Codec.writeList(r.provenance, PROVENANCE::encode, out);
      Codec.writeString(r.type, out);
      Codec.writeString(r.title, out);
      Codec.writeString(r.abstractText, out);
      Codec.writeStrings(r.authors, out);
      Codec.writeInt(r.year, out);
      Codec.writeString(r.journal, out);
      Codec.writeString(r.journalAbbrev, out);
      Codec.writeString(r.volume, out);
      Codec.writeString(r.issue, out);
      Codec.writeString(r.pages, out);
      Codec.writeString(r.doi, out);
      Codec.writeString(r.pmid, out);
      Codec.writeString(r.pmcid, out);
      Codec.writeString(r.issn, out);
      Codec.writeString(r.isbn, out);
      Codec.writeStrings(r.keywords, out);
      Codec.writeStrings(r.subjectHeadings, out);
      Codec.writeString(r.language, out);
      Codec.writeStrings(r.publicationTypes, out);
      Codec.writeString(r.url, out);
    }

    @Override
    public BibRecord decode(InputStream in) throws IOException {
      return new BibRecord(
          Codec.readList(PROVENANCE::decode, in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readStrings(in),
          Codec.readInt(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readStrings(in),
          Codec.readStrings(in),
          Codec.readString(in),
          Codec.readStrings(in),
          Codec.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
