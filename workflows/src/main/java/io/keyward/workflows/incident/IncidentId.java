package io.keyward.workflows.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * The id of an incident in the incident management system (runbook 8.3 "emergency declared via
 * incident management system", runbook 11 {@code $IncidentId}), e.g. {@code INC0012345}. Validates
 * itself so that it is safe as part of a workflow id ({@code breakglass/<id>}, {@code
 * compromise/<id>}) and of a URL path; {@code new} is reserved for the pages that start one.
 * Written in JSON as the bare string.
 */
public record IncidentId(@JsonValue String value) {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  /** The last path segment of the forms that start a break-glass session or a compromise report. */
  private static final String RESERVED = "new";

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public IncidentId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "incident id must be 1-64 letters, digits, dots, dashes or underscores, starting with a"
              + " letter or digit, e.g. INC0012345: "
              + quote(value));
    }
    if (value.equalsIgnoreCase(RESERVED)) {
      throw new IllegalArgumentException(
          "incident id 'new' is reserved: it names the pages that declare or report an incident");
    }
  }

  @Override
  public String toString() {
    return value;
  }

  private static String quote(String s) {
    return s == null ? "null" : "'" + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + "'";
  }
}
