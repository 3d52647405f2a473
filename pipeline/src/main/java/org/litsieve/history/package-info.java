/**
 * Living reviews: a run's place in a series of runs. Plain Java over a run's CSV outputs (no Beam,
 * no other stage): {@link org.litsieve.history.PreviousRun} reads and validates an earlier output
 * folder, {@link org.litsieve.history.HumanDecisions} reads reviewers' decisions, checks them and
 * computes Cohen's kappa, {@link org.litsieve.history.KeyMatching} pairs records by their keys
 * (candidates resolved in one place), {@link org.litsieve.history.LivingDecision} decides one record
 * over typed values, and {@link org.litsieve.history.LivingUpdate} matches this run's records
 * to earlier ones, applies the decisions and writes {@code changes.csv}, {@code conflicts.csv},
 * {@code new-included.csv}, {@code new-review.csv}, {@code decisions.csv} and
 * {@code decision-problems.csv}. Re-screening carried-forward records after a rules change goes
 * through {@link org.litsieve.history.LivingUpdate.Rescreen}, which the driver implements with the
 * screening stage. See {@code docs/living-reviews.md}.
 */
package org.litsieve.history;
