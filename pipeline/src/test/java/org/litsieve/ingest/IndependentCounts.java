package org.litsieve.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Record counts made without the parsers: plain patterns over the file's bytes (read as
 * ISO-8859-1, or as UTF-16 when the bytes say so), one per format. Used by the real-data tests to
 * check every parser's count by other means.
 */
final class IndependentCounts {
  static final Pattern RIS_ER = Pattern.compile("^ER[ \\t]{1,2}-(\\s.*)?$");
  static final Pattern PMID = Pattern.compile("^PMID- ?\\d*\\s*$");
  static final Pattern MEDLINE_TAG = Pattern.compile("^[A-Z0-9]{2,4} *-.*");
  static final Pattern WOS_ER = Pattern.compile("^ER\\s*$");
  static final Pattern OVID_MARKER = Pattern.compile("^<\\s*\\d+\\s*(\\.\\s*)?>\\s*$");
  static final Pattern PUBMED_ARTICLE = Pattern.compile("<Pubmed(Book)?Article[\\s>]");
  static final Pattern ENDNOTE_RECORD = Pattern.compile("<record>");
  static final Pattern BIB_ENTRY = Pattern.compile("(?m)^\\s*@\\s*([A-Za-z][\\w-]*)\\s*[{(]");

  private IndependentCounts() {}

  /** The file as text for counting: UTF-16 if it has NULs in a UTF-16 pattern, else ISO-8859-1. */
  static String text(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    if (bytes.length >= 2 && (bytes[0] == 0 || bytes[1] == 0 || (bytes[0] & 0xff) == 0xFE
        || (bytes[0] & 0xff) == 0xFF)) {
      boolean be = bytes[0] == 0 || (bytes[0] & 0xff) == 0xFE;
      return new String(bytes, be ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE)
          .replace("\uFEFF", "");
    }
    return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
  }

  static List<String> lines(byte[] bytes) {
    return List.of(text(bytes).split("\r\n|\r|\n", -1));
  }

  static int count(List<String> lines, Pattern p) {
    int n = 0;
    for (String l : lines) {
      if (p.matcher(l).matches()) {
        n++;
      }
    }
    return n;
  }

  static int occurrences(String text, Pattern p) {
    Matcher m = p.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** BibTeX entries that are records: every {@code @type{} at a line start but string/comment/preamble. */
  static int bibEntries(String text) {
    Matcher m = BIB_ENTRY.matcher(text);
    int n = 0;
    while (m.find()) {
      String t = m.group(1).toLowerCase(Locale.ROOT);
      if (!t.equals("string") && !t.equals("comment") && !t.equals("preamble")) {
        n++;
      }
    }
    return n;
  }

  /**
   * Blocks of lines separated by blank lines that hold a tag line; a second PMID line inside one
   * block starts another.
   */
  static int medlineRecords(List<String> lines) {
    int blocks = 0;
    boolean inBlock = false;
    boolean blockHasPmid = false;
    for (String l : lines) {
      if (l.isBlank()) {
        inBlock = false;
        blockHasPmid = false;
        continue;
      }
      boolean pmid = PMID.matcher(l).matches();
      if ((!inBlock && MEDLINE_TAG.matcher(l).matches()) || (pmid && blockHasPmid)) {
        inBlock = true;
        blocks++;
      }
      blockHasPmid |= pmid;
    }
    return blocks;
  }

  static final Pattern PERCENT_TAG = Pattern.compile("^%[^\\s%{}]( .*)?$");
  static final Pattern COCHRANE_RECORD = Pattern.compile("^Record #\\d+ of \\d+\\s*$");

  /** Blocks of non-blank lines, separated by blank lines, that hold a {@code %X} tag line. */
  static int percentTagBlocks(List<String> lines) {
    int blocks = 0;
    boolean counted = false;
    for (String l : lines) {
      if (l.isBlank()) {
        counted = false;
      } else if (!counted && PERCENT_TAG.matcher(l).matches()) {
        blocks++;
        counted = true;
      }
    }
    return blocks;
  }

  /**
   * Objects in a JSON export, read as whole trees: the items of a top-level array, of a
   * {@code results} or {@code items} list, or of Crossref's {@code message.items}; else one per
   * top-level object (JSON Lines). -1 when the text is not JSON.
   */
  static int jsonObjects(String text) {
    com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
    int n = 0;
    try (com.fasterxml.jackson.databind.MappingIterator<com.fasterxml.jackson.databind.JsonNode> it =
        m.readerFor(com.fasterxml.jackson.databind.JsonNode.class).readValues(text)) {
      while (it.hasNext()) {
        com.fasterxml.jackson.databind.JsonNode root = it.next();
        com.fasterxml.jackson.databind.JsonNode list = root.isArray() ? root
            : root.path("results").isArray() ? root.get("results")
            : root.path("items").isArray() ? root.get("items")
            : root.path("message").path("items").isArray() ? root.get("message").get("items") : null;
        n += list == null ? 1 : list.size();
      }
    } catch (java.io.IOException e) {
      return -1;
    }
    return n;
  }

  /** The independent count for a file the parsers read as {@code format}, or -1 if unknown. */
  static int forFormat(String format, byte[] bytes) {
    List<String> lines = lines(bytes);
    switch (format) {
      case "ris":
        return count(lines, RIS_ER);
      case "medline":
        return medlineRecords(lines);
      case "csv":
        return RealDataCountTest.tableRows(bytes);
      case "wos":
        return count(lines, WOS_ER);
      case "ovid":
        return count(lines, OVID_MARKER);
      case "pubmed-xml":
        return occurrences(text(bytes), PUBMED_ARTICLE);
      case "endnote-xml":
        return occurrences(text(bytes), ENDNOTE_RECORD);
      case "bibtex":
        return bibEntries(text(bytes));
      case "endnote-tagged":
        return percentTagBlocks(lines);
      case "cochrane":
        return count(lines, COCHRANE_RECORD);
      case "csl-json":
      case "openalex-json":
        return jsonObjects(text(bytes));
      default:
        return -1;
    }
  }
}
