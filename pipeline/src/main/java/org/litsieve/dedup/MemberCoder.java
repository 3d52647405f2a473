package org.litsieve.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * Encodes a {@link BlockComparer.Member}: the record's comparison features and its label, so the
 * features are computed once per record and travel to every block that holds it (instead of the
 * record, whose features each block would compute again). A member is encoded once per blocking
 * key, so repeats are left out: a DOI stem equal to the DOI is a flag, and an author's surname
 * that is one of the name's words is that word's position. Deterministic: var-int lengths and
 * UTF-8. Decoding fails with an {@link IOException} only on a truncated or foreign stream.
 */
public final class MemberCoder extends AtomicCoder<BlockComparer.Member> {
  private static final MemberCoder INSTANCE = new MemberCoder();
  private static final StringUtf8Coder S = StringUtf8Coder.of();
  private static final VarIntCoder I = VarIntCoder.of();

  private static final int STEM_IS_DOI = 8;

  private MemberCoder() {}

  public static MemberCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(BlockComparer.Member m, OutputStream out) throws IOException {
    RecordFeatures f = m.features();
    boolean stemIsDoi = f.doiStem().equals(f.doi());
    S.encode(f.inputId(), out);
    I.encode((f.generic() ? 1 : 0) | (f.pagesUnreadable() ? 2 : 0) | (f.preprint() ? 4 : 0)
        | (stemIsDoi ? STEM_IS_DOI : 0), out);
    S.encode(f.doi(), out);
    if (!stemIsDoi) {
      S.encode(f.doiStem(), out);
    }
    S.encode(f.pmid(), out);
    S.encode(f.title(), out);
    S.encode(f.titleNumbers(), out);
    S.encode(f.part(), out);
    I.encode(f.kind().ordinal(), out);
    I.encode(f.year(), out);
    I.encode(f.authors().size(), out);
    for (RecordFeatures.Name n : f.authors()) {
      strings(n.tokens(), out);
      int at = n.tokens().indexOf(n.surname());
      I.encode(at + 1, out); // 0: the surname follows as a string
      if (at < 0) {
        S.encode(n.surname(), out);
      }
      I.encode((int) n.initial(), out);
    }
    I.encode(f.journals().size(), out);
    for (List<String> j : f.journals()) {
      strings(j, out);
    }
    S.encode(f.volume(), out);
    S.encode(f.issue(), out);
    S.encode(f.firstPage(), out);
    S.encode(f.lastPage(), out);
    I.encode(f.venue().ordinal(), out);
    S.encode(m.label(), out);
  }

  @Override
  public BlockComparer.Member decode(InputStream in) throws IOException {
    String inputId = S.decode(in);
    int flags = I.decode(in);
    String doi = S.decode(in);
    String doiStem = (flags & STEM_IS_DOI) != 0 ? doi : S.decode(in);
    String pmid = S.decode(in);
    String title = S.decode(in);
    String titleNumbers = S.decode(in);
    String part = S.decode(in);
    RecordFeatures.Kind kind = RecordFeatures.Kind.values()[I.decode(in)];
    int year = I.decode(in);
    int authorCount = I.decode(in);
    List<RecordFeatures.Name> authors = new ArrayList<>(authorCount);
    for (int i = 0; i < authorCount; i++) {
      List<String> tokens = strings(in);
      int at = I.decode(in);
      String surname = at == 0 ? S.decode(in) : tokens.get(at - 1);
      char initial = (char) (int) I.decode(in);
      authors.add(new RecordFeatures.Name(tokens, surname, initial));
    }
    int journalCount = I.decode(in);
    List<List<String>> journals = new ArrayList<>(journalCount);
    for (int i = 0; i < journalCount; i++) {
      journals.add(strings(in));
    }
    String volume = S.decode(in);
    String issue = S.decode(in);
    String firstPage = S.decode(in);
    String lastPage = S.decode(in);
    RecordFeatures.Venue venue = RecordFeatures.Venue.values()[I.decode(in)];
    String label = S.decode(in);
    RecordFeatures f = new RecordFeatures(inputId, doi, doiStem, pmid, title, titleNumbers, part, kind,
        (flags & 1) != 0, year, List.copyOf(authors), List.copyOf(journals), volume, issue, firstPage, lastPage,
        (flags & 2) != 0, venue, (flags & 4) != 0);
    return new BlockComparer.Member(f, label);
  }

  private static void strings(List<String> values, OutputStream out) throws IOException {
    I.encode(values.size(), out);
    for (String v : values) {
      S.encode(v, out);
    }
  }

  private static List<String> strings(InputStream in) throws IOException {
    int n = I.decode(in);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(S.decode(in));
    }
    return List.copyOf(out);
  }

  @Override
  public void verifyDeterministic() {}
}
