package io.keyward.workflows.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.ProtectionLevel;

/**
 * Create a new version of {@code key}. {@code idempotencyKey} (workflow id and step) makes a
 * retried create return the version it already made instead of a second one.
 */
public record CreateKeyCommand(
    KeyRef key,
    KeySpec spec,
    ProtectionLevel protection,
    KeyAttributes attributes,
    String idempotencyKey) {}
