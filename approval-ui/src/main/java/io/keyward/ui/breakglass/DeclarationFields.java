package io.keyward.ui.breakglass;

import io.keyward.api.breakglass.BreakGlassRequestBody;
import io.keyward.ui.pages.FormValues;
import java.util.Arrays;
import java.util.List;

/**
 * The break-glass declaration form as the person filled it in, kept as typed so a refused
 * declaration shows the form again unchanged; {@link #toBody} builds the very body {@code POST
 * /api/break-glass} takes. The scope is a vault or keys written {@code vault/name}, one per line or
 * separated by commas or spaces.
 */
record DeclarationFields(
    String incident,
    String vault,
    String keys,
    String reason,
    String durationMinutes,
    String admin) {

  static final DeclarationFields EMPTY = new DeclarationFields("", "", "", "", "", "");

  static DeclarationFields from(FormValues form) {
    return new DeclarationFields(
        form.text("incident"),
        form.text("vault"),
        form.text("keys"),
        form.text("reason"),
        form.text("durationMinutes"),
        form.text("admin"));
  }

  /** The API's body; throws {@link IllegalArgumentException} for a duration that is no number. */
  BreakGlassRequestBody toBody() {
    return new BreakGlassRequestBody(
        FormValues.optional(incident),
        FormValues.optional(vault),
        keyList(),
        reason,
        FormValues.number("duration in minutes", durationMinutes),
        FormValues.optional(admin));
  }

  private List<String> keyList() {
    return Arrays.stream(keys.split("[\\s,]+")).filter(key -> !key.isBlank()).toList();
  }
}
