package io.keyward.bench;

/** Reading the values of the scale figures' options. */
final class ScaleOptions {
  private ScaleOptions() {}

  static String required(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  static int atLeast(int min, String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        option + " needs a number of at least " + min + ", was " + value);
  }
}
