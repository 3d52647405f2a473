package org.litsieve.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Identifiers;
import org.litsieve.model.Provenance;
import org.litsieve.model.Rejected;

/**
 * Reads PubMed XML as efetch writes it ({@code PubmedArticleSet}, also {@code
 * PubmedBookArticleSet} and a bare {@code PubmedArticle} or {@code PubmedBookArticle}).
 *
 * <p><b>Input.</b> XML read with DTDs and external entities disabled ({@link XmlInput}); the
 * DOCTYPE line efetch writes is ignored. Each {@code PubmedArticle} and {@code PubmedBookArticle}
 * element is one record.
 *
 * <p><b>Output.</b> One {@link BibRecord} per record; position = 1-based ordinal, line = the line
 * of its start tag. Mapping: ArticleTitle (else BookTitle, VernacularTitle) title; AbstractText
 * elements joined by line breaks, each as "LABEL: text" when it has a Label; Author (LastName,
 * ForeName else Initials; CollectiveName) of the authors list (editors are not authors); PubDate
 * Year, else the year in MedlineDate, else ArticleDate, else the book's PubDate; Journal Title;
 * ISOAbbreviation else MedlineTA; Volume; Issue; MedlinePgn else StartPage-EndPage; DOI from
 * ELocationID or ArticleId of type doi; PMID (pmid and source id); ArticleId pmc; ISSN; Isbn;
 * Keyword keywords; MeshHeading as "Descriptor/qualifier/…" with a leading {@code *} when the
 * descriptor or a qualifier is a major topic; Language; PublicationType; database "PubMed".
 * References, comments-corrections and other articles' ids are not mistaken for the record's.
 *
 * <p><b>Failure behaviour.</b> A record without a title is rejected ("no title"). XML that is not
 * well formed, or that needs its DTD for an entity, stops the parse: the record being read is
 * rejected with the XML error and its line, records before it are kept. Only the reader's {@link
 * IOException} is thrown.
 */
public final class PubmedXmlParser implements ExportParser {
  private static final Set<String> ROOTS = Set.of("PubmedArticleSet", "PubmedArticle",
      "PubmedBookArticleSet", "PubmedBookArticle");
  /** Elements whose ids belong to other articles. */
  private static final Set<String> FOREIGN = Set.of("ReferenceList", "CommentsCorrectionsList",
      "CommentsCorrections");

  @Override
  public String id() {
    return "pubmed-xml";
  }

  @Override
  public String displayName() {
    return "PubMed XML";
  }

  /** 97 when the first element is a PubMed article set or article, else 0. */
  @Override
  public int sniff(String head) {
    return ROOTS.contains(HeadLines.firstXmlElement(head)) ? 97 : 0;
  }

  @Override
  public void parse(BufferedReader text, String sourceFile, ParseSink sink) throws IOException {
    int position = 0;
    Raw cur = null;
    XMLStreamReader xml = null;
    try {
      xml = XmlInput.open(text);
      Deque<String> path = new ArrayDeque<>();
      int foreign = 0;
      while (xml.hasNext()) {
        int ev = xml.next();
        if (ev == XMLStreamConstants.END_ELEMENT) {
          String name = xml.getLocalName();
          path.pop();
          if (FOREIGN.contains(name)) {
            foreign--;
          }
          if (cur != null && foreign == 0 && name.equals("Author") && !cur.inEditors) {
            String a = !cur.collective.isEmpty() ? cur.collective
                : cur.lastName.isEmpty() ? cur.foreName
                : cur.lastName + (cur.foreName.isEmpty()
                    ? (cur.initials.isEmpty() ? "" : ", " + cur.initials) : ", " + cur.foreName);
            if (!a.isBlank()) {
              cur.authors.add(a.strip());
            }
          } else if (cur != null && name.equals("MeshHeading") && cur.heading != null) {
            if (cur.heading.length() > 0) {
              cur.headings.add((cur.major ? "*" : "") + cur.heading);
            }
            cur.heading = null;
          }
          if (cur != null && (name.equals("PubmedArticle") || name.equals("PubmedBookArticle"))) {
            finish(cur, sourceFile, sink);
            cur = null;
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
        String parent = path.isEmpty() ? "" : path.peek();
        path.push(name);
        if (FOREIGN.contains(name)) {
          foreign++;
        }
        if (name.equals("PubmedArticle") || name.equals("PubmedBookArticle")) {
          cur = new Raw(++position, xml.getLocation().getLineNumber());
          continue;
        }
        if (cur == null || foreign > 0) {
          continue;
        }
        String where = "record " + cur.position + ", " + name;
        switch (name) {
          case "PMID":
            String p = XmlInput.text(xml, sink, where);
            if (cur.pmid.isEmpty()) {
              cur.pmid = p;
            }
            break;
          case "ArticleTitle":
            cur.title = firstOf(cur.title, XmlInput.text(xml, sink, where));
            break;
          case "BookTitle":
            cur.bookTitle = firstOf(cur.bookTitle, XmlInput.text(xml, sink, where));
            break;
          case "VernacularTitle":
            cur.vernacular = firstOf(cur.vernacular, XmlInput.text(xml, sink, where));
            break;
          case "AbstractText": {
            String label = xml.getAttributeValue(null, "Label");
            String t = XmlInput.text(xml, sink, where);
            if (!parent.equals("OtherAbstract") && !t.isEmpty()) {
              cur.abstracts.add(label == null || label.isBlank() ? t : label.strip() + ": " + t);
            }
            break;
          }
          case "AuthorList":
            String type = xml.getAttributeValue(null, "Type");
            cur.inEditors = type != null && !type.equals("authors");
            break;
          case "Author":
            cur.lastName = "";
            cur.foreName = "";
            cur.initials = "";
            cur.collective = "";
            break;
          case "LastName":
            cur.lastName = XmlInput.text(xml, sink, where);
            break;
          case "ForeName":
            cur.foreName = XmlInput.text(xml, sink, where);
            break;
          case "Initials":
            cur.initials = XmlInput.text(xml, sink, where);
            break;
          case "CollectiveName":
            cur.collective = XmlInput.text(xml, sink, where);
            break;
          case "Year":
            if (parent.equals("PubDate") && cur.year == 0) {
              cur.year = FieldText.year(XmlInput.text(xml, sink, where));
            } else if (parent.equals("ArticleDate") && cur.articleYear == 0) {
              cur.articleYear = FieldText.year(XmlInput.text(xml, sink, where));
            }
            break;
          case "MedlineDate":
            if (cur.year == 0) {
              cur.year = FieldText.year(XmlInput.text(xml, sink, where));
            }
            break;
          case "Title":
            if (parent.equals("Journal")) {
              cur.journal = firstOf(cur.journal, XmlInput.text(xml, sink, where));
            }
            break;
          case "ISOAbbreviation":
            cur.iso = firstOf(cur.iso, XmlInput.text(xml, sink, where));
            break;
          case "MedlineTA":
            cur.medlineTa = firstOf(cur.medlineTa, XmlInput.text(xml, sink, where));
            break;
          case "Volume":
            cur.volume = firstOf(cur.volume, XmlInput.text(xml, sink, where));
            break;
          case "Issue":
            cur.issue = firstOf(cur.issue, XmlInput.text(xml, sink, where));
            break;
          case "MedlinePgn":
            cur.pages = firstOf(cur.pages, XmlInput.text(xml, sink, where));
            break;
          case "StartPage":
            cur.startPage = XmlInput.text(xml, sink, where);
            break;
          case "EndPage":
            cur.endPage = XmlInput.text(xml, sink, where);
            break;
          case "ELocationID":
          case "ArticleId": {
            String idType = xml.getAttributeValue(null, name.equals("ArticleId") ? "IdType" : "EIdType");
            String v = XmlInput.text(xml, sink, where);
            if ("doi".equals(idType) && cur.doi.isEmpty()) {
              cur.doi = Identifiers.normaliseDoi(v);
            } else if ("pmc".equals(idType) && cur.pmcid.isEmpty() && v.startsWith("PMC")) {
              cur.pmcid = v;
            }
            break;
          }
          case "ISSN":
          case "ISSNLinking":
            cur.issn = firstOf(cur.issn, FieldText.issnIsbn(XmlInput.text(xml, sink, where))[0]);
            break;
          case "Isbn":
            cur.isbn = firstOf(cur.isbn, FieldText.issnIsbn(XmlInput.text(xml, sink, where))[1]);
            break;
          case "Keyword": {
            String k = XmlInput.text(xml, sink, where);
            if (!k.isEmpty()) {
              cur.keywords.add(k);
            }
            break;
          }
          case "MeshHeading":
            cur.heading = new StringBuilder();
            cur.major = false;
            break;
          case "DescriptorName":
          case "QualifierName": {
            boolean major = "Y".equals(xml.getAttributeValue(null, "MajorTopicYN"));
            String v = XmlInput.text(xml, sink, where);
            if (cur.heading != null) {
              if (cur.heading.length() > 0) {
                cur.heading.append('/');
              }
              cur.heading.append(v);
              cur.major |= major;
            }
            break;
          }
          case "Language":
            cur.language = firstOf(cur.language, XmlInput.text(xml, sink, where));
            break;
          case "PublicationType": {
            String t = XmlInput.text(xml, sink, where);
            if (!t.isEmpty()) {
              cur.types.add(t);
            }
            break;
          }
          default:
        }
        if (xml.getEventType() == XMLStreamConstants.END_ELEMENT) {
          path.pop(); // text() consumed the end element
        }
      }
    } catch (XMLStreamException e) {
      XmlInput.rejectRest(e, sourceFile, cur == null ? -1 : cur.position, cur == null ? 0 : cur.line,
          position, sink);
    } finally {
      XmlInput.close(xml);
    }
  }

  private static String firstOf(String current, String v) {
    return current.isEmpty() ? v : current;
  }

  /** One record's values. */
  private static final class Raw {
    final int position;
    final int line;
    String pmid = "", title = "", bookTitle = "", vernacular = "", journal = "", iso = "";
    String medlineTa = "", volume = "", issue = "", pages = "", startPage = "", endPage = "";
    String doi = "", pmcid = "", issn = "", isbn = "", language = "";
    String lastName = "", foreName = "", initials = "", collective = "";
    int year;
    int articleYear;
    boolean inEditors;
    StringBuilder heading;
    boolean major;
    final List<String> abstracts = new ArrayList<>();
    final List<String> authors = new ArrayList<>();
    final List<String> keywords = new ArrayList<>();
    final List<String> headings = new ArrayList<>();
    final List<String> types = new ArrayList<>();

    Raw(int position, int line) {
      this.position = position;
      this.line = line;
    }
  }

  private static void finish(Raw raw, String sourceFile, ParseSink sink) {
    String title = !raw.title.isEmpty() ? raw.title
        : !raw.bookTitle.isEmpty() ? raw.bookTitle : raw.vernacular;
    title = stripBrackets(title);
    if (title.isEmpty()) {
      sink.reject(new Rejected(sourceFile, raw.position, raw.line, "no title",
          raw.pmid.isEmpty() ? "" : "PMID " + raw.pmid));
      return;
    }
    BibRecord.Builder b = BibRecord.builder(
        new Provenance(sourceFile, raw.position, raw.line, raw.pmid, "PubMed"));
    b.title(title).abstractText(FieldText.abstractText(String.join("\n", raw.abstracts)));
    b.authors(raw.authors);
    b.year(raw.year != 0 ? raw.year : raw.articleYear);
    boolean chapter = !raw.title.isEmpty() && !raw.bookTitle.isEmpty();
    b.journal(raw.journal.isEmpty() && chapter ? raw.bookTitle : raw.journal).journalAbbrev(raw.iso.isEmpty() ? raw.medlineTa : raw.iso);
    b.volume(raw.volume).issue(raw.issue);
    String pages = raw.pages;
    if (pages.isEmpty() && !raw.startPage.isEmpty()) {
      pages = raw.endPage.isEmpty() ? raw.startPage : raw.startPage + "-" + raw.endPage;
    }
    b.pages(pages).doi(raw.doi).pmid(raw.pmid).pmcid(raw.pmcid).issn(raw.issn).isbn(raw.isbn);
    b.keywords(raw.keywords).subjectHeadings(raw.headings).language(raw.language);
    b.publicationTypes(raw.types).type(raw.types.isEmpty() ? "" : raw.types.get(0));
    sink.record(b.build());
  }

  /** PubMed wraps translated titles in brackets: "[Title in English]." */
  private static String stripBrackets(String t) {
    if (t.startsWith("[") && (t.endsWith("].") || t.endsWith("]"))) {
      return t.substring(1, t.lastIndexOf(']')).strip();
    }
    return t;
  }
}
