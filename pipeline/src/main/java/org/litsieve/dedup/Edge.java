package org.litsieve.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * A decided pair of input records: what {@link PairMatcher} said about them, with what
 * {@link Clusters} needs to guard against chaining (each end's DOI stem, PMID, year, and volume
 * and issue as {@code volume|issue} when both are known, else ""). For
 * REVIEW and RELATED edges each end also carries a label ({@code sourceId \t title}) for the
 * review file, when its members were labelled; MATCH edges leave the labels empty. Each edge
 * carries its pair's agreement pattern ({@link MatchModel#pattern}), for the run's match model.
 */
@DefaultCoder(Edge.EdgeCoder.class)
public record Edge(String from, String to, PairMatcher.Kind kind, String rule, double score,
    String fromDoi, String toDoi, String fromPmid, String toPmid, int fromYear, int toYear,
    String fromLabel, String toLabel, int pattern, String fromIssue, String toIssue) {

  /** An edge for a verdict; the ends are ordered by input id so each pair has one form. */
  public static Edge of(RecordFeatures a, RecordFeatures b, PairMatcher.Verdict v, String labelA, String labelB) {
    boolean keep = a.inputId().compareTo(b.inputId()) <= 0;
    RecordFeatures x = keep ? a : b;
    RecordFeatures y = keep ? b : a;
    boolean labelled = v.kind() != PairMatcher.Kind.MATCH;
    return new Edge(x.inputId(), y.inputId(), v.kind(), v.rule(), v.score(), x.doiStem(), y.doiStem(),
        x.pmid(), y.pmid(), x.year(), y.year(), labelled ? (keep ? labelA : labelB) : "",
        labelled ? (keep ? labelB : labelA) : "", MatchModel.pattern(a, b), issue(x), issue(y));
  }

  /** A record's volume and issue as {@code volume|issue}, or "" when either is unknown. */
  static String issue(RecordFeatures f) {
    return f.volume().isEmpty() || f.issue().isEmpty() ? "" : f.volume() + "|" + f.issue();
  }

  /** The same edge with these labels for its two ends (from, to). */
  public Edge withLabels(String fromLabel, String toLabel) {
    return new Edge(from, to, kind, rule, score, fromDoi, toDoi, fromPmid, toPmid, fromYear, toYear,
        fromLabel, toLabel, pattern, fromIssue, toIssue);
  }

  /** The same edge as another kind, for another reason (a refused or doubted match). */
  public Edge as(PairMatcher.Kind newKind, String newRule) {
    return new Edge(from, to, newKind, newRule, score, fromDoi, toDoi, fromPmid, toPmid, fromYear, toYear,
        fromLabel, toLabel, pattern, fromIssue, toIssue);
  }

  /** Whether the edge rests on a shared DOI or PMID. */
  public boolean byIdentifier() {
    return rule.startsWith("doi") && !rule.startsWith("doi versions") || rule.startsWith("pmid");
  }

  /** Deterministic coder. */
  public static final class EdgeCoder extends AtomicCoder<Edge> {
    private static final EdgeCoder INSTANCE = new EdgeCoder();
    private static final StringUtf8Coder S = StringUtf8Coder.of();
    private static final VarIntCoder I = VarIntCoder.of();
    private static final DoubleCoder D = DoubleCoder.of();

    /** Lets {@code @DefaultCoder} find this coder. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(Edge.class), INSTANCE);
    }

    public static EdgeCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Edge e, OutputStream out) throws IOException {
      S.encode(e.from, out);
      S.encode(e.to, out);
      I.encode(e.kind.ordinal(), out);
      S.encode(e.rule, out);
      D.encode(e.score, out);
      S.encode(e.fromDoi, out);
      S.encode(e.toDoi, out);
      S.encode(e.fromPmid, out);
      S.encode(e.toPmid, out);
      I.encode(e.fromYear, out);
      I.encode(e.toYear, out);
      S.encode(e.fromLabel, out);
      S.encode(e.toLabel, out);
      I.encode(e.pattern, out);
      S.encode(e.fromIssue, out);
      S.encode(e.toIssue, out);
    }

    @Override
    public Edge decode(InputStream in) throws IOException {
      return new Edge(S.decode(in), S.decode(in), PairMatcher.Kind.values()[I.decode(in)], S.decode(in),
          D.decode(in), S.decode(in), S.decode(in), S.decode(in), S.decode(in), I.decode(in),
          I.decode(in), S.decode(in), S.decode(in), I.decode(in), S.decode(in), S.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
