package io.keyward.ui.rotation;

import io.keyward.api.rotation.RotationRequestBody;
import io.keyward.ui.pages.FormValues;

/**
 * The rotation plan form as the person filled it in, kept as typed so a refused plan shows the form
 * again unchanged; {@link #toBody} builds the very body {@code POST /api/rotations} takes.
 */
record RotationFields(
    String vault, String name, String rotationDate, String justification, String ticket) {

  /** An empty form, with the key filled in when the person came from that key's page. */
  static RotationFields forKey(String vault, String name) {
    return new RotationFields(orEmpty(vault), orEmpty(name), "", "", "");
  }

  static RotationFields from(FormValues form) {
    return new RotationFields(
        form.text("vault"),
        form.text("name"),
        form.text("rotationDate"),
        form.text("justification"),
        form.text("ticket"));
  }

  /** The API's body: who must approve follows from the key register, not from the form. */
  RotationRequestBody toBody() {
    return new RotationRequestBody(
        FormValues.optional(vault),
        FormValues.optional(name),
        FormValues.optional(rotationDate),
        justification,
        FormValues.optional(ticket));
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
