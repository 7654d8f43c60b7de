package io.keyward.workflows.generation;

import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.common.WaitingStep;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.ClassificationPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/** The whole visible state of a generation ceremony, as its query returns it. */
public record GenerationState(
    GenerationRequest request,
    ClassificationPolicy policy,
    GenerationPhase phase,
    Set<Role> awaitingRoles,
    Instant stepDeadline,
    List<String> approvers,
    String custodian1,
    String custodian2,
    String securityValidator,
    KeyVersionInfo keyVersion,
    List<TimelineEntry> timeline,
    String outcomeReason) {

  /**
   * The open step as the inbox reads it: the requester, who took part (approvers, custodians,
   * security validator: the ceremony refuses each of them at every later step), when the step
   * opened and when it expires.
   */
  public WaitingStep waitingStep() {
    List<String> participants = new ArrayList<>(approvers);
    Stream.of(custodian1, custodian2, securityValidator)
        .filter(Objects::nonNull)
        .forEach(participants::add);
    Instant opened = stepDeadline == null ? null : stepDeadline.minus(request.stepTimeout());
    return new WaitingStep(request.requester().id(), participants, opened, stepDeadline);
  }
}
