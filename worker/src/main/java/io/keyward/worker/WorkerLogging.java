package io.keyward.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's log output on standard out: lines for people by default, one JSON object per event
 * with {@code KEYWARD_LOG_FORMAT=json} (logback's {@link JsonEncoder}) for a log pipeline. {@code
 * KEYWARD_LOG_LEVEL} sets the level (default INFO).
 */
public final class WorkerLogging {
  static final String PATTERN = "%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n";

  private WorkerLogging() {}

  public static void configure(Map<String, String> env) {
    String format = env.getOrDefault("KEYWARD_LOG_FORMAT", "text").strip();
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException("KEYWARD_LOG_FORMAT must be text or json, was " + format);
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setEncoder(encoder(format, context));
    console.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(env.getOrDefault("KEYWARD_LOG_LEVEL", "INFO"), Level.INFO));
    root.addAppender(console);
  }

  private static Encoder<ILoggingEvent> encoder(String format, LoggerContext context) {
    if (format.equals("json")) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(PATTERN);
    text.start();
    return text;
  }
}
