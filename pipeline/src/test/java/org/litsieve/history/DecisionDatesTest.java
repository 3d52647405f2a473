package org.litsieve.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decision dates are dates: a spreadsheet's rewrite of review.csv does not let the older decision win. */
class DecisionDatesTest {
  static Map<String, String> row(String id, String decision, String reviewer, String date) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("record_id", id);
    m.put("decision", decision);
    m.put("reason", "");
    m.put("reviewer", reviewer);
    m.put("date", date);
    m.put("note", "");
    return m;
  }

  static List<String> dates(String... values) throws Exception {
    List<Map<String, String>> rows = new ArrayList<>();
    for (String v : values) {
      rows.add(row("ls-1", "include", "ann", v));
    }
    return DecisionDates.normalise("d.csv", rows).rows().stream().map(r -> r.get("date")).toList();
  }

  @Test
  void theLaterDecisionWinsWhenExcelRewroteTheDates() {
    // Excel (US) saves an edited review.csv with M/d/yyyy dates; as text 12/01/2023 sorts after 01/15/2024
    HumanDecisions d = HumanDecisions.resolve(Map.of("review.csv", List.of(
        row("ls-1", "include", "ann", "12/01/2023"), row("ls-1", "exclude", "ann", "01/15/2024"))));
    assertEquals("exclude", d.byRecord().get("ls-1").decision());
    assertEquals(List.of("2023-12-01", "2024-01-15"), d.kept().stream().map(r -> r.get("date")).toList());
  }

  @Test
  void aDateWithATimeIsLaterThanTheSameDayAlone() {
    HumanDecisions d = HumanDecisions.resolve(Map.of("decisions.csv", List.of(
        row("ls-1", "exclude", "ann", "2024-01-15T09:30"), row("ls-1", "include", "ann", "2024-01-15"))));
    assertEquals("exclude", d.byRecord().get("ls-1").decision());
  }

  @Test
  void isoAndSpreadsheetFormsAreRead() throws Exception {
    assertEquals(List.of("2024-01-15", "2024-01-15T10:30", "2024-01-15T10:30:00Z", "2024-01-15",
        "2024-01-15T22:05", "", "2024-01-15"),
        dates("2024-01-15", "2024-01-15T10:30", "2024-01-15T10:30:00Z", "2024/01/15", "1/15/2024 10:05 PM", "", "1/15/24"));
  }

  @Test
  void aFirstPartAbove12ProvesDayMonthForTheWholeFile() throws Exception {
    assertEquals(List.of("2023-01-12", "2024-01-15"), dates("12/01/2023", "15/01/2024"));
    assertEquals(List.of("2023-01-12", "2024-01-15"), dates("12.01.2023", "15.01.2024"));
    assertEquals(List.of("2023-12-01", "2024-01-15"), dates("12/01/2023", "01/15/2024"));
  }

  @Test
  void anUndecidedFileIsReadMonthFirstWithANote() throws Exception {
    DecisionDates.Result r = DecisionDates.normalise("d.csv", List.of(row("ls-1", "include", "ann", "03/04/2024")));
    assertEquals("2024-03-04", r.rows().get(0).get("date"));
    assertEquals(1, r.notes().size(), r.notes().toString());
    assertTrue(r.notes().get(0).startsWith("d.csv: dates such as 03/04/2024 could be"), r.notes().get(0));
    assertEquals(List.of(), DecisionDates.normalise("d.csv", List.of(row("ls-1", "include", "ann", "04/04/2024"))).notes(),
        "the same day and month is not ambiguous");
  }

  @Test
  void unreadableDatesNameFileAndLine() {
    for (String bad : List.of("yesterday", "31/02/2024", "2024-13-01", "15/15/2024")) {
      DecisionDates.UnreadableDateException e = assertThrows(DecisionDates.UnreadableDateException.class,
          () -> dates("2024-01-01", bad));
      assertTrue(e.getMessage().startsWith("d.csv:3: unreadable date \"" + bad + "\""), e.getMessage());
    }
    DecisionDates.UnreadableDateException e = assertThrows(DecisionDates.UnreadableDateException.class,
        () -> dates("13/01/2024", "01/13/2024"));
    assertTrue(e.getMessage().startsWith("d.csv:3: the date column mixes month/day"), e.getMessage());
  }
}
