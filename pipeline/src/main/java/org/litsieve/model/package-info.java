/**
 * Immutable values that cross stages: {@link org.litsieve.model.BibRecord} and its
 * {@link org.litsieve.model.Provenance}, {@link org.litsieve.model.Rejected} inputs,
 * {@link org.litsieve.model.FileReport}s, {@link org.litsieve.model.DuplicateLink}s, {@link org.litsieve.model.DuplicateCandidate}s and
 * {@link org.litsieve.model.ScreenedRecord}s, and the living review's
 * {@link org.litsieve.model.PreviousRecord}s, {@link org.litsieve.model.MatchEdge}s and
 * {@link org.litsieve.model.LivingRecord}s, each with a deterministic hand-written Beam coder
 * (no Java serialization); and {@link org.litsieve.model.CsvCells}, the spreadsheet-safe CSV cell
 * format every stage writes and reads; {@link org.litsieve.model.OutputFile}, the list of every
 * output file, and {@link org.litsieve.model.OutputSink}, through which every output file is opened
 * for writing; and {@link org.litsieve.model.PaperKeys}, the one normalisation of what identifies a
 * paper (DOI, PMID, title, surname, first page), shared by the deduplication and the living review.
 * This package imports nothing else from litsieve.
 */
package org.litsieve.model;
