package io.keyward.ui.generation;

import io.keyward.api.generation.GenerationRequestBody;
import io.keyward.ui.pages.CeremonyStart;
import io.keyward.ui.pages.Choice;
import io.keyward.ui.pages.Layout;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.CryptoStandards;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import java.util.List;

/** What the key request form shows: the values as typed, the choices, and a refusal if any. */
public record GenerationFormView(
    Layout layout,
    String action,
    String problem,
    GenerationFields fields,
    List<Choice> classifications,
    List<Choice> types,
    List<Choice> curves,
    List<Choice> operations,
    List<Choice> usages,
    int maxJustification,
    int defaultValidityDays,
    int maxValidityDays) {

  static GenerationFormView of(Layout layout, GenerationFields fields, String problem) {
    return new GenerationFormView(
        layout,
        CeremonyStart.REQUEST_KEY.path(),
        problem,
        fields,
        Choice.of(Classification.class, fields.classification()),
        Choice.of(KeyType.class, fields.type()),
        Choice.of(EcCurve.class, fields.curve()),
        Choice.of(KeyOperation.class, fields.operations(), KeyOperation::name),
        Choice.of(KeyUsage.class, List.of(fields.usage()), KeyUsage::label),
        GenerationRequestBody.MAX_JUSTIFICATION,
        CryptoStandards.DEFAULT_VALIDITY_DAYS,
        CryptoStandards.MAX_VALIDITY_DAYS);
  }
}
