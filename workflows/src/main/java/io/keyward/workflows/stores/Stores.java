package io.keyward.workflows.stores;

import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.breakglass.AccessGrantStore;
import io.keyward.workflows.dependencies.DependencyMap;
import io.keyward.workflows.hsm.ProviderRateLimits;
import io.keyward.workflows.register.KeyRegister;
import io.keyward.workflows.signin.SignInFailures;
import io.keyward.workflows.signin.StartedSignIns;
import io.keyward.workflows.signin.WebSessions;
import io.keyward.workflows.webauthn.CredentialStore;
import io.keyward.workflows.webauthn.WebAuthnChallenges;

/**
 * The shared stores of one process, open on one database through one connection pool. Every API
 * replica and every worker opens its own on the same database, and sees what the others wrote at
 * once. The stores returned here are views: closing this closes them all.
 */
public interface Stores extends AutoCloseable {
  AuditStore audit();

  AccessGrantStore accessGrants();

  DependencyMap dependencyMap();

  /** The counts of failed sign-ins that throttle password guessing (see {@link SignInFailures}). */
  SignInFailures signInFailures();

  /** The signed-in sessions of the web pages (see {@link WebSessions}). */
  WebSessions webSessions();

  /** The OpenID Connect sign-ins not back from the identity provider yet. */
  StartedSignIns startedSignIns();

  /**
   * The key register: the worker's register activity writes it, the API only reads it (see {@link
   * KeyRegister} for the contract every implementation keeps).
   */
  KeyRegister keyRegister();

  /** People's WebAuthn credentials, which sign their ULTRA decisions. */
  CredentialStore credentials();

  /** The WebAuthn challenges handed out and not had back yet (see {@link WebAuthnChallenges}). */
  WebAuthnChallenges webAuthnChallenges();

  /**
   * The turns of rate-limited provider calls (key creations per vault), shared by every worker
   * process (see {@link ProviderRateLimits}).
   */
  ProviderRateLimits providerRateLimits();

  /**
   * Asks the database a question, for a health check.
   *
   * @throws IllegalStateException naming the database (never its password) when it does not answer
   */
  void check();

  @Override
  void close();
}
