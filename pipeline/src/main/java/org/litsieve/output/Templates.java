package org.litsieve.output;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * The FreeMarker templates of litsieve's reports, loaded from the classpath folder
 * {@code org/litsieve/output/templates}. {@code .ftlh} templates escape every interpolation as
 * HTML and {@code .ftlx} templates as XML, so text from the records (titles with {@code <} or
 * {@code &}) can never break the markup. Numbers are written without grouping and the locale is
 * fixed, so the output does not depend on the machine.
 *
 * <p>Failure behaviour: a missing template or a template error is a bug, reported as
 * {@link IllegalStateException} with the template's name.
 */
public final class Templates {
  private static final Configuration CONFIG = configure();

  private Templates() {}

  private static Configuration configure() {
    Configuration c = new Configuration(Configuration.VERSION_2_3_35);
    c.setClassForTemplateLoading(Templates.class, "/org/litsieve/output/templates");
    c.setDefaultEncoding("UTF-8");
    c.setRecognizeStandardFileExtensions(true);
    c.setLocale(Locale.ROOT);
    c.setTimeZone(TimeZone.getTimeZone("UTC"));
    c.setNumberFormat("computer");
    c.setBooleanFormat("c");
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    return c;
  }

  /** Renders the template {@code name} with {@code model} as its data. */
  public static String render(String name, Map<String, ?> model) {
    try {
      StringWriter out = new StringWriter(1 << 16);
      CONFIG.getTemplate(name).process(model, out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
    }
  }
}
