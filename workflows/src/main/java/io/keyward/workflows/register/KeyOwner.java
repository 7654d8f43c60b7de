package io.keyward.workflows.register;

import java.util.regex.Pattern;

/**
 * Who owns a key: the application it serves and the accountable person, by directory id. The
 * accountable person is the owner the rules read (break-glass L1 approval, dependency-map edits);
 * the application is for people.
 */
public record KeyOwner(String application, String person) {
  public static final int MAX_APPLICATION = 128;

  private static final Pattern PERSON = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

  public KeyOwner {
    if (person == null || !PERSON.matcher(person).matches()) {
      throw new IllegalArgumentException(
          "owner.person must be the directory id of the accountable person (letters, digits,"
              + " . _ @ -)");
    }
    if (application != null) {
      application = application.strip();
      if (application.isEmpty()) {
        application = null;
      } else if (application.length() > MAX_APPLICATION) {
        throw new IllegalArgumentException(
            "owner.application must be at most " + MAX_APPLICATION + " characters");
      }
    }
  }

  /** e.g. {@code alice (payments)}. */
  public String describe() {
    return application == null ? person : person + " (" + application + ")";
  }
}
