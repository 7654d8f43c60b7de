package io.keyward.api.logging;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.request.logging.layout.LogbackAccessRequestLayoutFactory;
import java.util.TimeZone;

/**
 * Dropwizard's own request-log line layout under the name {@code access-text}, so that the request
 * log follows the same switch as the application log: {@code layout: {type:
 * access-${KEYWARD_LOG_FORMAT:-text}}} gives the usual lines, or with {@code
 * KEYWARD_LOG_FORMAT=json} one JSON object per request (dropwizard-json-logging's {@code
 * access-json} layout).
 */
@JsonTypeName("access-text")
public final class AccessTextLayoutFactory implements DiscoverableLayoutFactory<IAccessEvent> {
  @Override
  public LayoutBase<IAccessEvent> build(LoggerContext context, TimeZone timeZone) {
    return new LogbackAccessRequestLayoutFactory().build(context, timeZone);
  }
}
