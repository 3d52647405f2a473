package org.litsieve.ingest;

import java.util.BitSet;
import java.util.StringJoiner;
import org.litsieve.model.Rejected;

/**
 * The record-count check every whole-file read ends with, so that no file loses records
 * silently: it says so, as one reject row at position 0 (which reaches {@code rejected.csv},
 * {@code inspect} and the run's reject count) and as a warning in the file's report, when
 *
 * <ul>
 *   <li>the file holds more record starts, counted by {@link RecordStarts}, than the parser
 *       gave records and rejects: how many were lost, and the lines of the first starts that
 *       began no record;
 *   <li>most of its records were rejected (all of them, or more than were read and at least
 *       two): the file may not be in the format it was read as;
 *   <li>it gave neither records nor rejects (a RIS file of only {@code ER} lines).
 * </ul>
 *
 * <p>Input: the parser, the start counter (null for formats without one) and the file's tally
 * after parsing. Output: at most one reject and one warning, through the tally. Never throws.
 */
final class Sanity {
  /** How many unread record-start lines a message lists. */
  static final int MAX_LINES = 5;

  private Sanity() {}

  static void check(String sourceFile, ExportParser parser, RecordStarts starts, Tally tally) {
    long read = tally.records;
    long rejected = tally.rejectedRecords;
    long accounted = read + rejected;
    String message = null;
    int line = 0;
    if (starts != null && starts.count() > accounted) {
      long lost = starts.count() - accounted;
      BitSet unread = (BitSet) starts.lines().clone();
      unread.andNot(tally.lines);
      StringJoiner where = new StringJoiner(", ");
      int shown = 0;
      for (int l = unread.nextSetBit(0); l >= 0 && shown < MAX_LINES; l = unread.nextSetBit(l + 1)) {
        where.add(Integer.toString(l));
        line = line == 0 ? l : line;
        shown++;
      }
      int more = unread.cardinality() - shown;
      message = String.format("%,d record starts (%s) but %,d records read and %,d rejected: %,d %s lost",
          starts.count(), starts.name(), read, rejected, lost, lost == 1 ? "record" : "records");
      if (shown > 0) {
        message += "; starts that began no record are at line" + (shown == 1 ? " " : "s ") + where
            + (more > 0 ? String.format(" and %,d more", more) : "");
      }
    } else if (accounted == 0 && tally.rejected == 0) {
      message = "no records: the file was read as " + parser.displayName() + " but holds no record"
          + (starts != null ? " (no " + starts.name() + ")" : "");
    } else if (rejected > 0 && (read == 0 || (rejected > read && rejected >= 2))) {
      message = String.format("%,d of %,d records rejected (the first: %s): %s of this file was read;"
          + " if it is not %s, 'litsieve inspect' shows how its format was chosen", rejected, accounted,
          tally.firstRejectReason, read == 0 ? "nothing" : "little", parser.displayName());
    }
    if (message != null) {
      tally.warning(message);
      tally.reject(new Rejected(sourceFile, 0, line, message, ""));
    }
  }
}
