/**
 * Output: the row layouts of the CSV files ({@link org.litsieve.output.CsvRows}), the RIS export
 * ({@link org.litsieve.output.RisFormat}), the PRISMA counts ({@link org.litsieve.output.Prisma}),
 * file writing through Beam's FileSystems ({@link org.litsieve.output.OutputFiles}) and the Beam
 * transforms {@link org.litsieve.output.WriteOutputs} and {@link org.litsieve.output.WriteLiving}
 * (a living review's screened and living files from its decided records, not yet part of a run); and the reports the driver writes after the
 * pipeline ({@link org.litsieve.output.RunReports}): the PRISMA 2020 flow diagram
 * ({@link org.litsieve.output.PrismaSvg}) and its PRISMA2020-package CSV
 * ({@link org.litsieve.output.PrismaCsv}), BibTeX ({@link org.litsieve.output.BibtexFormat}),
 * tag frequencies ({@link org.litsieve.output.TagTable}) and {@code report.html}
 * ({@link org.litsieve.output.ReportHtml}), rendered with FreeMarker templates
 * ({@link org.litsieve.output.Templates}). Depends only on {@code org.litsieve.model}.
 */
package org.litsieve.output;
