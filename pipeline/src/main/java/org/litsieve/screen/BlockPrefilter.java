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
  /** Field → term → the blocks with that positive term. */
  private final Map<String, Map<BytesRef, int[]>> termBlocks = new HashMap<>();
  /** Field → the positive automata, with their blocks. */
  private final Map<String, List<Automaton>> automata = new HashMap<>();

  private record Automaton(ByteRunAutomaton run, int block) {}

  BlockPrefilter(List<Query> queries) {
    this.blocks = queries.size();
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
          automata.computeIfAbsent(field, f -> new ArrayList<>()).add(new Automaton(automaton.get(), block));
        }

        @Override
        public void visitLeaf(Query query) {
          always[block] = true;
        }
      });
    }
    terms.forEach((field, map) -> {
      Map<BytesRef, int[]> out = new HashMap<>();
      map.forEach((term, list) -> out.put(term, list.stream().mapToInt(Integer::intValue).toArray()));
      termBlocks.put(field, out);
    });
  }

  /** The queries (by index in the constructor's list) that may match the record indexed in {@code reader}. */
  boolean[] candidates(LeafReader reader, List<String> fields) throws IOException {
    boolean[] out = always.clone();
    for (String field : fields) {
      Map<BytesRef, int[]> byTerm = termBlocks.get(field);
      List<Automaton> autos = automata.get(field);
      if (byTerm == null && autos == null) {
        continue;
      }
      Terms terms = reader.terms(field);
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
