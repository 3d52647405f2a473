/**
 * Screening: the eligibility criteria ({@link org.litsieve.screen.Eligibility}), Lucene keyword
 * screening and outcome tagging, one record at a time ({@link org.litsieve.screen.Screener}), and the Beam
 * transform {@link org.litsieve.screen.ScreenRecords}. Depends on {@code org.litsieve.rules} (the
 * query language) and {@code org.litsieve.model}.
 */
package org.litsieve.screen;
