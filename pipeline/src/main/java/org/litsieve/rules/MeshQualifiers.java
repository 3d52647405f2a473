package org.litsieve.rules;

import java.util.Locale;
import java.util.Map;

/**
 * MeSH subheadings (qualifiers) by their two-letter abbreviation, as used in Ovid
 * ({@code Stomach Neoplasms/pa}, {@code (cf or bl).fs.}) and PubMed ({@code ra[sh]}). Includes
 * the retired imaging qualifiers still found in older strategies (radiography, ultrasonography,
 * radionuclide imaging).
 */
final class MeshQualifiers {
  private MeshQualifiers() {}

  private static final Map<String, String> BY_ABBREVIATION = Map.ofEntries(
      Map.entry("ab", "abnormalities"), Map.entry("ad", "administration & dosage"),
      Map.entry("ae", "adverse effects"), Map.entry("ag", "agonists"),
      Map.entry("ah", "anatomy & histology"), Map.entry("ai", "antagonists & inhibitors"),
      Map.entry("an", "analysis"), Map.entry("bi", "biosynthesis"), Map.entry("bl", "blood"),
      Map.entry("bs", "blood supply"), Map.entry("cf", "cerebrospinal fluid"),
      Map.entry("ch", "chemistry"), Map.entry("ci", "chemically induced"),
      Map.entry("cl", "classification"), Map.entry("cn", "congenital"),
      Map.entry("co", "complications"), Map.entry("ct", "contraindications"),
      Map.entry("cy", "cytology"), Map.entry("de", "drug effects"), Map.entry("df", "deficiency"),
      Map.entry("dg", "diagnostic imaging"), Map.entry("dh", "diet therapy"),
      Map.entry("di", "diagnosis"), Map.entry("dt", "drug therapy"), Map.entry("du", "diagnostic use"),
      Map.entry("ec", "economics"), Map.entry("ed", "education"), Map.entry("eh", "ethnology"),
      Map.entry("em", "embryology"), Map.entry("en", "enzymology"), Map.entry("ep", "epidemiology"),
      Map.entry("es", "ethics"), Map.entry("et", "etiology"), Map.entry("ge", "genetics"),
      Map.entry("gd", "growth & development"), Map.entry("hi", "history"),
      Map.entry("im", "immunology"), Map.entry("in", "injuries"), Map.entry("ip", "isolation & purification"),
      Map.entry("ir", "innervation"), Map.entry("is", "instrumentation"),
      Map.entry("lj", "legislation & jurisprudence"), Map.entry("ma", "manpower"),
      Map.entry("me", "metabolism"), Map.entry("mi", "microbiology"), Map.entry("mo", "mortality"),
      Map.entry("mt", "methods"), Map.entry("nu", "nursing"), Map.entry("og", "organization & administration"),
      Map.entry("pa", "pathology"), Map.entry("pc", "prevention & control"), Map.entry("pd", "pharmacology"),
      Map.entry("ph", "physiology"), Map.entry("pk", "pharmacokinetics"), Map.entry("po", "poisoning"),
      Map.entry("pp", "physiopathology"), Map.entry("ps", "parasitology"), Map.entry("px", "psychology"),
      Map.entry("ra", "radiography"), Map.entry("re", "radiation effects"), Map.entry("rh", "rehabilitation"),
      Map.entry("ri", "radionuclide imaging"), Map.entry("rt", "radiotherapy"),
      Map.entry("sc", "secondary"), Map.entry("sd", "supply & distribution"), Map.entry("se", "secretion"),
      Map.entry("sn", "statistics & numerical data"), Map.entry("st", "standards"),
      Map.entry("su", "surgery"), Map.entry("td", "trends"), Map.entry("th", "therapy"),
      Map.entry("to", "toxicity"), Map.entry("tm", "transmission"), Map.entry("tr", "transplantation"),
      Map.entry("tu", "therapeutic use"), Map.entry("ul", "ultrastructure"), Map.entry("ur", "urine"),
      Map.entry("us", "ultrasonography"), Map.entry("ut", "utilization"), Map.entry("ve", "veterinary"),
      Map.entry("vi", "virology"));

  /** The subheading's name for an abbreviation, or null. */
  static String name(String abbreviation) {
    return BY_ABBREVIATION.get(abbreviation.toLowerCase(Locale.ROOT));
  }
}
