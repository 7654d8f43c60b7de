package io.keyward.workflows.notify;

import java.util.Objects;

/**
 * A message to people: what happened, how urgent, and a link to where they act on it. Text holds
 * identifiers and public facts only, never key material or secrets.
 *
 * @param topic which audience hears it (maps to a channel: compromise alerts go to the security
 *     incidents channel)
 * @param subject the workflow id it is about, so repeats can be recognised
 */
public record Notification(
    NotificationTopic topic,
    Severity severity,
    String subject,
    String title,
    String text,
    String link) {
  public Notification {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
  }

  /** How urgent a notification is. */
  public enum Severity {
    INFO,
    WARNING,
    CRITICAL
  }
}
