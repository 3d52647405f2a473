package org.litsieve.ingest;

import java.util.ArrayList;
import java.util.List;
import org.litsieve.model.BibRecord;
import org.litsieve.model.Rejected;

/**
 * Counts what passes to the real sink, and notes data-quality warnings: the tally of one file, or of
 * one part of a split file, that {@link ExportReader} turns into the file's report and
 * {@link Sanity} checks. Input: records, rejects and warnings from a parser; output: the same,
 * passed on unchanged, and the counts. Never throws (the sink's own failures pass through).
 */
final class Tally implements ParseSink {
  /** How many parser warnings a report lists one by one. */
  static final int MAX_NOTES = 20;

  private final ParseSink delegate;
  long records;
  long rejected;
  long lastPosition;
  long noAbstract;
  long noYear;
  long oddYear;
  long noAuthors;
  /** Records rejected one by one (position above 0), not whole-file rejects. */
  long rejectedRecords;
  String firstRejectReason = "";
  /** The lines where records and rejects start, for {@link Sanity}. */
  final java.util.BitSet lines = new java.util.BitSet();
  final List<String> notes = new ArrayList<>();
  long moreNotes;

  Tally(ParseSink delegate) {
    this.delegate = delegate;
  }

  @Override
  public void record(BibRecord r) {
    records++;
    lastPosition = Math.max(lastPosition, r.origin().position());
    if (r.origin().line() > 0) {
      lines.set(r.origin().line());
    }
    if (r.abstractText().isEmpty()) {
      noAbstract++;
    }
    if (r.year() == 0) {
      noYear++;
    } else if (r.year() < 1800 || r.year() > 2100) {
      oddYear++;
    }
    if (r.authors().isEmpty()) {
      noAuthors++;
    }
    delegate.record(r);
  }

  @Override
  public void reject(Rejected r) {
    rejected++;
    lastPosition = Math.max(lastPosition, r.position());
    if (r.position() > 0) {
      if (rejectedRecords == 0) {
        firstRejectReason = r.reason().length() > 80 ? r.reason().substring(0, 80) + "…" : r.reason();
      }
      rejectedRecords++;
      if (r.line() > 0) {
        lines.set(r.line());
      }
    }
    delegate.reject(r);
  }

  @Override
  public void warning(String message) {
    if (notes.size() < MAX_NOTES) {
      notes.add(message);
    } else {
      moreNotes++;
    }
    delegate.warning(message);
  }

  List<String> warnings() {
    List<String> out = new ArrayList<>(notes);
    if (moreNotes > 0) {
      out.add("… and " + moreNotes + " more such warnings");
    }
    add(out, noAbstract, "no abstract");
    add(out, noYear, "no year (or a year that could not be read)");
    add(out, oddYear, "a year outside 1800-2100");
    add(out, noAuthors, "no authors");
    return out;
  }

  private static void add(List<String> out, long n, String what) {
    if (n > 0) {
      out.add(n + (n == 1 ? " record has " : " records have ") + what);
    }
  }
}
