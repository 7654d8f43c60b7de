package io.keyward.ui.generation;

import io.keyward.api.generation.GenerationRequestBody;
import io.keyward.api.generation.KeySpecBody;
import io.keyward.ui.pages.FormValues;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The key request form as the person filled it in, kept as typed so a refused request shows the
 * form again unchanged. {@link #toBody} builds the very body {@code POST /api/generations} takes;
 * the usage travels as the key's {@link KeyUsage#TAG} tag, where the ceremony reads it.
 */
record GenerationFields(
    String vault,
    String name,
    String classification,
    String type,
    String size,
    String curve,
    List<String> operations,
    String validityDays,
    String usage,
    String justification,
    String ticket) {

  static final GenerationFields EMPTY =
      new GenerationFields("", "", "", "", "", "", List.of(), "", "", "", "");

  static GenerationFields from(FormValues form) {
    return new GenerationFields(
        form.text("vault"),
        form.text("name"),
        form.text("classification"),
        form.text("type"),
        form.text("size"),
        form.text("curve"),
        form.all("operations"),
        form.text("validityDays"),
        form.text("usage"),
        form.text("justification"),
        form.text("ticket"));
  }

  /** The API's body; throws {@link IllegalArgumentException} for a value no choice offers. */
  GenerationRequestBody toBody() {
    Set<KeyOperation> chosen = new LinkedHashSet<>();
    for (String operation : operations) {
      chosen.add(FormValues.choice("operations", KeyOperation.class, operation));
    }
    KeyUsage keyUsage = FormValues.choice("usage", KeyUsage.class, usage);
    KeySpecBody spec =
        new KeySpecBody(
            FormValues.choice("key type", KeyType.class, type),
            FormValues.number("size", size),
            FormValues.choice("curve", EcCurve.class, curve),
            chosen,
            FormValues.number("validity in days", validityDays),
            keyUsage == null ? null : Map.of(KeyUsage.TAG, keyUsage.name()));
    return new GenerationRequestBody(
        FormValues.optional(vault),
        FormValues.optional(name),
        FormValues.choice("classification", Classification.class, classification),
        spec,
        justification,
        FormValues.optional(ticket));
  }
}
