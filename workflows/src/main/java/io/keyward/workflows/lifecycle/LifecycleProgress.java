package io.keyward.workflows.lifecycle;

import static io.keyward.workflows.ceremony.WorkflowClock.now;
import static io.keyward.workflows.common.KeywardSearchAttributes.CLASSIFICATION;
import static io.keyward.workflows.common.KeywardSearchAttributes.DUE_AT;
import static io.keyward.workflows.common.KeywardSearchAttributes.KEY_NAME;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;

import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.CeremonyVisibility;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * How a key's lifecycle shows what it does next: the phase and next action, published to Temporal
 * Web (search attributes, memo), the sleep until that action, and the expiry notices people get
 * whatever the rotation mode. Workflow code only.
 */
final class LifecycleProgress {
  private final KeyLifecycle lifecycle;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;

  LifecycleProgress(KeyLifecycle lifecycle, CeremonyRecord record, CeremonyNotifier notifier) {
    this.lifecycle = lifecycle;
    this.record = record;
    this.notifier = notifier;
  }

  /** Plans {@code action} at {@code at} in {@code phase}, and shows it. */
  void plan(LifecyclePhase phase, LifecycleAction action, Instant at) {
    lifecycle.plan(phase, action, at);
    publish();
  }

  /** Plans {@code action} at {@code at}, and sleeps until then. */
  void sleepUntil(Instant at, LifecyclePhase phase, LifecycleAction action) {
    plan(phase, action, at);
    Duration left = Duration.between(now(), at);
    if (left.compareTo(Duration.ZERO) > 0) {
      Workflow.sleep(left);
    }
  }

  /** Seven days before expiry (runbook 6.2); {@code state} says where the rotation stands. */
  void notifyExpiry(KeyVersionInfo version, Instant expires, String state) {
    notifier.send(
        LifecycleMessages.expiresSoon(
            lifecycle, version.version(), expires, state, IdempotencyKeys.subject()));
    record.audit(
        "EXPIRY_NOTIFIED",
        null,
        Map.of("version", version.version(), "expires", expires.toString()));
  }

  /** The version expired and nothing replaced it. */
  void alertExpired(KeyVersionInfo version, Instant expires, String state) {
    notifier.send(
        LifecycleMessages.expired(
            lifecycle, version.version(), expires, state, IdempotencyKeys.subject()));
  }

  /** The search attributes and memo of the lifecycle as it stands. */
  void publish() {
    LifecycleInput input = lifecycle.input();
    CeremonyVisibility.publish(
        LifecycleMessages.summary(lifecycle),
        List.of(
            SearchAttributeUpdate.valueSet(KIND, LifecycleStartOptions.KIND),
            SearchAttributeUpdate.valueSet(PHASE, lifecycle.phase().name()),
            SearchAttributeUpdate.valueSet(KEY_NAME, input.key().toString()),
            SearchAttributeUpdate.valueSet(CLASSIFICATION, lifecycle.classification().name()),
            lifecycle.nextActionAt() == null
                ? SearchAttributeUpdate.valueUnset(DUE_AT)
                : SearchAttributeUpdate.valueSet(
                    DUE_AT, lifecycle.nextActionAt().atOffset(ZoneOffset.UTC)),
            CeremonyVisibility.awaiting(lifecycle.awaitingRoles())));
  }
}
