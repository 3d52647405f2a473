package org.litsieve.rules;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The one analysis chain used both to index records and to parse queries, so they always agree:
 * Unicode word segmentation ({@link StandardTokenizer}, which splits on hyphens, so
 * {@code well-being} is the two words {@code well being}), lower case, then ASCII folding
 * ({@code Māori} → {@code maori}). Porter stemming is added only when a rules file asks for it.
 * Wildcard and prefix terms get the same lower-casing and folding, without tokenising.
 *
 * <p>The hidden heading fields ({@link Fields#HEADING_EXACT}, {@link Fields#HEADING_MAJOR}) are
 * analysed by {@link HeadingTokenizer} instead: one token per heading; the hidden author fields
 * ({@link Fields#AUTHOR_NAME} and the first and last author) hold {@link AuthorNames} keys, one
 * token per value.
 */
public final class ScreeningAnalyzer extends Analyzer {
  /** Positions between two values of a multi-valued field, so a phrase never spans them. */
  public static final int POSITION_GAP = 100;
  /** Characters between two values of a multi-valued field: they are joined with {@link #VALUE_SEPARATOR}. */
  public static final String VALUE_SEPARATOR = "; ";

  private final boolean stemming;

  public ScreeningAnalyzer(boolean stemming) {
    // per field: the heading fields have their own tokenizer
    super(PER_FIELD_REUSE_STRATEGY);
    this.stemming = stemming;
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    if (fieldName.equals(Fields.HEADING_EXACT) || fieldName.equals(Fields.HEADING_MAJOR)) {
      HeadingTokenizer headings = new HeadingTokenizer(fieldName.equals(Fields.HEADING_MAJOR));
      return new TokenStreamComponents(headings);
    }
    if (fieldName.equals(Fields.AUTHOR_NAME) || fieldName.equals(Fields.AUTHOR_FIRST)
        || fieldName.equals(Fields.AUTHOR_LAST)) {
      // values are AuthorNames keys already: one token each
      return new TokenStreamComponents(new KeywordTokenizer());
    }
    StandardTokenizer tokenizer = new StandardTokenizer();
    // LowerCaseFilter then ASCIIFoldingFilter, as one filter (the same terms, see LowerCaseFoldingFilter)
    TokenStream stream = new LowerCaseFoldingFilter(tokenizer);
    if (stemming) {
      stream = new PorterStemFilter(stream);
    }
    return new TokenStreamComponents(tokenizer, stream);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ASCIIFoldingFilter(new LowerCaseFilter(in));
  }

  @Override
  public int getPositionIncrementGap(String fieldName) {
    return POSITION_GAP;
  }

  @Override
  public int getOffsetGap(String fieldName) {
    return VALUE_SEPARATOR.length();
  }
}
