package io.keyward.workflows.testing;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.webauthn.AcceptedCredential;
import io.keyward.workflows.webauthn.CredentialState;
import io.keyward.workflows.webauthn.DecisionAssertion;
import io.keyward.workflows.webauthn.DecisionChallenge;
import io.keyward.workflows.webauthn.PersonCredential;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * People's security keys in a workflow test: each person enrolled gets a {@link
 * SoftwareAuthenticator} whose credential the {@link InMemoryCredentials} hold ACTIVE, and signs
 * the decision a running workflow expects at a step.
 */
public final class PeopleKeys {
  private final InMemoryCredentials credentials = new InMemoryCredentials();
  private final Map<String, SoftwareAuthenticator> keys = new HashMap<>();

  /** Gives each of {@code people} a key and enrols it. */
  public PeopleKeys enrol(Actor... people) {
    for (Actor person : people) {
      SoftwareAuthenticator key = SoftwareAuthenticator.of(person.id());
      keys.put(person.id(), key);
      credentials.enrol(key);
    }
    return this;
  }

  /** The credentials store the workers' activities read. */
  public InMemoryCredentials credentials() {
    return credentials;
  }

  public SoftwareAuthenticator of(Actor person) {
    return keys.get(person.id());
  }

  /**
   * {@code who}'s key signing the decision at {@code step} of the run of {@code workflowId} now
   * running, with {@code reason}.
   */
  public DecisionAssertion sign(
      WorkflowClient client, Actor who, String workflowId, String step, String reason) {
    return of(who).sign(workflowId, runIdOf(client, workflowId), step, reason);
  }

  /** {@code who}'s key signing a decision of {@code decision} at the phase {@code phase}. */
  public DecisionAssertion sign(
      WorkflowClient client,
      Actor who,
      String workflowId,
      String decision,
      String phase,
      String reason) {
    return sign(client, who, workflowId, DecisionChallenge.step(decision, phase), reason);
  }

  /** The credential of a key as the store keeps it, for re-verifying audited assertions. */
  public Optional<PersonCredential> stored(String credentialId) {
    return keys.values().stream()
        .filter(k -> k.credentialId().equals(credentialId))
        .findFirst()
        .map(
            k -> {
              AcceptedCredential c = k.credential();
              return new PersonCredential(
                  c.personId(),
                  c.credentialId(),
                  c.publicKey(),
                  0,
                  CredentialState.ACTIVE,
                  c.rpId(),
                  c.origin(),
                  Instant.EPOCH,
                  null,
                  null,
                  null,
                  null);
            });
  }

  public static String runIdOf(WorkflowClient client, String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
  }
}
