package org.litsieve.rules;

import java.util.List;

/**
 * A loaded, validated rules file. Immutable and serializable only as its source text: pipeline
 * workers receive {@link #source()} and load it again in their setup.
 *
 * @param fileName the file's name as given, for messages
 * @param source the file's full text
 * @param sha256 the SHA-256 of the file's bytes (UTF-8), lower-case hex
 * @param name the review's name
 * @param description free text
 * @param stemming whether the analysis chain stems (off unless {@code analysis.stemming: true})
 * @param meshDescriptors the MeSH descriptor file as written in the rules ({@code mesh.descriptors},
 *     relative to the rules file), or empty
 * @param defaultFields the fields a block searches when it names none
 * @param eligibility the eligibility criteria
 * @param include the include concept blocks, ANDed, in file order
 * @param exclude the exclude blocks, in file order; any match excludes
 * @param maxMissingIncludeBlocks records missing at most this many include blocks (and matching at
 *     least one) go to review; 0 turns the review band off
 * @param tags the outcome tags, in file order
 * @param warnings things that work but deserve a look, as {@code file:line:col: warning: …}
 */
public record Rules(
    String fileName,
    String source,
    String sha256,
    String name,
    String description,
    boolean stemming,
    String meshDescriptors,
    List<String> defaultFields,
    Eligibility eligibility,
    List<Block> include,
    List<Block> exclude,
    int maxMissingIncludeBlocks,
    List<Block> tags,
    List<RulesException.Problem> warnings) {

  public Rules {
    warnings = List.copyOf(warnings);
    defaultFields = List.copyOf(defaultFields);
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    tags = List.copyOf(tags);
  }

  /**
   * The eligibility criteria.
   *
   * @param yearFrom the first eligible year, or null for no lower bound
   * @param yearTo the last eligible year, or null for no upper bound
   * @param excludeMissingYear whether a record without a year fails the criteria
   * @param languages the eligible languages as canonical names (see {@link Languages}); empty = any
   * @param excludePublicationTypes lower-case publication types that exclude (substring match)
   * @param require fields that must be non-empty, from {@link #REQUIRABLE}
   */
  public record Eligibility(
      Integer yearFrom,
      Integer yearTo,
      boolean excludeMissingYear,
      List<String> languages,
      List<String> excludePublicationTypes,
      List<String> require) {

    /** Fields {@code require} accepts. */
    public static final List<String> REQUIRABLE =
        List.of("title", "abstract", "authors", "year", "doi", "journal");

    public Eligibility {
      languages = List.copyOf(languages);
      excludePublicationTypes = List.copyOf(excludePublicationTypes);
      require = List.copyOf(require);
    }

    /** No criteria at all. */
    public static Eligibility none() {
      return new Eligibility(null, null, false, List.of(), List.of(), List.of());
    }
  }

  /**
   * A named query: an include block, an exclude block or an outcome tag.
   *
   * @param name unique within its section
   * @param syntax the syntax the query is written in (the block's key: query, pubmed or ovid)
   * @param query the query text
   * @param translation the query in litsieve's language (for PubMed and Ovid, the translation)
   * @param fields the fields searched where the query names none
   * @param line the line of the query in the rules file
   * @param column the column of the query in the rules file
   */
  public record Block(String name, QueryCompiler.Syntax syntax, String query, String translation,
      List<String> fields, int line, int column) {
    public Block {
      fields = List.copyOf(fields);
    }
  }
}
