package org.litsieve.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Deterministic coder for {@link KeyLinker.Link}. */
final class LinkCoder extends AtomicCoder<KeyLinker.Link> {
  private static final LinkCoder INSTANCE = new LinkCoder();
  private static final StringUtf8Coder S = StringUtf8Coder.of();

  static LinkCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(KeyLinker.Link l, OutputStream out) throws IOException {
    S.encode(l.from(), out);
    S.encode(l.to(), out);
    S.encode(l.rule(), out);
    S.encode(l.fromDoi(), out);
    S.encode(l.toDoi(), out);
  }

  @Override
  public KeyLinker.Link decode(InputStream in) throws IOException {
    return new KeyLinker.Link(S.decode(in), S.decode(in), S.decode(in), S.decode(in), S.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
