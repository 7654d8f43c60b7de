package io.keyward.ui.keys;

import java.time.Instant;

/**
 * A key Keyward manages, as the key list shows it: where it came from (the ceremony that registered
 * it), its classification, its versions and when it rotates next. {@code nextRotation} is null when
 * no rotation is planned for it.
 */
public record ManagedKey(
    String key,
    String classification,
    String spec,
    String versions,
    boolean enabled,
    Instant created,
    Instant expires,
    Instant nextRotation,
    String rotationNote,
    String owner,
    String href) {}
