/**
 * Reading database exports: one plain-Java {@link org.litsieve.ingest.ExportParser} per format,
 * content-based format detection ({@link org.litsieve.ingest.ExportFormats}), charset and line-end
 * handling ({@link org.litsieve.ingest.TextDecoding}), the whole-file reader shared by the CLI and
 * the pipeline ({@link org.litsieve.ingest.ExportReader}), the cutting of large files at record
 * starts ({@link org.litsieve.ingest.FileSplits}, with each format's
 * {@link org.litsieve.ingest.SplitPoints}), and the Beam transform
 * {@link org.litsieve.ingest.ReadExports}. Depends only on {@code org.litsieve.model}.
 */
package org.litsieve.ingest;
