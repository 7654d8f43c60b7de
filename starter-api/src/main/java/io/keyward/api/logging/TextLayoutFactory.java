package io.keyward.api.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.logging.common.layout.DropwizardLayoutFactory;
import java.util.TimeZone;

/**
 * Dropwizard's own line layout under the name {@code text}, so that an appender's layout type can
 * be chosen by an environment variable: {@code layout: {type: ${KEYWARD_LOG_FORMAT:-text}}} gives
 * lines for people, or with {@code KEYWARD_LOG_FORMAT=json} one JSON object per event
 * (dropwizard-json-logging's {@code json} layout).
 */
@JsonTypeName("text")
public final class TextLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {
  @Override
  public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
    return new DropwizardLayoutFactory().build(context, timeZone);
  }
}
