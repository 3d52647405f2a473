package org.litsieve.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.litsieve.rules.YamlTree.Entry;
import org.litsieve.rules.YamlTree.ListNode;
import org.litsieve.rules.YamlTree.MapNode;
import org.litsieve.rules.YamlTree.Node;
import org.litsieve.rules.YamlTree.Pos;
import org.litsieve.rules.YamlTree.Scalar;

/**
 * Loads and validates a rules file (see {@code screening-rules/README.md} for the format).
 *
 * <p>Input: the YAML text. Output: {@link Rules}. Failure behaviour: every problem found (unknown
 * keys, wrong types, bad values, duplicate names, queries that do not compile) is collected and
 * thrown together as one {@link RulesException}, each with {@code file:line:col}; for a query, the
 * position points inside the query where the file's layout allows.
 */
public final class RulesLoader {
  private static final Set<String> TOP_KEYS = Set.of("name", "description", "analysis", "defaults",
      "mesh", "eligibility", "include", "exclude", "review", "tags");

  private final String file;
  private final String text;
  private final String[] lines;
  private final List<RulesException.Problem> problems = new ArrayList<>();
  private final List<RulesException.Problem> warnings = new ArrayList<>();

  private RulesLoader(String file, String text) {
    this.file = file;
    this.text = text;
    this.lines = text.split("\r\n|\r|\n", -1);
  }

  /** Reads and validates the rules file at {@code path}. */
  public static Rules load(Path path) throws RulesException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RulesException(List.of(new RulesException.Problem(path.toString(), 1, 1,
          "cannot read the rules file: " + describe(e))));
    }
    return load(path.toString(), text);
  }

  /** Validates rules given as text; {@code file} is used in messages. */
  public static Rules load(String file, String text) throws RulesException {
    return new RulesLoader(file, text.startsWith("\uFEFF") ? text.substring(1) : text).load();
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.charset.MalformedInputException) {
      return "the file is not UTF-8 text";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private Rules load() throws RulesException {
    Node root;
    try {
      root = YamlTree.parse(text);
    } catch (YamlTree.YamlError e) {
      throw new RulesException(List.of(new RulesException.Problem(file, e.pos.line(), e.pos.column(), e.getMessage())));
    }
    if (!(root instanceof MapNode map)) {
      throw fail(root.pos(), "a rules file must be a mapping with keys such as name, eligibility, include, exclude, review and tags");
    }
    checkKeys(map, TOP_KEYS, "the rules file");
    String name = string(map, "name", "");
    String description = string(map, "description", "");

    boolean stemming = false;
    MapNode analysis = mapping(map, "analysis");
    if (analysis != null) {
      checkKeys(analysis, Set.of("stemming"), "analysis");
      stemming = bool(analysis, "stemming", false);
    }

    List<String> defaultFields = Fields.DEFAULT;
    MapNode defaults = mapping(map, "defaults");
    if (defaults != null) {
      checkKeys(defaults, Set.of("fields"), "defaults");
      Entry e = defaults.entries().get("fields");
      if (e != null) {
        defaultFields = fields(e.value(), "defaults.fields");
      }
    }

    String meshFile = "";
    MeshTree meshTree = null;
    MapNode meshNode = mapping(map, "mesh");
    if (meshNode != null) {
      checkKeys(meshNode, Set.of("descriptors"), "mesh");
      Entry d = meshNode.entries().get("descriptors");
      if (d != null) {
        String v = scalarText(d.value(), "mesh.descriptors");
        if (v != null) {
          Path parent = Path.of(file).toAbsolutePath().getParent();
          Path resolved = parent == null ? Path.of(v) : parent.resolve(v);
          try {
            meshTree = MeshTree.load(resolved);
            meshFile = v;
          } catch (IOException | RuntimeException e) {
            problem(d.value().pos(), "mesh.descriptors: cannot read '" + resolved + "': "
                + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
          }
        }
      }
    }

    Rules.Eligibility eligibility = eligibility(mapping(map, "eligibility"));
    QueryCompiler compiler = new QueryCompiler(stemming, meshTree);
    List<Rules.Block> include = blocks(map, "include", defaultFields, compiler);
    List<Rules.Block> exclude = blocks(map, "exclude", defaultFields, compiler);
    List<Rules.Block> tags = blocks(map, "tags", defaultFields, compiler);
    checkUniqueAcross(map, include, exclude);

    int maxMissing = 0;
    MapNode review = mapping(map, "review");
    if (review != null) {
      checkKeys(review, Set.of("max_missing_include_blocks"), "review");
      Entry e = review.entries().get("max_missing_include_blocks");
      if (e != null) {
        Integer n = integer(e.value(), "review.max_missing_include_blocks");
        if (n != null) {
          if (n < 0) {
            problem(e.value().pos(), "review.max_missing_include_blocks must be 0 or more");
          } else if (!include.isEmpty() && n >= include.size()) {
            problem(e.value().pos(), "review.max_missing_include_blocks is " + n + " but there are only "
                + include.size() + " include blocks; it must be less than that, or every record would be reviewed");
          } else {
            maxMissing = n;
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new RulesException(problems);
    }
    return new Rules(file, text, sha256(text), name, description, stemming, meshFile, defaultFields,
        eligibility, include, exclude, maxMissing, tags, warnings);
  }

  private Rules.Eligibility eligibility(MapNode node) {
    if (node == null) {
      return Rules.Eligibility.none();
    }
    checkKeys(node, Set.of("years", "missing_year", "languages", "exclude_publication_types", "require"), "eligibility");
    Integer from = null;
    Integer to = null;
    MapNode years = mapping(node, "years");
    if (years != null) {
      checkKeys(years, Set.of("from", "to"), "eligibility.years");
      Entry f = years.entries().get("from");
      Entry t = years.entries().get("to");
      from = f == null ? null : integer(f.value(), "eligibility.years.from");
      to = t == null ? null : integer(t.value(), "eligibility.years.to");
      if (from != null && to != null && from > to) {
        problem(years.pos(), "eligibility.years: 'from' (" + from + ") is after 'to' (" + to + ")");
      }
    }
    boolean excludeMissingYear = false;
    Entry my = node.entries().get("missing_year");
    if (my != null) {
      String v = scalarText(my.value(), "eligibility.missing_year");
      if ("exclude".equals(v)) {
        excludeMissingYear = true;
      } else if (v != null && !"keep".equals(v)) {
        problem(my.value().pos(), "eligibility.missing_year must be 'keep' or 'exclude', not '" + v + "'");
      }
    }
    List<String> languages = new ArrayList<>();
    for (String l : strings(node, "languages")) {
      languages.add(Languages.canonical(l));
    }
    List<String> types = new ArrayList<>();
    for (String t : strings(node, "exclude_publication_types")) {
      types.add(t.toLowerCase(Locale.ROOT).strip());
    }
    List<String> require = new ArrayList<>();
    Entry req = node.entries().get("require");
    if (req != null) {
      for (Node item : list(req.value(), "eligibility.require")) {
        String v = scalarText(item, "eligibility.require");
        if (v == null) {
          continue;
        }
        if (!Rules.Eligibility.REQUIRABLE.contains(v)) {
          problem(item.pos(), "eligibility.require: unknown field '" + v + "' (expected one of "
              + String.join(", ", Rules.Eligibility.REQUIRABLE) + ")");
        } else {
          require.add(v);
        }
      }
    }
    return new Rules.Eligibility(from, to, excludeMissingYear, languages, types, require);
  }

  private List<Rules.Block> blocks(MapNode root, String section, List<String> defaultFields,
      QueryCompiler compiler) {
    Entry entry = root.entries().get(section);
    List<Rules.Block> out = new ArrayList<>();
    if (entry == null) {
      return out;
    }
    Map<String, Pos> seen = new HashMap<>();
    for (Node item : list(entry.value(), section)) {
      if (!(item instanceof MapNode block)) {
        problem(item.pos(), section + ": each block must be a mapping with 'name' and 'query'");
        continue;
      }
      Set<String> keys = new java.util.LinkedHashSet<>(List.of("name", "fields"));
      for (QueryCompiler.Syntax s : QueryCompiler.Syntax.values()) {
        keys.add(s.key());
      }
      checkKeys(block, keys, section + " block");
      Entry nameEntry = block.entries().get("name");
      String name = nameEntry == null ? null : scalarText(nameEntry.value(), section + ".name");
      if (nameEntry == null || name == null || name.isBlank()) {
        problem(block.pos(), section + ": a block has no 'name'");
        continue;
      }
      if (!name.matches("[A-Za-z0-9_.-]+")) {
        problem(nameEntry.value().pos(), section + ": block name '" + name
            + "' may only use letters, digits, '_', '.' and '-'");
      }
      if (seen.containsKey(name)) {
        problem(nameEntry.value().pos(), section + ": the name '" + name + "' is used twice (first at line "
            + seen.get(name).line() + ")");
      }
      seen.put(name, nameEntry.value().pos());
      List<String> fields = defaultFields;
      Entry f = block.entries().get("fields");
      if (f != null) {
        fields = fields(f.value(), section + "." + name + ".fields");
      }
      Entry queryEntry = null;
      QueryCompiler.Syntax syntax = null;
      for (QueryCompiler.Syntax s : QueryCompiler.Syntax.values()) {
        Entry e = block.entries().get(s.key());
        if (e == null) {
          continue;
        }
        if (queryEntry != null) {
          problem(e.keyPos(), section + "." + name + ": a block has one query: '" + syntax.key()
              + "' or '" + s.key() + "', not both");
          continue;
        }
        queryEntry = e;
        syntax = s;
      }
      if (queryEntry == null) {
        problem(block.pos(), section + "." + name + ": the block has no query "
            + "(give one of " + java.util.Arrays.stream(QueryCompiler.Syntax.values())
            .map(s -> "'" + s.key() + "'").collect(java.util.stream.Collectors.joining(", ")) + ")");
        continue;
      }
      String query = scalarText(queryEntry.value(), section + "." + name + "." + syntax.key());
      if (query == null) {
        continue;
      }
      Pos qPos = queryEntry.value().pos();
      String translation = "";
      try {
        QueryCompiler.Compiled c = compiler.compile(syntax, query, fields);
        translation = QueryPrinter.print(c.model());
        for (QueryWarning w : c.warnings()) {
          Pos at = locateInQuery(qPos, w.line(), w.column());
          warnings.add(new RulesException.Problem(file, at.line(), at.column(), "warning: " + section + "."
              + name + ": " + w.message() + " (query line " + w.line() + ", column " + w.column() + ")"));
        }
      } catch (QueryException e) {
        Pos at = locateInQuery(qPos, e.line(), e.column());
        problem(at, section + "." + name + ": " + e.getMessage()
            + " (query line " + e.line() + ", column " + e.column() + ")");
      }
      out.add(new Rules.Block(name, syntax, query, translation, fields, qPos.line(), qPos.column()));
    }
    return out;
  }

  private void checkUniqueAcross(MapNode root, List<Rules.Block> include, List<Rules.Block> exclude) {
    for (Rules.Block in : include) {
      for (Rules.Block ex : exclude) {
        if (in.name().equals(ex.name())) {
          problem(new Pos(ex.line(), ex.column()), "exclude." + ex.name()
              + ": an include block has the same name; reasons would be ambiguous");
        }
      }
    }
  }

  /** Maps a position inside a query scalar to a position in the file, where the layout allows. */
  private Pos locateInQuery(Pos scalar, int qLine, int qCol) {
    String lineText = scalar.line() - 1 < lines.length ? lines[scalar.line() - 1] : "";
    int idx = Math.min(scalar.column() - 1, lineText.length());
    char style = idx < lineText.length() ? lineText.charAt(idx) : ' ';
    if (style == '>') {
      // folded: the query's single line is the YAML lines joined with spaces
      int offset = qCol - 1;
      for (int l = scalar.line(); l < lines.length; l++) {
        String content = lines[l];
        int indent = content.length() - content.stripLeading().length();
        int len = content.strip().length();
        if (offset <= len) {
          return new Pos(l + 1, indent + offset + 1);
        }
        offset -= len + 1;
      }
    }
    if (style == '|' || style == '>') {
      int yamlLine = scalar.line() + qLine;
      String content = yamlLine - 1 < lines.length ? lines[yamlLine - 1] : "";
      int indent = content.length() - content.stripLeading().length();
      return new Pos(yamlLine, indent + qCol);
    }
    int quote = style == '"' || style == '\'' ? 1 : 0;
    if (qLine == 1) {
      return new Pos(scalar.line(), scalar.column() + quote + qCol - 1);
    }
    return new Pos(scalar.line() + qLine - 1, qCol);
  }

  private List<String> fields(Node node, String where) {
    List<String> out = new ArrayList<>();
    for (Node item : list(node, where)) {
      String v = scalarText(item, where);
      if (v == null) {
        continue;
      }
      List<String> resolved = Fields.resolve(v);
      if (resolved == null) {
        problem(item.pos(), where + ": unknown field '" + v + "' (known fields: " + Fields.known() + ")");
      } else {
        for (String r : resolved) {
          if (!out.contains(r)) {
            out.add(r);
          }
        }
      }
    }
    if (out.isEmpty()) {
      problem(node.pos(), where + ": name at least one field");
      return Fields.DEFAULT;
    }
    return out;
  }

  private void checkKeys(MapNode map, Set<String> allowed, String where) {
    for (Entry e : map.entries().values()) {
      if (!allowed.contains(e.key())) {
        String hint = closest(e.key(), allowed);
        problem(e.keyPos(), "unknown key '" + e.key() + "' in " + where
            + (hint == null ? "" : " (did you mean '" + hint + "'?)")
            + "; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  private static String closest(String key, Set<String> allowed) {
    org.apache.commons.text.similarity.LevenshteinDistance lev =
        org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance();
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String a : allowed) {
      int d = lev.apply(key.toLowerCase(Locale.ROOT), a);
      if (d < bestD) {
        bestD = d;
        best = a;
      }
    }
    return bestD <= Math.max(2, key.length() / 3) ? best : null;
  }

  private MapNode mapping(MapNode parent, String key) {
    Entry e = parent.entries().get(key);
    if (e == null || (e.value() instanceof Scalar s && s.text() == null)) {
      return null;
    }
    if (e.value() instanceof MapNode m) {
      return m;
    }
    problem(e.value().pos(), "'" + key + "' must be a mapping, not " + e.value().kind());
    return null;
  }

  private List<Node> list(Node node, String where) {
    if (node instanceof ListNode l) {
      return l.items();
    }
    if (node instanceof Scalar s && s.text() == null) {
      return List.of();
    }
    problem(node.pos(), where + " must be a list, not " + node.kind());
    return List.of();
  }

  private List<String> strings(MapNode parent, String key) {
    Entry e = parent.entries().get(key);
    List<String> out = new ArrayList<>();
    if (e == null) {
      return out;
    }
    for (Node item : list(e.value(), key)) {
      String v = scalarText(item, key);
      if (v != null && !v.isBlank()) {
        out.add(v);
      }
    }
    return out;
  }

  private String scalarText(Node node, String where) {
    if (node instanceof Scalar s) {
      if (s.text() == null) {
        problem(node.pos(), where + " is empty");
      }
      return s.text();
    }
    problem(node.pos(), where + " must be a single value, not " + node.kind());
    return null;
  }

  private String string(MapNode parent, String key, String fallback) {
    Entry e = parent.entries().get(key);
    if (e == null) {
      return fallback;
    }
    String v = scalarText(e.value(), key);
    return v == null ? fallback : v;
  }

  private boolean bool(MapNode parent, String key, boolean fallback) {
    Entry e = parent.entries().get(key);
    if (e == null) {
      return fallback;
    }
    String v = scalarText(e.value(), key);
    if ("true".equals(v) || "false".equals(v)) {
      return Boolean.parseBoolean(v);
    }
    if (v != null) {
      problem(e.value().pos(), key + " must be true or false, not '" + v + "'");
    }
    return fallback;
  }

  private Integer integer(Node node, String where) {
    String v = scalarText(node, where);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.strip());
    } catch (NumberFormatException e) {
      problem(node.pos(), where + " must be a whole number, not '" + v + "'");
      return null;
    }
  }

  private void problem(Pos pos, String message) {
    problems.add(new RulesException.Problem(file, pos.line(), pos.column(), message));
  }

  private RulesException fail(Pos pos, String message) {
    problem(pos, message);
    return new RulesException(problems);
  }

  private static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
