package org.litsieve.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a small tree whose every node and key knows its line and column, so
 * that the rules loader can point at the exact place of a problem. Built on Jackson's streaming
 * YAML parser.
 */
final class YamlTree {
  private YamlTree() {}

  /** A position in the file, 1-based. */
  record Pos(int line, int column) {
    static Pos of(JsonLocation loc) {
      return new Pos(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }
  }

  sealed interface Node permits MapNode, ListNode, Scalar {
    Pos pos();

    String kind();
  }

  record Entry(String key, Pos keyPos, Node value) {}

  record MapNode(Pos pos, Map<String, Entry> entries) implements Node {
    public String kind() {
      return "a mapping";
    }
  }

  record ListNode(Pos pos, List<Node> items) implements Node {
    public String kind() {
      return "a list";
    }
  }

  /** A scalar; {@code text} is null for YAML null. {@code style} is the first character ('"', '\'', '|', '>' or other). */
  record Scalar(Pos pos, String text, JsonToken token) implements Node {
    public String kind() {
      return text == null ? "empty" : "a value";
    }
  }

  /** Thrown for YAML syntax errors and duplicate keys. */
  static final class YamlError extends Exception {
    final Pos pos;

    YamlError(Pos pos, String message) {
      super(message);
      this.pos = pos;
    }
  }

  static Node parse(String yaml) throws YamlError {
    try (YAMLParser p = new YAMLFactory().createParser(yaml)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new YamlError(new Pos(1, 1), "the file is empty");
      }
      Node root = read(p);
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String msg = e.getOriginalMessage();
      throw new YamlError(loc == null ? new Pos(1, 1) : Pos.of(loc),
          "YAML syntax error: " + firstLine(msg));
    } catch (IOException e) {
      throw new YamlError(new Pos(1, 1), "cannot read YAML: " + e.getMessage());
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static Node read(JsonParser p) throws IOException, YamlError {
    JsonToken t = p.currentToken();
    Pos pos = Pos.of(p.currentTokenLocation());
    switch (t) {
      case START_OBJECT: {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          Pos keyPos = Pos.of(p.currentTokenLocation());
          p.nextToken();
          Node value = read(p);
          if (entries.containsKey(key)) {
            throw new YamlError(keyPos, "duplicate key '" + key + "' (first at line "
                + entries.get(key).keyPos().line() + ")");
          }
          entries.put(key, new Entry(key, keyPos, value));
        }
        return new MapNode(pos, entries);
      }
      case START_ARRAY: {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p));
        }
        return new ListNode(pos, items);
      }
      case VALUE_NULL:
        return new Scalar(pos, null, t);
      default:
        return new Scalar(pos, p.getText(), t);
    }
  }
}
