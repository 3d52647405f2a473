package org.litsieve.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Author names as PubMed's author index holds them, so that {@code smith j[au]} finds the same
 * people whether a record carries MEDLINE's full name ({@code FAU - Smith, John A}), its initials
 * form ({@code AU - Smith JA}), a RIS name ({@code Smith, J.A.}) or a CSV one ({@code Smith J.A.}).
 *
 * <p>Each author gives an initials key, surname then initials ({@code smith ja}), and, when the
 * record has given names, a full-name key with a comma ({@code smith, john a}). Keys are lower
 * case, accents folded, punctuation a space ({@code O'Brien} → {@code o brien}), so they never
 * contain a comma except the one a full-name key has. Never fails; an empty name gives no key.
 */
public final class AuthorNames {
  /** A token of initials as written after a surname: {@code JA}, {@code J.A.}, {@code J.-P.}. */
  private static final Pattern INITIALS = Pattern.compile("(\\p{Lu}\\.?-?){1,4}");
  /** Most letters the last word of a query may have to be read as initials ({@code smith jab}). */
  static final int MAX_INITIALS = 3;

  private AuthorNames() {}

  /** The keys of one author as a record writes it (see the class comment). */
  public static List<String> keys(String author) {
    String a = author == null ? "" : author.strip();
    String surname;
    String given;
    int comma = a.indexOf(',');
    if (comma >= 0) {
      surname = a.substring(0, comma);
      given = a.substring(comma + 1).strip();
    } else {
      String[] words = a.split("\\s+");
      if (words.length >= 2 && INITIALS.matcher(words[words.length - 1]).matches()) {
        surname = a.substring(0, a.lastIndexOf(words[words.length - 1])).strip();
        given = words[words.length - 1];
      } else if (words.length >= 2) {
        // "John A Smith": given names first, as some CSV exports write them
        surname = words[words.length - 1];
        given = a.substring(0, a.lastIndexOf(surname)).strip();
      } else {
        surname = a;
        given = "";
      }
    }
    String last = Fields.fold(surname);
    if (last.isEmpty()) {
      return List.of();
    }
    StringBuilder initials = new StringBuilder();
    boolean names = false;
    for (String g : given.split("[\\s.\\-]+")) {
      if (g.isEmpty()) {
        continue;
      }
      if (INITIALS.matcher(g).matches() && g.length() > 1 && comma < 0
          || g.length() <= 4 && g.equals(g.toUpperCase(Locale.ROOT)) && g.length() > 1) {
        initials.append(g); // "JA": two initials written together
      } else {
        initials.append(g.charAt(0));
        names |= g.length() > 1;
      }
    }
    List<String> out = new ArrayList<>(2);
    String ini = Fields.fold(initials.toString()).replace(" ", "");
    out.add(ini.isEmpty() ? last : last + " " + ini);
    if (names) {
      out.add(last + ", " + Fields.fold(given));
    }
    return out;
  }

  /**
   * The Lucene regular expressions (over the keys) of an author search; a record matches if some
   * key of the searched authors matches one of them.
   */
  static List<String> patterns(QueryNode.Author a) {
    String key = Fields.fold(a.name());
    List<String> out = new ArrayList<>();
    if (key.isEmpty()) {
      return out;
    }
    String[] w = key.split(" ");
    boolean initials = w.length >= 2 && w[w.length - 1].length() <= MAX_INITIALS;
    if (initials) {
      // "smith j": Smith J, and with truncation Smith JA, Smith JB
      out.add(key + (a.moreInitials() ? "[a-z0-9]*" : ""));
    } else {
      // "smith" or "garcia marquez": the surname with any initials
      out.add(key + (a.moreInitials() ? "( [a-z0-9]+)?" : ""));
    }
    // "smith john a": a full name, the comma after any of its first words
    for (int k = 1; k < w.length; k++) {
      String full = String.join(" ", List.of(w).subList(0, k)) + ", "
          + String.join(" ", List.of(w).subList(k, w.length));
      out.add(full + (a.moreInitials() ? "( .*)?" : ""));
    }
    return out;
  }
}
