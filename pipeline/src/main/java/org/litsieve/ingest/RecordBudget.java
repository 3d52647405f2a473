package org.litsieve.ingest;

/**
 * The characters one record may hold while a line parser gathers it: at most
 * {@value FieldText#MAX_FIELD_CHARS} in one field however many continuation lines it spans, and
 * {@value FieldText#MAX_RECORD_CHARS} in the whole record however many fields it has. The line
 * reader already cuts each line; this cuts what many lines add up to, as they arrive, so that a
 * 200 MB abstract spread over millions of lines is never held and the record itself is kept.
 *
 * <p>Input: each value piece a parser is about to append. Output: how much of it to keep.
 * Failure behaviour: never throws; what was dropped is told once per record through
 * {@link #report}.
 */
final class RecordBudget {
  private long held;
  private long dropped;
  private String firstField;

  /** Characters a value charges besides its text, so that countless empty tag lines add up too. */
  static final int PER_VALUE = 16;

  /**
   * How many of {@code wanted} more characters a field now {@code fieldLength} long may take; the
   * rest is counted as dropped (name the field with {@link #cutIn} when fewer than {@code wanted}
   * come back). The characters kept count against the record.
   */
  int room(long fieldLength, int wanted) {
    long room = Math.min(FieldText.MAX_FIELD_CHARS - fieldLength, FieldText.MAX_RECORD_CHARS - held);
    int take = (int) Math.max(0, Math.min(wanted, room));
    held += take;
    dropped += wanted - take;
    return take;
  }

  /**
   * Whether the record may take one more value (a tag line, a field occurrence): false once the
   * record is full, and that value's {@code length} characters are counted as dropped.
   */
  boolean newValue(int length) {
    if (held + PER_VALUE > FieldText.MAX_RECORD_CHARS) {
      dropped += Math.max(1, length);
      return false;
    }
    held += PER_VALUE;
    return true;
  }

  /** Names the field where text was first dropped, for the warning. */
  void cutIn(String field) {
    if (firstField == null) {
      firstField = field;
    }
  }

  /** Appends as much of {@code s[from, end)} to {@code v} as the budget allows. */
  void append(StringBuilder v, String field, CharSequence s, int from, int end) {
    int take = room(v.length(), end - from);
    if (take < end - from) {
      cutIn(field);
    }
    v.append(s, from, from + take);
  }

  /** {@code s}, or as much of it as one more piece of {@code field} may hold ("" when none). */
  String take(String field, long fieldLength, String s) {
    int take = room(fieldLength, s.length());
    if (take == s.length()) {
      return s;
    }
    cutIn(field);
    return s.substring(0, take);
  }

  /** Whether anything of this record was dropped. */
  boolean cut() {
    return dropped > 0;
  }

  /** A data-quality warning for {@code sink} when the record lost text, naming where it starts. */
  void report(ParseSink sink, int position, int line) {
    if (dropped > 0) {
      sink.warning(String.format("record %d (line %d): %s was too long (over %,d characters in one"
          + " field or %,d in one record); %,d characters past the limit were dropped, the record"
          + " was kept", position, line, firstField == null ? "a field" : firstField, FieldText.MAX_FIELD_CHARS,
          FieldText.MAX_RECORD_CHARS, dropped));
    }
  }
}
