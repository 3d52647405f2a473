package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Identifiers;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/**
 * Reads EndNote XML ({@code <xml><records><record>…}), as EndNote, Bookends and other reference
 * managers export it.
 *
 * <p><b>Input.</b> XML read with DTDs and external entities disabled ({@link XmlInput}); each
 * {@code record} element is one record; text inside {@code style} elements is flattened.
 *
 * <p><b>Output.</b> One {@link BibRecord} per record; position = 1-based ordinal, line = line of
 * its start tag. Mapping: titles/title title; abstract; contributors/authors/author authors
 * (secondary and tertiary authors are editors, not authors); dates/year, else pub-dates, year;
 * periodical/full-title, else titles/secondary-title, journal; periodical/abbr-1, else
 * titles/alt-title, abbreviation; volume; number issue; pages; electronic-resource-num DOI (else a
 * DOI in a URL); isbn as ISSN or ISBN by shape; keywords/keyword keywords; language; ref-type name
 * type and publication type; work-type publication type; urls url; accession-num, else
 * rec-number, source id; remote-database-name, else remote-database-provider, database; a
 * "PMID" in accession-num or notes PMID.
 *
 * <p><b>Failure behaviour.</b> A record without a title is rejected ("no title"). XML that is not
 * well formed, or that needs its DTD, stops the parse with a reject for the record being read;
 * records before it are kept. Only the reader's {@link IOException} is thrown.
 */
public final class EndnoteXmlParser implements ExportParser {

  @Override
  public String id() {
    return "endnote-xml";
  }

  @Override
  public String displayName() {
    return "EndNote XML";
  }

  /** 96 when the first element is {@code xml} and the head holds a {@code <records>} element. */
  @Override
  public int sniff(String head) {
    String first = HeadLines.firstXmlElement(head);
    if (first.equals("xml") && head.contains("<records>")) {
      return 96;
    }
    return first.equals("records") && head.contains("<record>") ? 90 : 0;
  }

  @Override
  public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {
    int position = 0;
    Raw cur = null;
    XMLStreamReader xml = null;
    try {
      xml = XmlInput.open(text);
      String group = "";
      while (xml.hasNext()) {
        int ev = xml.next();
        if (ev == XMLStreamConstants.END_ELEMENT) {
          String name = xml.getLocalName();
          if (name.equals("record") && cur != null) {
            finish(cur, sourceFile, sink);
            cur = null;
          } else if (name.equals(group)) {
            group = "";
          }
          continue;
        }
        if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
          throw new XMLStreamException("the file uses the entity &" + xml.getLocalName()
              + "; which needs its DTD; DTDs and external entities are not read", xml.getLocation());
        }
        if (ev != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String name = xml.getLocalName();
        if (name.equals("record")) {
          cur = new Raw(++position, xml.getLocation().getLineNumber());
          continue;
        }
        if (cur == null) {
          continue;
        }
        String where = "record " + cur.position + ", " + name;
        switch (name) {
          case "authors":
          case "secondary-authors":
          case "tertiary-authors":
          case "subsidiary-authors":
          case "titles":
          case "periodical":
          case "alt-periodical":
          case "keywords":
          case "urls":
          case "pub-dates":
            group = name;
            break;
          case "ref-type":
            cur.refType = attr(xml, "name");
            XmlInput.text(xml, sink, where);
            break;
          case "author":
            String a = XmlInput.text(xml, sink, where);
            if (group.equals("authors") && !a.isEmpty()) {
              cur.authors.add(FieldText.cleanName(a));
            }
            break;
          case "title":
            if (group.equals("titles") || group.isEmpty()) {
              cur.title = or(cur.title, XmlInput.text(xml, sink, where));
            }
            break;
          case "secondary-title":
            cur.secondaryTitle = or(cur.secondaryTitle, XmlInput.text(xml, sink, where));
            break;
          case "alt-title":
            cur.altTitle = or(cur.altTitle, XmlInput.text(xml, sink, where));
            break;
          case "full-title":
            if (group.equals("periodical")) {
              cur.fullTitle = or(cur.fullTitle, XmlInput.text(xml, sink, where));
            }
            break;
          case "abbr-1":
            if (group.equals("periodical")) {
              cur.abbrev = or(cur.abbrev, XmlInput.text(xml, sink, where));
            }
            break;
          case "abstract":
            cur.abstractText = or(cur.abstractText, XmlInput.text(xml, sink, where));
            break;
          case "year":
            cur.year = or(cur.year, XmlInput.text(xml, sink, where));
            break;
          case "date":
            cur.date = or(cur.date, XmlInput.text(xml, sink, where));
            break;
          case "volume":
            cur.volume = or(cur.volume, XmlInput.text(xml, sink, where));
            break;
          case "number":
            cur.number = or(cur.number, XmlInput.text(xml, sink, where));
            break;
          case "pages":
            cur.pages = or(cur.pages, XmlInput.text(xml, sink, where));
            break;
          case "electronic-resource-num":
            cur.doi = or(cur.doi, XmlInput.text(xml, sink, where));
            break;
          case "isbn":
            cur.isbn = or(cur.isbn, XmlInput.text(xml, sink, where));
            break;
          case "keyword":
            if (group.equals("keywords")) {
              String k = XmlInput.text(xml, sink, where);
              for (String part : k.split("\\s*[;\\n]\\s*")) {
                if (!part.isBlank()) {
                  cur.keywords.add(part.strip());
                }
              }
            }
            break;
          case "language":
            cur.language = or(cur.language, XmlInput.text(xml, sink, where));
            break;
          case "work-type":
            cur.workType = or(cur.workType, XmlInput.text(xml, sink, where));
            break;
          case "url":
            String u = XmlInput.text(xml, sink, where);
            if (group.equals("urls")) {
              cur.urls.add(u);
            }
            break;
          case "accession-num":
            cur.accession = or(cur.accession, XmlInput.text(xml, sink, where));
            break;
          case "rec-number":
            cur.recNumber = or(cur.recNumber, XmlInput.text(xml, sink, where));
            break;
          case "remote-database-name":
            cur.database = or(cur.database, XmlInput.text(xml, sink, where));
            break;
          case "remote-database-provider":
            cur.provider = or(cur.provider, XmlInput.text(xml, sink, where));
            break;
          case "notes":
            cur.notes = or(cur.notes, XmlInput.text(xml, sink, where));
            break;
          default:
            break;
        }
      }
    } catch (XMLStreamException e) {
      XmlInput.rejectRest(e, sourceFile, cur == null ? -1 : cur.position, cur == null ? 0 : cur.line,
          position, sink);
    } finally {
      XmlInput.close(xml);
    }
  }

  private static String attr(XMLStreamReader xml, String name) {
    String v = xml.getAttributeValue(null, name);
    return v == null ? "" : v.strip();
  }

  private static String or(String current, String v) {
    return current.isEmpty() ? v : current;
  }

  private static final class Raw {
    final int position;
    final int line;
    String refType = "", title = "", secondaryTitle = "", altTitle = "", fullTitle = "";
    String abbrev = "", abstractText = "", year = "", date = "", volume = "", number = "";
    String pages = "", doi = "", isbn = "", language = "", workType = "", accession = "";
    String recNumber = "", database = "", provider = "", notes = "";
    final List<String> authors = new ArrayList<>();
    final List<String> keywords = new ArrayList<>();
    final List<String> urls = new ArrayList<>();

    Raw(int position, int line) {
      this.position = position;
      this.line = line;
    }
  }

  private static void finish(Raw raw, String sourceFile, ParseSink sink) {
    String sourceId = raw.accession.isEmpty() ? raw.recNumber : raw.accession;
    String database = raw.database.isEmpty() ? raw.provider : raw.database;
    if (raw.title.isEmpty()) {
      sink.reject(new Rejected(sourceFile, raw.position, raw.line, "no title",
          sourceId.isEmpty() ? "" : "record " + sourceId));
      return;
    }
    BibRecord.Builder b = BibRecord.builder(
        new Provenance(sourceFile, raw.position, raw.line, sourceId, database));
    b.title(raw.title).abstractText(FieldText.abstractText(raw.abstractText)).authors(raw.authors);
    int year = FieldText.year(raw.year);
    b.year(year != 0 ? year : FieldText.year(raw.date));
    b.journal(raw.fullTitle.isEmpty() ? raw.secondaryTitle : raw.fullTitle);
    b.journalAbbrev(raw.abbrev.isEmpty() ? raw.altTitle : raw.abbrev);
    b.volume(raw.volume).issue(raw.number).pages(raw.pages);
    String doi = Identifiers.normaliseDoi(raw.doi);
    for (int i = 0; doi.isEmpty() && i < raw.urls.size(); i++) {
      doi = FieldText.doiFromUrl(raw.urls.get(i));
    }
    b.doi(doi);
    String[] ids = FieldText.issnIsbn(raw.isbn);
    b.issn(ids[0]).isbn(ids[1]);
    String pmid = pmidIn(raw.accession);
    if (pmid.isEmpty()) {
      pmid = pmidIn(raw.notes);
    }
    b.pmid(pmid);
    b.keywords(raw.keywords).language(raw.language);
    b.type(raw.refType);
    if (!raw.refType.isEmpty()) {
      b.addPublicationType(raw.refType);
    }
    if (!raw.workType.isEmpty() && !raw.workType.equalsIgnoreCase(raw.refType)) {
      b.addPublicationType(raw.workType);
    }
    b.url(raw.urls.isEmpty() ? "" : raw.urls.get(0));
    sink.record(b.build());
  }

  private static final java.util.regex.Pattern PMID =
      java.util.regex.Pattern.compile("PMID:?\\s*(\\d{1,9})");

  private static String pmidIn(String s) {
    java.util.regex.Matcher m = PMID.matcher(s);
    return m.find() ? m.group(1) : "";
  }
}
