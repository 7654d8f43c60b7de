package io.keyward.ui.pages;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The fields of a posted form as the person typed them, and their conversion into the values of the
 * API's request bodies. A blank field is absent ({@code null}), so the service says that it is
 * required in the same words as to an API client; a value that is not a number or not one of the
 * allowed names is refused here with a message that names the field and what is allowed.
 */
public final class FormValues {
  private final MultivaluedMap<String, String> fields;

  public FormValues(MultivaluedMap<String, String> fields) {
    this.fields = Objects.requireNonNull(fields, "fields");
  }

  /** The field's text as typed, or an empty string when it was not sent. */
  public String text(String name) {
    String value = fields.getFirst(name);
    return value == null ? "" : value;
  }

  /** Every non-blank value of a field sent several times, e.g. a group of check boxes. */
  public List<String> all(String name) {
    List<String> values = fields.get(name);
    return values == null ? List.of() : values.stream().filter(v -> !v.isBlank()).toList();
  }

  /** The stripped text, or null when blank. */
  public static String optional(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** The whole number in {@code text}, or null when blank. */
  public static Integer number(String field, String text) {
    String value = optional(text);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(
          field + " must be a whole number, was '" + shorten(value) + "'");
    }
  }

  /** The constant of {@code type} that {@code text} names (any case), or null when blank. */
  public static <E extends Enum<E>> E choice(String field, Class<E> type, String text) {
    String value = optional(text);
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException(
          field
              + ": '"
              + shorten(value)
              + "' is not one of "
              + Arrays.toString(type.getEnumConstants()));
    }
  }

  /**
   * The decision a request page's button posted: {@code whenMissing} when none was, "unknown
   * decision" for a value {@code type} does not have.
   */
  public static <E extends Enum<E>> E decision(Class<E> type, String text, String whenMissing) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(whenMissing);
    }
    try {
      return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException("unknown decision '" + shorten(text) + "'");
    }
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
