package org.litsieve.output;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.litsieve.model.BlockMatch;
import org.litsieve.model.Decision;
import org.litsieve.model.ScreenedRecord;

/**
 * The outcome-tag frequencies of a run, for {@code tags.csv} and the report's bar chart.
 *
 * <p>Tags are only assigned to included and review records, so the counts are over those:
 * {@code count} records carry the tag, of which {@code included} were included and {@code review}
 * are in the review queue; {@code share} is {@code count} divided by the number of included and
 * review records (4 decimals, 0 when there are none). Tags named in the rules that matched
 * nothing are listed with count 0. Rows are sorted by count (highest first), then by the tag's
 * order in the rules, then by name.
 *
 * <p>Failure behaviour: none.
 */
public final class TagTable {
  /** Columns of {@code tags.csv}. */
  public static final List<String> COLUMNS =
      List.of("tag", "count", "share", "included", "review", "record_ids");

  /** One tag's row. {@code recordIds} are in the records' order. */
  public record Row(String tag, long count, String share, long included, long review, List<String> recordIds) {}

  private TagTable() {}

  /**
   * The rows for {@code records} (the included and review records; excluded ones are ignored),
   * with {@code ruleTags} (the tags in the rules' order) listed even when unmatched.
   */
  public static List<Row> rows(List<ScreenedRecord> records, List<String> ruleTags) {
    return rowsOf(records.stream().map(Tagged::of).toList(), ruleTags);
  }

  /** What the table needs of a record: its id, decision and tag names. */
  public record Tagged(String recordId, Decision decision, List<String> tags) {
    public static Tagged of(ScreenedRecord s) {
      return new Tagged(s.recordId(), s.decision(), s.tags().stream().map(BlockMatch::name).toList());
    }
  }

  /** {@link #rows} from what the table needs of each record. */
  public static List<Row> rowsOf(List<Tagged> records, List<String> ruleTags) {
    Map<String, List<Tagged>> byTag = new LinkedHashMap<>();
    for (String t : ruleTags) {
      byTag.put(t, new ArrayList<>());
    }
    long denominator = 0;
    for (Tagged s : records) {
      if (s.decision() == Decision.EXCLUDE) {
        continue;
      }
      denominator++;
      for (String t : s.tags()) {
        List<Tagged> list = byTag.computeIfAbsent(t, k -> new ArrayList<>());
        if (list.isEmpty() || list.get(list.size() - 1) != s) {
          list.add(s);
        }
      }
    }
    List<String> order = new ArrayList<>(byTag.keySet());
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<Tagged>> e : byTag.entrySet()) {
      List<Tagged> list = e.getValue();
      long included = list.stream().filter(s -> s.decision() == Decision.INCLUDE).count();
      String share = denominator == 0 ? "0" : BigDecimal.valueOf(list.size())
          .divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP).toPlainString();
      rows.add(new Row(e.getKey(), list.size(), share, included, list.size() - included,
          list.stream().map(Tagged::recordId).toList()));
    }
    rows.sort(Comparator.comparingLong(Row::count).reversed()
        .thenComparingInt(r -> order.indexOf(r.tag())).thenComparing(Row::tag));
    return rows;
  }

  /** {@code tags.csv}: header and one row per tag, record ids separated by {@code ;}. */
  public static String csv(List<Row> rows) {
    StringBuilder b = new StringBuilder(CsvRows.line(COLUMNS));
    for (Row r : rows) {
      b.append(CsvRows.line(List.of(r.tag(), Long.toString(r.count()), r.share(),
          Long.toString(r.included()), Long.toString(r.review()), String.join(";", r.recordIds()))));
    }
    return b.toString();
  }
}
