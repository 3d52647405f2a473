package org.litsieve.generate;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Word lists the generator builds titles, abstracts and names from, and the forms of words that
 * the exports differ in (capitals, initials).
 */
final class Vocabulary {
  private Vocabulary() {}

  static final List<String> PEER_ROLES = List.of("peer support workers", "peer specialists",
      "peer workers", "recovery coaches", "consumer providers", "peer mentors", "peer navigators",
      "lived experience workers", "peer educators", "experts by experience");
  static final List<String> TRAINING = List.of("training", "a certification course", "a curriculum",
      "a workshop series", "competency-based training", "professional development",
      "an online training course", "a core training program");
  static final List<String> MH_SETTINGS = List.of("mental health services", "substance use treatment",
      "addiction services", "psychiatric inpatient units", "community mental health teams",
      "early psychosis services", "harm reduction programs", "recovery-oriented services");
  static final List<String> OUTCOMES = List.of("knowledge and skills", "self-efficacy", "wellbeing",
      "quality of life", "trainee satisfaction", "employment outcomes", "stigma", "workplace culture",
      "confidence", "hope", "resilience", "skill application");
  static final List<String> OTHER_POPULATIONS = List.of("adults with type 2 diabetes",
      "patients after hip replacement", "older adults with heart failure", "children with asthma",
      "pregnant women", "people with chronic kidney disease", "stroke survivors",
      "patients with rheumatoid arthritis", "adolescents with obesity", "cancer survivors");
  static final List<String> OTHER_INTERVENTIONS = List.of("a nurse-led clinic", "telemonitoring",
      "a mobile health application", "structured exercise", "dietary counselling",
      "pharmacist medication review", "group education", "a self-management program");
  static final List<String> OTHER_OUTCOMES = List.of("glycaemic control", "readmission rates",
      "blood pressure", "physical function", "adherence", "pain scores", "length of stay", "mortality");
  static final List<String> DESIGNS = List.of("a randomised controlled trial", "a mixed-methods study",
      "a qualitative study", "a pre-post evaluation", "a cohort study", "a pilot study",
      "a cross-sectional survey", "a feasibility study");
  static final List<String> FILLER = List.of("participants", "reported", "improved", "significantly",
      "compared", "baseline", "follow-up", "months", "findings", "suggest", "program", "evaluation",
      "data", "analysis", "outcomes", "measures", "were", "collected", "using", "validated",
      "questionnaires", "interviews", "thematic", "themes", "identified", "intervention", "group",
      "control", "results", "showed", "between", "the", "and", "of", "in", "with", "for", "to",
      "a", "was", "this", "study", "support", "services", "practice", "implementation", "staff");
  static final List<String> PLACES = List.of("Norway", "Brazil", "Kenya", "Scotland", "Ontario",
      "New South Wales", "Texas", "Bavaria", "Catalonia", "Japan", "Ghana", "Chile", "Ireland",
      "Denmark", "Victoria", "California", "Nigeria", "Poland", "Vietnam", "Quebec", "Wales",
      "the Netherlands", "New Zealand", "Uganda", "Sweden", "Portugal", "Finland", "Colombia",
      "South Africa", "India", "Malaysia", "Greece", "Austria", "Oregon", "Queensland", "Peru",
      "Israel", "Taiwan", "Belgium", "Iceland");
  static final List<String> SURNAME_ENDINGS = List.of("", "son", "ez", "ova", "i", "er", "ski",
      "ek", "an", "ard", "ell", "ini", "os", "berg", "feld", "ley", "ton", "ham", "wood", "ford");
  static final List<String> SURNAMES = List.of("Smith", "Okafor", "Nguyen", "Garcia", "Müller",
      "Kowalski", "Brown", "Tanaka", "Olsen", "Haddad", "Fitzgerald", "Mensah", "Rossi", "Dubois",
      "Chen", "Patel", "Andersson", "O'Neill", "Silva", "Novak", "Ibrahim", "Lindqvist", "Moreau",
      "Kaur", "Walker", "Yilmaz", "Costa", "Jensen", "Khan", "Murphy");
  static final List<String> GIVEN = List.of("Anna", "James", "Chidi", "Mai", "Lucia", "Tomasz",
      "Sarah", "Kenji", "Ingrid", "Omar", "Siobhan", "Kwame", "Giulia", "Claire", "Wei", "Priya",
      "Erik", "Liam", "Beatriz", "Pavel", "Amina", "Johan", "Louis", "Harpreet", "Emma", "Emre");
  static final List<String[]> JOURNALS = List.of(
      new String[] {"Psychiatric Rehabilitation Journal", "Psychiatr Rehabil J"},
      new String[] {"Journal of Mental Health", "J Ment Health"},
      new String[] {"Community Mental Health Journal", "Community Ment Health J"},
      new String[] {"Journal of Substance Abuse Treatment", "J Subst Abuse Treat"},
      new String[] {"BMC Health Services Research", "BMC Health Serv Res"},
      new String[] {"International Journal of Nursing Studies", "Int J Nurs Stud"},
      new String[] {"Diabetes Care", "Diabetes Care"},
      new String[] {"Journal of Advanced Nursing", "J Adv Nurs"});

  static <T> T pick(SplittableRandom r, List<T> list) {
    return list.get(r.nextInt(list.size()));
  }

  // the forms of words that the exports differ in

  static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static String titleCase(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      b.append(start ? Character.toUpperCase(c) : c);
      start = c == ' ';
    }
    return b.toString();
  }

  static String initials(String given) {
    return given.substring(0, 1).toUpperCase(Locale.ROOT);
  }
}
