package io.keyward.workflows.register;

import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.KeyUsage;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Optional;

/**
 * A ceremony's reads and writes of the key register, through {@link KeyRegisterActivities}, with
 * change ids stable across retries and replays. Create in workflow code.
 */
public final class RegisterSteps {
  private final KeyRegisterActivities register =
      Workflow.newActivityStub(KeyRegisterActivities.class, RegisterActivityOptions.REGISTER);

  public Optional<RegisteredKey> find(KeyRef key) {
    return register.find(key).found();
  }

  /** The facts the rules read for {@code key} (see {@link KeyPolicy}). */
  public KeyPolicy policyOf(KeyRef key, KeyUsage usageWhenUnregistered) {
    return KeyPolicy.of(key, find(key), usageWhenUnregistered);
  }

  public List<RegisterLookup> findAll(List<KeyRef> keys) {
    return keys.isEmpty() ? List.of() : register.findAll(keys);
  }

  /** Applies {@code update}; build it with {@link #changeId} and {@link #ceremony}. */
  public Optional<RegisteredKey> apply(RegisterUpdate update) {
    return register.apply(update).found();
  }

  /** {@code <workflowId>/<runId>/register-<step>}: the same on every retry and replay. */
  public static String changeId(String step) {
    return IdempotencyKeys.forStep("register-" + step);
  }

  /** The running ceremony, as the facts it changes name it. */
  public static String ceremony() {
    return IdempotencyKeys.subject();
  }
}
