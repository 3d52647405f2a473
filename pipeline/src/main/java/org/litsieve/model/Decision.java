package org.litsieve.model;

/** The outcome of screening one record. */
public enum Decision {
  /** Passed the eligibility criteria and every include block, and no exclude block matched. */
  INCLUDE,
  /** Inside the review band (for example all include blocks but one matched): a human decides. */
  REVIEW,
  /** Failed an eligibility criterion, matched an exclude block, or missed too many include blocks. */
  EXCLUDE;

  /** The lower-case name used in the output files. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
