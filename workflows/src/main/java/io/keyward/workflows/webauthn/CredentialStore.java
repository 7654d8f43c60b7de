package io.keyward.workflows.webauthn;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * People's WebAuthn credentials in the shared database, seen by every API replica and worker.
 *
 * <p>Contract for an implementation:
 *
 * <ul>
 *   <li>A credential id is stored once: {@link #register} of an id already stored throws {@link
 *       IllegalArgumentException} and changes nothing.
 *   <li>States only move PENDING to ACTIVE, PENDING to REVOKED and ACTIVE to REVOKED; a call that
 *       would move otherwise answers false and changes nothing.
 *   <li>The sign counter only rises.
 * </ul>
 *
 * <p>It is one of the {@link io.keyward.workflows.stores.Stores}, which closes it.
 */
public interface CredentialStore {
  /** Stores a credential its person has just registered, PENDING. */
  void register(PersonCredential pending);

  Optional<PersonCredential> find(String credentialId);

  /** The credentials of one person, oldest first, in every state. */
  List<PersonCredential> ofPerson(String personId);

  /** Every credential in {@code state}, oldest first. */
  List<PersonCredential> inState(CredentialState state);

  /** PENDING to ACTIVE, approved by {@code approver}; false when it was not PENDING. */
  boolean activate(String credentialId, String approver, Instant at);

  /** PENDING or ACTIVE to REVOKED, by {@code by}; false when it was already revoked or unknown. */
  boolean revoke(String credentialId, String by, Instant at);

  /** Raises the highest signature counter seen to {@code count}; a lower count changes nothing. */
  void raiseSignCount(String credentialId, long count);
}
