package io.keyward.workflows.register;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import java.time.Instant;
import java.util.Objects;

/**
 * What one ceremony step writes to the register: the facts it sets (null leaves a fact as it is),
 * the ceremony (workflow id), the person whose decision it carries out, and a change id stable
 * across retries and replays ({@code <workflowId>/<runId>/<step>}), so a retried write changes
 * nothing twice. An update of a key the register does not hold registers it only when it sets the
 * facts every entry needs ({@link #registers()}); otherwise it writes nothing.
 */
public record RegisterUpdate(
    KeyRef key,
    String changeId,
    String ceremony,
    String actor,
    Instant at,
    Classification classification,
    KeyUsage usage,
    KeyOwner owner,
    ProtectionLevel protection,
    KeySpec spec,
    KeyState state,
    String version) {
  public RegisterUpdate {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(ceremony, "ceremony");
    Objects.requireNonNull(at, "at");
  }

  /** True when the update holds every fact a new entry needs. */
  public boolean registers() {
    return classification != null
        && usage != null
        && owner != null
        && protection != null
        && state != null;
  }

  /** Sets the state only (and the version, when not null). */
  public static RegisterUpdate state(
      KeyRef key,
      String changeId,
      String ceremony,
      String actor,
      Instant at,
      KeyState state,
      String version) {
    return new RegisterUpdate(
        key, changeId, ceremony, actor, at, null, null, null, null, null, state, version);
  }

  /** Records the version in use, keeping every other fact. */
  public static RegisterUpdate version(
      KeyRef key, String changeId, String ceremony, String actor, Instant at, String version) {
    return new RegisterUpdate(
        key, changeId, ceremony, actor, at, null, null, null, null, null, null, version);
  }
}
