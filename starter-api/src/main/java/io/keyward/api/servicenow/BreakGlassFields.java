package io.keyward.api.servicenow;

import io.keyward.api.breakglass.BreakGlassRequestBody;
import java.util.List;

/**
 * The {@code request} of a {@code break_glass} record: the scope (a {@code vault}, or {@code keys}
 * written {@code vault/name}), why, how many minutes (1-15) and the directory id of the break-glass
 * admin who gets the access. The incident is the record's number.
 */
record BreakGlassFields(
    String vault, List<String> keys, String reason, Integer durationMinutes, String admin) {
  BreakGlassRequestBody toBody(String incident) {
    return new BreakGlassRequestBody(incident, vault, keys, reason, durationMinutes, admin);
  }
}
