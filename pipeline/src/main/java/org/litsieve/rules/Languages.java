package org.litsieve.rules;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Canonical language names, so that a rules file's {@code english} matches a record's
 * {@code eng}, {@code en} or {@code English}. Unknown names are compared as lower-case text.
 */
public final class Languages {
  private static final Map<String, String> CANONICAL = new HashMap<>();

  static {
    add("english", "eng", "en");
    add("french", "fre", "fra", "fr", "francais");
    add("german", "ger", "deu", "de", "deutsch");
    add("spanish", "spa", "es", "espanol");
    add("portuguese", "por", "pt");
    add("italian", "ita", "it");
    add("dutch", "dut", "nld", "nl");
    add("chinese", "chi", "zho", "zh");
    add("japanese", "jpn", "ja");
    add("korean", "kor", "ko");
    add("russian", "rus", "ru");
    add("polish", "pol", "pl");
    add("swedish", "swe", "sv");
    add("norwegian", "nor", "no");
    add("danish", "dan", "da");
    add("finnish", "fin", "fi");
    add("turkish", "tur", "tr");
    add("arabic", "ara", "ar");
    add("persian", "per", "fas", "fa");
    add("hebrew", "heb", "he");
    add("greek", "gre", "ell", "el");
    add("czech", "cze", "ces", "cs");
    add("hungarian", "hun", "hu");
  }

  private Languages() {}

  private static void add(String name, String... aliases) {
    CANONICAL.put(name, name);
    for (String a : aliases) {
      CANONICAL.put(a, name);
    }
  }

  /** Combining marks, which NFD splits off accented letters ("ñ" becomes "n" and U+0303). */
  private static final Pattern MARKS = Pattern.compile("\\p{M}");

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The canonical lower-case name for a language name or ISO 639 code. */
  public static String canonical(String language) {
    if (language == null) {
      return "";
    }
    String s = language.strip();
    if (!isAscii(s)) {
      s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    }
    s = s.toLowerCase(Locale.ROOT);
    return CANONICAL.getOrDefault(s, s);
  }
}
