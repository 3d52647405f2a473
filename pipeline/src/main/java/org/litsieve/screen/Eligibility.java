package org.litsieve.screen;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.litsieve.model.BibRecord;
import org.litsieve.rules.Languages;
import org.litsieve.rules.Rules;

/**
 * Applies a rules file's eligibility criteria to one record, in a fixed order: year range,
 * language, excluded publication types, required fields. Returns the first failed criterion as a
 * plain reason, or empty when the record is eligible.
 *
 * <p>A record with no year passes unless {@code missing_year: exclude}; a record with no language
 * passes the language criterion (an export that omits the language says nothing against it).
 */
public final class Eligibility {
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private final Rules.Eligibility criteria;
  private final String languageList;
  /** The excluded publication types' words, padded with spaces, in the criteria's order. */
  private final List<String> excludedWords;

  public Eligibility(Rules.Eligibility criteria) {
    this.criteria = criteria;
    this.languageList = "[" + String.join(", ", criteria.languages()) + "]";
    this.excludedWords = criteria.excludePublicationTypes().stream().map(t -> " " + words(t) + " ").toList();
  }

  /** The reason the record is ineligible, or empty if it is eligible. */
  public Optional<String> check(BibRecord r) {
    Integer from = criteria.yearFrom();
    Integer to = criteria.yearTo();
    if (r.year() == 0) {
      if (criteria.excludeMissingYear()) {
        return Optional.of("no year");
      }
    } else if ((from != null && r.year() < from) || (to != null && r.year() > to)) {
      return Optional.of(yearReason(from, to));
    }
    if (!criteria.languages().isEmpty() && !r.language().isBlank() && !languageMatches(r.language())) {
      return Optional.of("language not in " + languageList);
    }
    for (String type : r.publicationTypes()) {
      String hit = excludedType(type);
      if (hit != null) {
        return Optional.of("publication type: " + hit);
      }
    }
    if (!r.type().isEmpty()) {
      String hit = excludedType(r.type());
      if (hit != null) {
        return Optional.of("publication type: " + hit);
      }
    }
    for (String field : criteria.require()) {
      if (missing(r, field)) {
        return Optional.of("missing " + field);
      }
    }
    return Optional.empty();
  }

  private static String yearReason(Integer from, Integer to) {
    if (from != null && to != null) {
      return "year outside " + from + "-" + to;
    }
    return from != null ? "year before " + from : "year after " + to;
  }

  /** What separates the languages of a record's language field: ; , / |. */
  private static final Pattern LANGUAGE_SEPARATORS = Pattern.compile("[;,/|]");

  private boolean languageMatches(String language) {
    for (String part : LANGUAGE_SEPARATORS.split(language)) {
      if (!part.isBlank() && criteria.languages().contains(Languages.canonical(part))) {
        return true;
      }
    }
    return false;
  }

  private String excludedType(String type) {
    if (excludedWords.isEmpty()) {
      return null;
    }
    String padded = " " + words(type) + " ";
    for (int i = 0; i < excludedWords.size(); i++) {
      if (padded.contains(excludedWords.get(i))) {
        return criteria.excludePublicationTypes().get(i);
      }
    }
    return null;
  }

  private static String words(String s) {
    return NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  private static boolean missing(BibRecord r, String field) {
    switch (field) {
      case "title":
        return r.title().isBlank();
      case "abstract":
        return r.abstractText().isBlank();
      case "authors":
        return r.authors().isEmpty();
      case "year":
        return r.year() == 0;
      case "doi":
        return r.doi().isBlank();
      case "journal":
        return r.journal().isBlank() && r.journalAbbrev().isBlank();
      default:
        throw new IllegalArgumentException("unknown required field " + field);
    }
  }
}
