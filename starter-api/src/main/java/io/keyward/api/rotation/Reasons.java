package io.keyward.api.rotation;

/** The free-text reason of a decision, reschedule or cancellation: stripped, bounded. */
final class Reasons {
  static final int MAX = 2000;

  private Reasons() {}

  static String optional(String reason) {
    String text = reason == null || reason.isBlank() ? null : reason.strip();
    if (text != null && text.length() > MAX) {
      throw new IllegalArgumentException(
          "reason must be at most " + MAX + " characters, was " + text.length());
    }
    return text;
  }
}
