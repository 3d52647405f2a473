package org.litsieve.dedup;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.VarInt;
import org.apache.commons.io.input.UnsynchronizedByteArrayInputStream;

/**
 * What the Beam transform sends to one block for one record: the block's key, the hashes
 * ({@link BlockingKeys#hash}) of the record's keys that sort before it, and the record's
 * {@link BlockComparer.Member} encoded once ({@link MemberCoder}) for all its blocks.
 *
 * <p>Why the earlier keys: a pair is compared in every block it shares, but its agreement pattern
 * ({@link MatchModel}) must be counted once, in the first block the two share; that is the block
 * where the two records' earlier keys have nothing in common, which
 * {@link BlockComparer#firstShared(long[], long[])} decides without the keys themselves. Why the
 * member as bytes: most blocks hold one record and are never compared, so a member is decoded
 * ({@link #member()}) only where a block has two or more.
 *
 * <p>Failure: {@link #member()} throws {@link IllegalStateException} on bytes that are not a
 * member (only a foreign or truncated stream); the coder throws {@link IOException} likewise.
 */
final class BlockEntry {
  private final String key;
  private final long[] earlier;
  private final byte[] member;

  BlockEntry(String key, long[] earlier, byte[] member) {
    this.key = key;
    this.earlier = earlier;
    this.member = member;
  }

  /** The record's entries for each of its sorted, distinct {@code keys}. */
  static BlockEntry[] of(BlockComparer.Member m, java.util.List<String> keys) {
    byte[] bytes = encode(m);
    long[] hashes = new long[keys.size()];
    BlockEntry[] out = new BlockEntry[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      hashes[i] = BlockingKeys.hash(keys.get(i));
      out[i] = new BlockEntry(keys.get(i), Arrays.copyOf(hashes, i), bytes);
    }
    return out;
  }

  String key() {
    return key;
  }

  long[] earlier() {
    return earlier;
  }

  BlockComparer.Member member() {
    try {
      // (not CoderUtils.decodeFromByteArray: its stream takes a lock for every read, and the coder
      // reads each var-int a byte at a time; a member is decoded in every block of two or more)
      InputStream in = UnsynchronizedByteArrayInputStream.builder().setByteArray(member).get();
      BlockComparer.Member m = MemberCoder.of().decode(in);
      if (in.available() != 0) {
        throw new IOException(in.available() + " bytes left after the member");
      }
      return m;
    } catch (IOException e) {
      throw new IllegalStateException("not an encoded block member", e);
    }
  }

  private static byte[] encode(BlockComparer.Member m) {
    try {
      return CoderUtils.encodeToByteArray(MemberCoder.of(), m);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a block member", e);
    }
  }

  /** Key, var-int count and 8-byte hashes, var-int length and the member's bytes. Deterministic. */
  static final class Coder extends AtomicCoder<BlockEntry> {
    private static final Coder INSTANCE = new Coder();
    private static final StringUtf8Coder S = StringUtf8Coder.of();

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(BlockEntry e, OutputStream out) throws IOException {
      S.encode(e.key, out);
      VarInt.encode(e.earlier.length, out);
      for (long h : e.earlier) {
        for (int shift = 56; shift >= 0; shift -= 8) {
          out.write((int) (h >>> shift));
        }
      }
      VarInt.encode(e.member.length, out);
      out.write(e.member);
    }

    @Override
    public BlockEntry decode(InputStream in) throws IOException {
      String key = S.decode(in);
      DataInputStream data = new DataInputStream(in);
      long[] earlier = new long[VarInt.decodeInt(in)];
      for (int i = 0; i < earlier.length; i++) {
        earlier[i] = data.readLong();
      }
      byte[] member = new byte[VarInt.decodeInt(in)];
      data.readFully(member);
      return new BlockEntry(key, earlier, member);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
