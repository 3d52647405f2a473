package org.litsieve.screen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Tells, from a one-record index's terms alone, which queries (blocks, or clauses of a block that
 * is a disjunction) cannot match the record, so that they are never run on it. Plain Java, built once per {@link Screener}; not
 * thread-safe.
 *
 * <p>A Lucene query matches a document only if the document matches some leaf of the query that
 * is not under a {@code MUST_NOT}: a term (of a term or phrase query) it contains, or a term an
 * automaton (truncation, wildcard) accepts. So a block none of whose positive terms or automata
 * meets the record's terms cannot match. A block with a leaf that is not about terms (a year
 * range, match-all) is always a candidate. Being a candidate is necessary, not sufficient: the
 * block's query still decides.
 */
final class BlockPrefilter {
  private final int blocks;
  private final boolean[] always;
  /** The fields {@link #candidates} reads, in order. */
  private final List<String> fields;
  /** Per field of {@link #fields}: term → the blocks with that positive term (null: none). */
  private final Map<BytesRef, int[]>[] termBlocks;
  /** Per field of {@link #fields}: the positive automata, with their blocks (null: none). */
  private final Automaton[][] automata;
  /**
   * Per field of {@link #fields} and first byte of a term: the automata that can accept a term
   * starting with that byte (null: none). Most automata are truncations ({@code peer*}), so a
   * term is run through a few of them, not all: running every automaton on every term was a
   * tenth of screening's time.
   */
  private final Automaton[][][] automataByFirstByte;

  private record Automaton(ByteRunAutomaton run, int block) {}

  /** Numbers {@code queries} (0, 1, …) and reads the terms of {@code fields} only. */
  @SuppressWarnings("unchecked")
  BlockPrefilter(List<Query> queries, List<String> fields) {
    this.fields = List.copyOf(fields);
    this.blocks = queries.size();
    Map<String, List<Automaton>> automataByField = new HashMap<>();
    this.always = new boolean[blocks];
    Map<String, Map<BytesRef, List<Integer>>> terms = new HashMap<>();
    for (int b = 0; b < blocks; b++) {
      int block = b;
      queries.get(b).visit(new QueryVisitor() {
        @Override
        public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
          return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
        }

        @Override
        public void consumeTerms(Query query, Term... ts) {
          for (Term t : ts) {
            List<Integer> list = terms.computeIfAbsent(t.field(), f -> new HashMap<>())
                .computeIfAbsent(BytesRef.deepCopyOf(t.bytes()), x -> new ArrayList<>(1));
            if (list.isEmpty() || list.get(list.size() - 1) != block) {
              list.add(block);
            }
          }
        }

        @Override
        public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
          automataByField.computeIfAbsent(field, f -> new ArrayList<>()).add(new Automaton(automaton.get(), block));
        }

        @Override
        public void visitLeaf(Query query) {
          always[block] = true;
        }
      });
    }
    this.termBlocks = new Map[this.fields.size()];
    this.automata = new Automaton[this.fields.size()][];
    this.automataByFirstByte = new Automaton[this.fields.size()][][];
    for (int f = 0; f < this.fields.size(); f++) {
      Map<BytesRef, List<Integer>> map = terms.get(this.fields.get(f));
      if (map != null) {
        Map<BytesRef, int[]> out = new HashMap<>();
        map.forEach((term, list) -> out.put(term, list.stream().mapToInt(Integer::intValue).toArray()));
        termBlocks[f] = out;
      }
      List<Automaton> autos = automataByField.get(this.fields.get(f));
      automata[f] = autos == null ? null : autos.toArray(new Automaton[0]);
      automataByFirstByte[f] = autos == null ? null : byFirstByte(autos);
    }
  }

  /** The automata that leave their start state (0) on each byte, i.e. can accept a term starting with it. */
  private static Automaton[][] byFirstByte(List<Automaton> autos) {
    Automaton[][] out = new Automaton[256][];
    for (int b = 0; b < 256; b++) {
      int first = b;
      Automaton[] can = autos.stream().filter(a -> a.run().step(0, first) != -1).toArray(Automaton[]::new);
      out[b] = can.length == 0 ? null : can;
    }
    return out;
  }

  /**
   * The queries (by index in the constructor's list) that may match the record indexed in
   * {@code reader}, judged from the terms of the constructor's fields.
   */
  boolean[] candidates(LeafReader reader) throws IOException {
    boolean[] out = always.clone();
    for (int f = 0; f < fields.size(); f++) {
      Map<BytesRef, int[]> byTerm = termBlocks[f];
      Automaton[][] autosByByte = automataByFirstByte[f];
      if (byTerm == null && autosByByte == null) {
        continue;
      }
      Terms terms = reader.terms(fields.get(f));
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      for (BytesRef term = te.next(); term != null; term = te.next()) {
        if (byTerm != null) {
          int[] hit = byTerm.get(term);
          if (hit != null) {
            for (int b : hit) {
              out[b] = true;
            }
          }
        }
        Automaton[] autos = autosByByte == null ? null
            : term.length == 0 ? automata[f] : autosByByte[term.bytes[term.offset] & 0xFF];
        if (autos != null) {
          for (Automaton a : autos) {
            if (!out[a.block()] && a.run().run(term.bytes, term.offset, term.length)) {
              out[a.block()] = true;
            }
          }
        }
      }
    }
    return out;
  }
}
