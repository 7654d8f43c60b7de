package io.keyward.activities.notify;

import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded notifier: writes each notification to the log under {@code keyward.notifications},
 * at WARN for warnings and ERROR for critical ones, so a dev deployment shows what people would be
 * told. Slack replaces it where configured.
 */
public final class LoggingNotifications implements NotificationActivities {
  private static final Logger LOG = LoggerFactory.getLogger("keyward.notifications");

  @Override
  public String send(Notification n) {
    String line = "[{}] {} ({}): {}{}";
    Object[] args = {
      n.topic(), n.title(), n.subject(), n.text(), n.link() == null ? "" : " " + n.link()
    };
    switch (n.severity()) {
      case CRITICAL -> LOG.error(line, args);
      case WARNING -> LOG.warn(line, args);
      default -> LOG.info(line, args);
    }
    return "log";
  }
}
