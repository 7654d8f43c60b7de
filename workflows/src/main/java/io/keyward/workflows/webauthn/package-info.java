/**
 * People's WebAuthn credentials (security keys, passkeys) and the assertions with which they sign
 * ULTRA decisions: the store port, the activities, the challenge of a decision and its
 * verification, shared by every ceremony whose steps need them.
 */
package io.keyward.workflows.webauthn;
