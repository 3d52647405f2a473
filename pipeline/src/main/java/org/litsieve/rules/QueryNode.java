package org.litsieve.rules;

import java.util.List;

/**
 * The query model: what a block's query means, independent of the syntax it was written in.
 * litsieve's own syntax ({@link NativeQueryParser}), PubMed ({@link PubMedTranslator}) and Ovid
 * MEDLINE ({@link OvidTranslator}) all produce it; {@link QueryPrinter} writes it back in
 * litsieve's syntax and {@link LuceneQueryBuilder} compiles it to Lucene.
 *
 * <p>Word patterns ({@link Term#pattern()} and the words of a {@link Phrase}) are written as in
 * the rules language: {@code *} any number of characters, {@code *N} (N one digit) at most N characters,
 * {@code ?} exactly one character. They are analysed (tokenised, lower-cased, folded) only when
 * compiled, so a pattern such as {@code well-being} becomes two words then.
 */
public sealed interface QueryNode {

  /** One word pattern, e.g. {@code train*}, {@code wom?n}, {@code well-being}. */
  record Term(String pattern) implements QueryNode {}

  /** Words in this order, adjacent; each word may be a pattern ({@code "peer support*"}). */
  record Phrase(List<String> words) implements QueryNode {
    public Phrase {
      words = List.copyOf(words);
    }
  }

  /** Every clause matches. */
  record And(List<QueryNode> clauses) implements QueryNode {
    public And {
      clauses = List.copyOf(clauses);
    }
  }

  /** At least one clause matches. */
  record Or(List<QueryNode> clauses) implements QueryNode {
    public Or {
      clauses = List.copyOf(clauses);
    }
  }

  /** {@code include} matches and {@code exclude} does not. */
  record Not(QueryNode include, QueryNode exclude) implements QueryNode {}

  /**
   * An occurrence of {@code left} and a separate occurrence of {@code right} in the same field
   * value, with at most {@code maxBetween} words between them; when {@code ordered}, left comes
   * first. Operands are terms, phrases, OR-groups of them, or other proximity nodes.
   */
  record Near(QueryNode left, QueryNode right, int maxBetween, boolean ordered) implements QueryNode {}

  /** {@code query} searched in these canonical fields (see {@link Fields}) instead of the defaults. */
  record InFields(List<String> fields, QueryNode query) implements QueryNode {
    public InFields {
      fields = List.copyOf(fields);
    }
  }

  /**
   * A subject heading as a whole (MeSH descriptor name), not words inside headings.
   *
   * @param name the heading, e.g. {@code Neoplasm Staging}
   * @param explode also its narrower headings (needs a MeSH tree; otherwise the heading itself)
   * @param major only where it is a major topic ({@code *} in MEDLINE)
   */
  record Heading(String name, boolean explode, boolean major) implements QueryNode {}

  /** Which of a record's authors an {@link Author} search looks at. */
  enum Place {
    /** Any author. */
    ANY,
    /** The first author. */
    FIRST,
    /** The last author. */
    LAST
  }

  /**
   * An author by name, as PubMed searches authors ({@code AuthorNames}): surname then initials
   * ({@code smith ja}), or a full name ({@code smith john}).
   *
   * @param name the name as written, e.g. {@code o'brien j}
   * @param moreInitials also names with more initials ({@code smith j} finds Smith JA) or, after a
   *     surname or full name alone, with any initials or further given names; never a longer surname
   * @param place which authors
   */
  record Author(String name, boolean moreInitials, Place place) implements QueryNode {}

  /** Publication year in an inclusive range; either bound may be null (open). */
  record Years(Integer from, Integer to) implements QueryNode {}
}
