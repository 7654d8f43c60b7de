package io.keyward.workflows.dependencies;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an entry of the dependency map must hold before it is stored: an application name, the
 * directory id of its owner, and a contact (an address or channel, never a credential); each
 * application once per key.
 */
public final class DependencyMapRules {
  /** More dependents than this on one key is a sign of a mistake, not of a real map. */
  public static final int MAX_DEPENDENTS = 200;

  public static final int MAX_TEXT = 256;

  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

  private DependencyMapRules() {}

  /**
   * Throws {@link IllegalArgumentException} naming the first entry that is wrong and how.
   *
   * @return the list itself, for chaining
   */
  public static List<KeyDependent> requireValid(List<KeyDependent> dependents) {
    if (dependents == null) {
      throw new IllegalArgumentException("a list of dependents is required (it may be empty)");
    }
    if (dependents.size() > MAX_DEPENDENTS) {
      throw new IllegalArgumentException(
          "at most " + MAX_DEPENDENTS + " dependents per key, was " + dependents.size());
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < dependents.size(); i++) {
      KeyDependent d = dependents.get(i);
      String at = "dependents[" + i + "]";
      if (d == null) {
        throw new IllegalArgumentException(at + " is empty");
      }
      requireText(d.application(), at + ".application", "the application's name");
      requireText(d.contact(), at + ".contact", "an address or channel to notify");
      if (d.owner() == null || !OWNER.matcher(d.owner()).matches()) {
        throw new IllegalArgumentException(
            at
                + ".owner must be the directory id of the application owner (letters, digits, . _ @ -)");
      }
      if (!seen.add(d.application().strip().toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(
            at + ".application: " + d.application() + " is listed twice");
      }
    }
    return dependents;
  }

  private static void requireText(String value, String field, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required: " + what);
    }
    if (value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          field + " must be at most " + MAX_TEXT + " characters, was " + value.length());
    }
  }
}
