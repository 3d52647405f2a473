/**
 * Output: the row layouts of the CSV files ({@link org.litsieve.output.CsvRows}), the RIS export
 * ({@link org.litsieve.output.RisFormat}), the PRISMA counts ({@link org.litsieve.output.Prisma}),
 * file writing through Beam's FileSystems ({@link org.litsieve.output.OutputFiles}) and the Beam
 * transform {@link org.litsieve.output.WriteOutputs}. Depends only on {@code org.litsieve.model}.
 */
package org.litsieve.output;
