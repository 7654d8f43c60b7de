package io.keyward.api.webauthn;

import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.directory.DirectoryUser;
import io.keyward.workflows.webauthn.CredentialState;
import io.keyward.workflows.webauthn.CredentialStore;
import io.keyward.workflows.webauthn.HeldCredentials;
import io.keyward.workflows.webauthn.PersonCredential;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The first security key of an installation. A lead's approval of a key is signed by the lead's own
 * key, so the first lead's key cannot be approved that way: an operator on a host that holds the
 * database's credentials activates it, recorded in the audit trail as {@code
 * CREDENTIAL_BOOTSTRAPPED}. Only a PENDING key (registered by its person through the API, which
 * verified its attestation) of a security team lead qualifies, and only while no security team lead
 * holds an ACTIVE key: from then on every key is approved by a lead with the lead's own key.
 *
 * <p>Whoever may run it can write the credentials table anyway; the rule makes the legitimate path
 * narrow and visible, it does not make the database writer less trusted.
 */
public final class SecurityKeyBootstrap {
  /** The audit event of a bootstrap. */
  public static final String EVENT = "CREDENTIAL_BOOTSTRAPPED";

  private final CredentialStore store;
  private final Directory directory;
  private final AuditStore audit;
  private final Clock clock;

  public SecurityKeyBootstrap(
      CredentialStore store, Directory directory, AuditStore audit, Clock clock) {
    this.store = store;
    this.directory = directory;
    this.audit = audit;
    this.clock = clock;
  }

  /** Thrown when the rule refuses a bootstrap; nothing changed. */
  public static final class RefusedException extends RuntimeException {
    RefusedException(String message) {
      super(message);
    }
  }

  /**
   * Activates the PENDING key {@code credentialId} of a security team lead, by {@code operator} (a
   * name the audit trail keeps); answers the key as stored. Refused when the rule says no.
   */
  public PersonCredential bootstrap(String credentialId, String operator) {
    if (operator == null || operator.isBlank()) {
      throw new RefusedException("name the operator who bootstraps the key");
    }
    PersonCredential key =
        store
            .find(credentialId)
            .orElseThrow(
                () ->
                    new RefusedException(
                        "no security key "
                            + HeldCredentials.shortId(credentialId)
                            + " in the credentials store: its person registers it first on "
                            + SecurityKeys.PAGE));
    if (key.state() != CredentialState.PENDING) {
      throw new RefusedException(
          "security key "
              + HeldCredentials.shortId(credentialId)
              + " is "
              + key.state()
              + ": only a key waiting for its enrolment is bootstrapped");
    }
    if (!isLead(key.personId())) {
      throw new RefusedException(
          key.personId()
              + " is not a security team lead: only a lead's first key is bootstrapped; other"
              + " keys are approved by a lead on "
              + SecurityKeys.PAGE);
    }
    List<String> leadsWithKeys =
        store.inState(CredentialState.ACTIVE).stream()
            .map(PersonCredential::personId)
            .filter(this::isLead)
            .distinct()
            .toList();
    if (!leadsWithKeys.isEmpty()) {
      throw new RefusedException(
          "a bootstrap is refused once a security team lead holds an approved key ("
              + String.join(", ", leadsWithKeys)
              + "): one of them approves this key on "
              + SecurityKeys.PAGE
              + " with their own key");
    }
    if (!store.activate(credentialId, "bootstrap by " + operator, clock.instant())) {
      throw new RefusedException(
          "security key " + HeldCredentials.shortId(credentialId) + " changed meanwhile");
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("person", key.personId());
    details.put("credentialId", credentialId);
    details.put("rule", "no security team lead held an approved key");
    audit.append(
        new AuditEvent(
            UUID.randomUUID().toString(),
            "security-key/" + credentialId,
            EVENT,
            operator,
            clock.instant(),
            details));
    return store.find(credentialId).orElseThrow();
  }

  private boolean isLead(String personId) {
    return directory
        .find(personId)
        .map(DirectoryUser::roles)
        .filter(roles -> roles.contains(Role.SECURITY_TEAM_LEAD))
        .isPresent();
  }
}
