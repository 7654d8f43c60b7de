package io.keyward.workflows.lifecycle;

import io.keyward.workflows.common.KeyRef;
import java.time.Instant;

/**
 * A key found by the inventory with its version in use and when that expires ({@code null}: no
 * expiry set, which is out of policy in itself), with the classification and usage its tags name
 * ({@code null} when untagged).
 */
public record KeyExpiry(
    KeyRef key, String version, Instant expires, String classification, String usage) {}
