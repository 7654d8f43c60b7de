package io.keyward.api.incident;

/** Checks the free-text fields of request bodies: stripped, bounded, required or not. */
public final class FreeText {
  private FreeText() {}

  /** The stripped text; throws (a 400) when it is missing or longer than {@code max}. */
  public static String required(String field, String value, int max) {
    String text = optional(field, value, max);
    if (text == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return text;
  }

  /** The stripped text, null when blank; throws (a 400) when longer than {@code max}. */
  public static String optional(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    if (text.length() > max) {
      throw new IllegalArgumentException(
          field + " must be at most " + max + " characters, was " + text.length());
    }
    return text;
  }
}
