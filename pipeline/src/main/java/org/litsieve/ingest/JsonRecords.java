package org.litsieve.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Set;
import org.litsieve.model.Rejected;

/**
 * Streams the objects of a JSON export to a per-record handler, for the JSON formats (CSL-JSON,
 * OpenAlex): a top-level array of objects, a top-level object whose list field (OpenAlex's
 * {@code results}) holds them, a single object, or one object after another (JSON Lines). Each
 * element of a top-level array or list field is read on its own, so a large export is never
 * held whole.
 *
 * <p>Failure behaviour: JSON that is not well formed stops reading there with one reject
 * ("JSON error at line N: …; the rest of the file could not be read") at the next position;
 * the records before it are kept. Only the reader's {@link IOException} is thrown.
 */
final class JsonRecords {
  /** Leaves the text open when done: the reader drains and hashes the rest of the file. */
  static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
      .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE).build());

  /**
   * Receives one top-level record object with the line it starts on, and numbers the records
   * it makes of it (a Crossref list response holds several).
   */
  interface Handler {
    void record(JsonNode object, int line);

    /** How many records the handler has made so far; a JSON error is the next position. */
    int records();
  }

  private JsonRecords() {}

  /** The first non-blank character of the head after a BOM, or 0. */
  static char firstChar(String head) {
    if (head == null) {
      return 0;
    }
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      if (c != '\uFEFF' && !Character.isWhitespace(c)) {
        return c;
      }
    }
    return 0;
  }

  /**
   * Reads {@code text}, sending each record object to {@code handler}; objects inside a
   * top-level object's field named in {@code listFields} are the records when there is one.
   */
  static void read(BufferedReader text, String sourceFile, ParseSink sink, Set<String> listFields,
      Handler handler) throws IOException {
    try (JsonParser p = MAPPER.getFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_ARRAY) {
          elements(p, handler);
        } else if (t == JsonToken.START_OBJECT) {
          int line = p.currentTokenLocation().getLineNr();
          ObjectNode rest = MAPPER.createObjectNode();
          boolean listed = false;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_ARRAY && listFields.contains(name)) {
              elements(p, handler);
              listed = true;
            } else {
              rest.set(name, MAPPER.readTree(p));
            }
          }
          if (!listed) {
            handler.record(rest, line);
          }
        }
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      sink.reject(new Rejected(sourceFile, handler.records() + 1, Math.max(line, 0),
          "JSON error at line " + line + ": " + e.getOriginalMessage()
              + "; the rest of the file could not be read", ""));
    }
  }

  /** Sends each object of the array whose START_ARRAY was just read; skips other values. */
  private static void elements(JsonParser p, Handler handler) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
      if (t == JsonToken.START_OBJECT) {
        int line = p.currentTokenLocation().getLineNr();
        JsonNode n = MAPPER.readTree(p);
        handler.record(n, line);
      } else {
        p.skipChildren();
      }
    }
  }

  /** A node's text: a string, a number, or the first item of an array; "" otherwise. */
  static String text(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "";
    }
    if (n.isArray()) {
      return n.isEmpty() ? "" : text(n.get(0));
    }
    if (n.isValueNode()) {
      return n.asText().strip();
    }
    return "";
  }
}
