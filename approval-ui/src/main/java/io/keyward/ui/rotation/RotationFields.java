package io.keyward.ui.rotation;

import io.keyward.api.rotation.RotationRequestBody;
import io.keyward.ui.pages.FormValues;
import io.keyward.workflows.policy.KeyUsage;

/**
 * The rotation plan form as the person filled it in, kept as typed so a refused plan shows the form
 * again unchanged; {@link #toBody} builds the very body {@code POST /api/rotations} takes.
 */
record RotationFields(
    String vault,
    String name,
    String usage,
    String rotationDate,
    String justification,
    String ticket) {

  /** An empty form, with the key filled in when the person came from that key's page. */
  static RotationFields forKey(String vault, String name) {
    return new RotationFields(orEmpty(vault), orEmpty(name), "", "", "", "");
  }

  static RotationFields from(FormValues form) {
    return new RotationFields(
        form.text("vault"),
        form.text("name"),
        form.text("usage"),
        form.text("rotationDate"),
        form.text("justification"),
        form.text("ticket"));
  }

  /** The API's body; throws {@link IllegalArgumentException} for a usage no choice offers. */
  RotationRequestBody toBody() {
    return new RotationRequestBody(
        FormValues.optional(vault),
        FormValues.optional(name),
        FormValues.choice("usage", KeyUsage.class, usage),
        FormValues.optional(rotationDate),
        justification,
        FormValues.optional(ticket));
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
