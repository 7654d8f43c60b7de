package io.keyward.api.keys;

import io.keyward.workflows.register.RegisterChange;
import io.keyward.workflows.register.RegisteredKey;
import java.util.List;

/** {@code GET /api/keys/{vault}/{name}}: the key's facts and every change of them, oldest first. */
public record KeyRegisterView(RegisteredKey facts, List<RegisterChange> history) {}
