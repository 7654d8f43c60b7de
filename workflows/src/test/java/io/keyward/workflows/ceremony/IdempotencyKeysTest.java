package io.keyward.workflows.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A side effect's key names the workflow, the run and the step, so only a retry shares it. */
class IdempotencyKeysTest {
  @Test
  void aKeyIsWorkflowRunAndStep() {
    assertThat(IdempotencyKeys.of("rotation/payments-kv/card-key", "run-1", "rotate"))
        .isEqualTo("rotation/payments-kv/card-key/run-1/rotate");
  }

  @Test
  void anotherRunOrStepGetsAnotherKey() {
    String first = IdempotencyKeys.of("lifecycle/v/k", "run-1", "rotate");

    assertThat(IdempotencyKeys.of("lifecycle/v/k", "run-2", "rotate")).isNotEqualTo(first);
    assertThat(IdempotencyKeys.of("lifecycle/v/k", "run-1", "evidence")).isNotEqualTo(first);
    assertThat(IdempotencyKeys.of("lifecycle/v/k", "run-1", "rotate")).isEqualTo(first);
  }

  @Test
  void refusesAStepThatCouldBeMistakenForAnotherKey() {
    assertThatThrownBy(() -> IdempotencyKeys.of("w", "r", "a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a/b");
    assertThatThrownBy(() -> IdempotencyKeys.of("w", "r", " "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
