/**
 * The whole flow: resolving input paths ({@link org.litsieve.pipeline.InputFiles}), wiring the
 * stages into one Beam pipeline ({@link org.litsieve.pipeline.ScreeningPipeline}), committing the
 * output folder atomically ({@link org.litsieve.pipeline.OutputCommit}), the living-review step
 * that joins the history and screening stages ({@link org.litsieve.pipeline.LivingStep}, with the
 * run's kept records in {@link org.litsieve.pipeline.RecordStore}; its graph half, not yet wired:
 * {@link org.litsieve.pipeline.MatchPrevious} and {@link org.litsieve.pipeline.DecideLiving}), the
 * run manifest, and
 * {@code inspect} ({@link org.litsieve.pipeline.Inspector}). The only package that knows every
 * stage; the CLI calls it and nothing below calls it.
 */
package org.litsieve.pipeline;
