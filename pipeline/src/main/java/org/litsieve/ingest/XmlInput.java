package org.litsieve.ingest;

import java.io.Reader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Safe StAX reading shared by the XML parsers. DTDs are not processed and external entities are
 * never fetched (no XXE, no entity expansion bombs): a DOCTYPE line is allowed and ignored, as
 * PubMed's efetch output carries one, but an entity it would declare is unknown, so a file that
 * uses one fails with an error naming it, and the parser turns that into a reject.
 */
final class XmlInput {
  private static final XMLInputFactory FACTORY = factory();

  private XmlInput() {}

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    // Not coalescing: the reader then hands over long text in pieces, which text() cuts as they
    // come; coalescing would build a 200 MB abstract whole before anything could cut it.
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    trySet(f, javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "");
    trySet(f, javax.xml.XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  private static void trySet(XMLInputFactory f, String name, Object value) {
    try {
      f.setProperty(name, value);
    } catch (IllegalArgumentException e) {
      // property unknown to this StAX implementation: DTD support is off anyway
    }
  }

  /**
   * A StAX reader over {@code text}. The parser never closes {@code text} (the JDK's StAX closes
   * its input at the end of the document, and {@link ExportReader} still hashes the rest).
   */
  static XMLStreamReader open(Reader text) throws XMLStreamException {
    Reader unclosable = new java.io.FilterReader(text) {
      @Override
      public void close() {
        // the caller owns the stream
      }
    };
    synchronized (FACTORY) {
      return FACTORY.createXMLStreamReader(unclosable);
    }
  }

  /**
   * All text inside the current start element, nested markup (italics, MathML) flattened, up to
   * its end element; cut at {@link FieldText#MAX_FIELD_CHARS} with a warning. The reader is left
   * on the end element.
   */
  static String text(XMLStreamReader xml, ParseSink sink, String where) throws XMLStreamException {
    StringBuilder b = new StringBuilder();
    int depth = 1;
    boolean cut = false;
    long total = 0;
    while (depth > 0) {
      int ev = xml.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
          || ev == XMLStreamConstants.SPACE) {
        int len = xml.getTextLength();
        total += len;
        int room = FieldText.MAX_FIELD_CHARS - b.length();
        if (room > 0) {
          b.append(xml.getTextCharacters(), xml.getTextStart(), Math.min(room, len));
        }
        cut |= len > room;
      } else if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
        throw new XMLStreamException("the file uses the entity &" + xml.getLocalName()
            + "; which needs its DTD; DTDs and external entities are not read");
      }
    }
    if (cut) {
      sink.warning(String.format("%s is %,d characters long; cut to %,d", where, total,
          FieldText.MAX_FIELD_CHARS));
    }
    return FieldText.oneLine(b.toString());
  }

  /**
   * Rejects what an XML error leaves unread: the record being read ({@code recordPosition} and
   * {@code recordLine}), or, between records, the next position after {@code lastPosition}.
   */
  static void rejectRest(XMLStreamException e, String sourceFile, int recordPosition,
      int recordLine, int lastPosition, ParseSink sink) {
    String reason = describe(e) + "; the rest of the file could not be read";
    if (recordPosition >= 0) {
      sink.reject(new org.litsieve.model.Rejected(sourceFile, recordPosition, recordLine, reason, ""));
    } else {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      sink.reject(new org.litsieve.model.Rejected(sourceFile, lastPosition == 0 ? 0 : lastPosition + 1,
          line, reason, ""));
    }
  }

  /** Closes a reader, if there is one; there is nothing to do about a failure to close. */
  static void close(javax.xml.stream.XMLStreamReader xml) {
    if (xml != null) {
      try {
        xml.close();
      } catch (XMLStreamException ignored) {
        // nothing left to release
      }
    }
  }

  /** A plain reason for an XML error, with its line. */
  static String describe(XMLStreamException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int msg = m.indexOf("Message: ");
    if (msg >= 0) {
      m = m.substring(msg + 9);
    }
    if (e.getLocation() != null) {
      return "XML error at line " + e.getLocation().getLineNumber() + ": " + m.strip();
    }
    return "XML error: " + m.strip();
  }
}
