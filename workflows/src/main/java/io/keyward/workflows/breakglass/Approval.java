package io.keyward.workflows.breakglass;

import io.keyward.workflows.common.Role;
import java.time.Instant;

/** One approval a level needed, and who gave it in which role. */
public record Approval(Role role, String approver, Instant at) {}
