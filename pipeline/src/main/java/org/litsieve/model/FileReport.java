package org.litsieve.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * The import report for one input file: what was detected and how many records it gave.
 *
 * @param sourceFile the input file
 * @param format the detected format id (e.g. {@code ris}, {@code medline}, {@code csv}), or
 *     {@code unknown}
 * @param encoding the detected character encoding, e.g. {@code UTF-8} or {@code UTF-8 (BOM)}
 * @param sha256 the SHA-256 of the file's bytes, in lower-case hex
 * @param bytes the file's size in bytes
 * @param records how many records were parsed
 * @param rejected how many inputs were rejected
 * @param warnings plain-language warnings, e.g. "12 records have no abstract"
 */
@DefaultCoder(FileReport.FileReportCoder.class)
public record FileReport(
    String sourceFile,
    String format,
    String encoding,
    String sha256,
    long bytes,
    long records,
    long rejected,
    List<String> warnings) {

  public FileReport {
    sourceFile = Codec.nonNull(sourceFile);
    format = Codec.nonNull(format);
    encoding = Codec.nonNull(encoding);
    sha256 = Codec.nonNull(sha256);
    warnings = Codec.copy(warnings);
  }

  /** Deterministic coder for {@link FileReport}. */
  public static final class FileReportCoder extends AtomicCoder<FileReport> {
    private static final FileReportCoder INSTANCE = new FileReportCoder();

    /** Lets {@code @DefaultCoder} find this coder for {@link FileReport}. */
    public static org.apache.beam.sdk.coders.CoderProvider getCoderProvider() {
      return org.apache.beam.sdk.coders.CoderProviders.forCoder(
          org.apache.beam.sdk.values.TypeDescriptor.of(FileReport.class), INSTANCE);
    }

    public static FileReportCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(FileReport f, OutputStream out) throws IOException {
      Codec.writeString(f.sourceFile, out);
      Codec.writeString(f.format, out);
      Codec.writeString(f.encoding, out);
      Codec.writeString(f.sha256, out);
      Codec.writeLong(f.bytes, out);
      Codec.writeLong(f.records, out);
      Codec.writeLong(f.rejected, out);
      Codec.writeStrings(f.warnings, out);
    }

    @Override
    public FileReport decode(InputStream in) throws IOException {
      return new FileReport(
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readString(in),
          Codec.readLong(in),
          Codec.readLong(in),
          Codec.readLong(in),
          Codec.readStrings(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
