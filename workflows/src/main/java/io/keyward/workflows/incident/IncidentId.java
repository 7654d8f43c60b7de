package io.keyward.workflows.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * The id of an incident in the incident management system (runbook 8.3 "emergency declared via
 * incident management system", runbook 11 {@code $IncidentId}), e.g. {@code INC0012345}. Validates
 * itself so that it is safe as part of a workflow id ({@code breakglass/<id>}, {@code
 * compromise/<id>}) and of a URL path. Written in JSON as the bare string.
 */
public record IncidentId(@JsonValue String value) {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public IncidentId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "incident id must be 1-64 letters, digits, dots, dashes or underscores, starting with a"
              + " letter or digit, e.g. INC0012345: "
              + quote(value));
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
