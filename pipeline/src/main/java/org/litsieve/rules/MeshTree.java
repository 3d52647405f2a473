package org.litsieve.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The MeSH descriptor hierarchy, read from NLM's descriptor XML ({@code desc2025.xml}, optionally
 * gzipped): each {@code DescriptorRecord}'s {@code DescriptorName/String} and its
 * {@code TreeNumberList/TreeNumber}s. Used to explode headings ({@code exp Dementia/},
 * {@code Dementia[mh]}): a heading's narrower headings are those with a tree number under one of
 * its own.
 *
 * <p>Input: the file. Output: an immutable tree. Failure behaviour: an unreadable or malformed
 * file throws {@link IOException} with the reason (and line, for XML errors).
 */
public final class MeshTree {
  private final Map<String, String> nameByKey;
  private final Map<String, List<String>> treeNumbersByKey;
  private final TreeMap<String, String> nameByTreeNumber;

  private MeshTree(Map<String, String> nameByKey, Map<String, List<String>> treeNumbersByKey,
      TreeMap<String, String> nameByTreeNumber) {
    this.nameByKey = nameByKey;
    this.treeNumbersByKey = treeNumbersByKey;
    this.nameByTreeNumber = nameByTreeNumber;
  }

  /** Reads a descriptor file (XML, or XML.gz). */
  public static MeshTree load(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      return read(in);
    }
  }

  static MeshTree read(InputStream in) throws IOException {
    Map<String, String> names = new HashMap<>();
    Map<String, List<String>> trees = new HashMap<>();
    TreeMap<String, String> byTree = new TreeMap<>();
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    XMLStreamReader r = null;
    try {
      r = f.createXMLStreamReader(in);
      List<String> path = new ArrayList<>();
      String name = null;
      List<String> numbers = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          path.add(r.getLocalName());
          text.setLength(0);
          if (r.getLocalName().equals("DescriptorRecord")) {
            name = null;
            numbers = new ArrayList<>();
          }
        } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
          text.append(r.getText());
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          String el = r.getLocalName();
          int depth = path.size();
          if (el.equals("String") && depth >= 3 && path.get(depth - 2).equals("DescriptorName")
              && path.get(depth - 3).equals("DescriptorRecord")) {
            name = text.toString().strip();
          } else if (el.equals("TreeNumber") && depth >= 3 && path.get(depth - 3).equals("DescriptorRecord")) {
            numbers.add(text.toString().strip());
          } else if (el.equals("DescriptorRecord") && name != null) {
            String key = Fields.headingKey(name);
            names.put(key, name);
            trees.put(key, List.copyOf(numbers));
            for (String t : numbers) {
              byTree.put(t, name);
            }
          }
          path.remove(path.size() - 1);
          text.setLength(0);
        }
      }
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      throw new IOException("not a MeSH descriptor XML file (line " + line + "): " + e.getMessage(), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // closing a reader after an error
        }
      }
    }
    if (names.isEmpty()) {
      throw new IOException("no DescriptorRecord found: not a MeSH descriptor file");
    }
    return new MeshTree(names, trees, byTree);
  }

  /** How many descriptors the file holds. */
  public int size() {
    return nameByKey.size();
  }

  /**
   * The heading and every heading below it, by their descriptor names, sorted; or null when the
   * heading is not in the file.
   */
  public List<String> explode(String heading) {
    String key = Fields.headingKey(heading);
    String name = nameByKey.get(key);
    if (name == null) {
      return null;
    }
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    out.add(name);
    for (String t : treeNumbersByKey.get(key)) {
      for (String below : nameByTreeNumber.subMap(t + ".", t + "/").values()) {
        out.add(below);
      }
    }
    return List.copyOf(out);
  }
}
