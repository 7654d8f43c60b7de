package io.keyward.workflows.notify;

import java.util.Objects;

/**
 * A message to people: what happened, how urgent, and a link to where they act on it. Text holds
 * identifiers and public facts only, never key material or secrets.
 *
 * @param topic which audience hears it (maps to a channel: compromise alerts go to the security
 *     incidents channel)
 * @param subject the workflow id it is about, so repeats can be recognised
 * @param action the answer readers may give from chat, or null when the notice asks none there
 *     (only told, or decided in Keyward's pages)
 */
public record Notification(
    NotificationTopic topic,
    Severity severity,
    String subject,
    String title,
    String text,
    String link,
    NoticeAction action) {
  public Notification {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
  }

  /** A notice that only tells. */
  public Notification(
      NotificationTopic topic,
      Severity severity,
      String subject,
      String title,
      String text,
      String link) {
    this(topic, severity, subject, title, text, link, null);
  }

  /** The same notice asking {@code answer} of its readers (null: asking nothing in chat). */
  public Notification asking(NoticeAction answer) {
    return new Notification(topic, severity, subject, title, text, link, answer);
  }

  /** How urgent a notification is. */
  public enum Severity {
    INFO,
    WARNING,
    CRITICAL
  }
}
