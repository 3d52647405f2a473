package org.litsieve.history;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code date} column of reviewers' decisions, read as dates rather than text.
 *
 * <p>Input: one decision file's rows (line numbers count the header as line 1, one line a row).
 * Accepted: ISO {@code 2024-01-15}, ISO with a time ({@code 2024-01-15T10:30}, {@code …:45Z},
 * {@code …+02:00}, or a space instead of {@code T}), {@code 2024/01/15}, and the numeric forms a
 * spreadsheet writes back, {@code 1/15/2024} or {@code 15/1/2024} (also with {@code .} or
 * {@code -}, a two-digit year as 20yy, and a time such as {@code 10:30} or {@code 10:30:00 AM}).
 * Whether {@code 12/01/2023} is 1 December or 12 January is decided per file from its own values:
 * a first part above 12 anywhere in the file proves day/month, a second part above 12 proves
 * month/day. When no value decides and one is ambiguous, month/day is used (what Excel writes in
 * its default US locale) and a note says so.
 *
 * <p>Output: the rows with {@code date} rewritten as ISO ({@code yyyy-MM-dd}, or
 * {@code yyyy-MM-ddTHH:mm[:ss]} with a time; ISO values are kept as they are), so that the
 * carried {@code decisions.csv} needs no guessing again, plus the notes.
 *
 * <p>Failure behaviour: a value that is none of these, a date that does not exist (31/02/2024), or
 * a file whose values prove both orders, throws {@link UnreadableDateException} naming
 * {@code source:line} and the value. An empty date is kept empty.
 */
public final class DecisionDates {
  /** A date that cannot be read; the message starts with {@code source:line}. */
  public static final class UnreadableDateException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableDateException(String message) {
      super(message);
    }
  }

  /** The rows with ISO dates, and notes about how they were read. */
  public record Result(List<Map<String, String>> rows, List<String> notes) {}

  private static final Pattern NUMERIC = Pattern.compile(
      "(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([AaPp][Mm])?)?");
  private static final Pattern YEAR_FIRST = Pattern.compile(
      "(\\d{4})/(\\d{1,2})/(\\d{1,2})(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");

  private static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");

  private DecisionDates() {}

  /** Reads {@code rows}' dates; see the class comment. */
  public static Result normalise(String source, List<Map<String, String>> rows) throws UnreadableDateException {
    // first pass: which order do this file's own values prove?
    int dayFirstLine = 0;
    int monthFirstLine = 0;
    String ambiguous = null;
    int line = 1;
    for (Map<String, String> row : rows) {
      line++;
      Matcher m = NUMERIC.matcher(row.getOrDefault("date", "").trim());
      if (!m.matches()) {
        continue;
      }
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(3));
      if (a > 12) {
        dayFirstLine = dayFirstLine == 0 ? line : dayFirstLine;
      } else if (b > 12) {
        monthFirstLine = monthFirstLine == 0 ? line : monthFirstLine;
      } else if (a != b && ambiguous == null) {
        ambiguous = m.group();
      }
    }
    if (dayFirstLine > 0 && monthFirstLine > 0) {
      throw new UnreadableDateException(source + ":" + monthFirstLine + ": the date column mixes month/day (this line)"
          + " and day/month (line " + dayFirstLine + ") dates; write dates as YYYY-MM-DD");
    }
    boolean dayFirst = dayFirstLine > 0;
    List<String> notes = new ArrayList<>();
    if (ambiguous != null && dayFirstLine == 0 && monthFirstLine == 0) {
      notes.add(source + ": dates such as " + ambiguous + " could be month/day or day/month and no date in the"
          + " file decides; read as month/day (Excel's US format). Write dates as YYYY-MM-DD to be sure");
    }
    List<Map<String, String>> out = new ArrayList<>(rows.size());
    line = 1;
    for (Map<String, String> row : rows) {
      line++;
      String raw = row.getOrDefault("date", "");
      String iso = iso(raw.trim(), dayFirst);
      if (iso == null) {
        throw new UnreadableDateException(source + ":" + line + ": unreadable date \"" + raw
            + "\"; write dates as YYYY-MM-DD (or YYYY-MM-DDTHH:MM)");
      }
      if (iso.equals(raw)) {
        out.add(row);
      } else {
        Map<String, String> copy = new LinkedHashMap<>(row);
        copy.put("date", iso);
        out.add(copy);
      }
    }
    return new Result(out, notes);
  }

  /**
   * A key that orders ISO dates written by {@link #normalise} as time does (a date alone is its
   * midnight; times with an offset are compared in UTC). A value that is not ISO keys as itself.
   */
  public static String sortKey(String iso) {
    LocalDateTime t = parseIso(iso.trim());
    return t == null ? iso : t.format(KEY);
  }

  /** ISO text for {@code v}, or null if unreadable; ISO input is returned unchanged. */
  private static String iso(String v, boolean dayFirst) {
    if (v.isEmpty() || parseIso(v) != null) {
      return v;
    }
    try {
      Matcher m = YEAR_FIRST.matcher(v);
      if (m.matches()) {
        LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        return withTime(d, m.group(4), m.group(5), m.group(6), null);
      }
      m = NUMERIC.matcher(v);
      if (m.matches()) {
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(3));
        int year = Integer.parseInt(m.group(4));
        if (m.group(4).length() == 2) {
          year += 2000;
        }
        LocalDate d = dayFirst ? LocalDate.of(year, b, a) : LocalDate.of(year, a, b);
        return withTime(d, m.group(5), m.group(6), m.group(7), m.group(8));
      }
    } catch (java.time.DateTimeException e) {
      return null; // 31/02, month 13 …
    }
    return null;
  }

  private static String withTime(LocalDate d, String h, String min, String s, String ampm) {
    if (h == null) {
      return d.toString();
    }
    int hour = Integer.parseInt(h);
    if (ampm != null) {
      if (hour < 1 || hour > 12) {
        throw new java.time.DateTimeException("hour " + hour + " with AM/PM");
      }
      hour = hour % 12 + (ampm.equalsIgnoreCase("pm") ? 12 : 0);
    }
    LocalTime t = LocalTime.of(hour, Integer.parseInt(min), s == null ? 0 : Integer.parseInt(s));
    return LocalDateTime.of(d, t).format(s == null ? DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
        : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
  }

  /** An ISO date or date-time (space or T; optional seconds, fraction, offset), as UTC; else null. */
  private static LocalDateTime parseIso(String v) {
    String t = v.replace(' ', 'T');
    try {
      return LocalDate.parse(t, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay();
    } catch (DateTimeParseException e) {
      // not a date alone
    }
    try {
      return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    } catch (DateTimeParseException e) {
      // no offset-free date-time
    }
    try {
      return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
