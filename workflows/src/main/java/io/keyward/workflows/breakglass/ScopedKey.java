package io.keyward.workflows.breakglass;

import io.keyward.workflows.common.KeyRef;

/**
 * A key in a break-glass scope as the assessment saw it: its classification tag (null when the key
 * carries none) and whether it is a root CA key.
 */
public record ScopedKey(KeyRef key, String classification, boolean rootCa) {}
