package io.keyward.ui.inbox;

import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.WaitingStep;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a run's visibility record says of its open step, as a listing returns it: the phase, the
 * roles awaited, the key and classification (search attributes) and the {@link WaitingStep} of its
 * memo. Enough for an inbox row without asking the run.
 */
public record PublishedStep(
    String phase,
    Set<Role> awaitingRoles,
    String keyName,
    String classification,
    WaitingStep step) {

  /**
   * Empty when the run publishes no {@link WaitingStep} (started before it did) or its memo cannot
   * be read here (a codec key this replica lacks): the inbox then asks the run.
   */
  static Optional<PublishedStep> of(WorkflowExecutionMetadata run) {
    WaitingStep step;
    try {
      step = run.getMemo(WaitingStep.MEMO_KEY, WaitingStep.class, WaitingStep.class);
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
    if (step == null) {
      return Optional.empty();
    }
    SearchAttributes attributes = run.getTypedSearchAttributes();
    return Optional.of(
        new PublishedStep(
            attributes.get(KeywardSearchAttributes.PHASE),
            roles(attributes.get(KeywardSearchAttributes.AWAITING_ROLES)),
            attributes.get(KeywardSearchAttributes.KEY_NAME),
            attributes.get(KeywardSearchAttributes.CLASSIFICATION),
            step));
  }

  /** The roles named; a name this version does not know is no role. */
  private static Set<Role> roles(List<String> names) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (names != null) {
      for (String name : names) {
        try {
          roles.add(Role.valueOf(name));
        } catch (IllegalArgumentException unknown) {
          // a role of a newer version: nobody here holds it
        }
      }
    }
    return roles;
  }
}
