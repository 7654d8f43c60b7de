package io.keyward.workflows.breakglass;

import io.keyward.workflows.common.KeyRef;

/**
 * A key in a break-glass scope as the assessment saw it.
 *
 * @param classification the classification that counts: the key register's, or the provider tag's
 *     where that is stricter; ULTRA for a key the register does not hold
 * @param rootCa whether the register or the provider tags say it is a root CA key
 * @param owner the accountable owner in the key register; null for a key the register does not hold
 * @param mismatch how the provider tags disagree with the register; null when they agree
 */
public record ScopedKey(
    KeyRef key, String classification, boolean rootCa, String owner, String mismatch) {}
