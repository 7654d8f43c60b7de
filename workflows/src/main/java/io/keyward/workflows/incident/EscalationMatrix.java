package io.keyward.workflows.incident;

import static io.keyward.workflows.common.Role.APPLICATION_OWNER;
import static io.keyward.workflows.common.Role.CISO;
import static io.keyward.workflows.common.Role.CTO;
import static io.keyward.workflows.common.Role.KEY_CUSTODIAN;
import static io.keyward.workflows.common.Role.SECURITY_ENGINEER;
import static io.keyward.workflows.common.Role.SECURITY_OPERATIONS;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;
import static io.keyward.workflows.common.Role.TEAM_LEAD;

import io.keyward.workflows.common.Role;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The escalation matrix of runbook 17.2 as data. The runbook's "Security Operations Manager" is
 * whoever holds {@link Role#SECURITY_OPERATIONS}, its "Team Manager" whoever holds {@link
 * Role#TEAM_LEAD}; "Application Team" and "Service Owner" are application owners.
 */
public final class EscalationMatrix {
  /**
   * Who may always acknowledge an incident, whatever its severity: the security responders of
   * runbook 11 and 17.1.
   */
  public static final Set<Role> INCIDENT_RESPONDERS =
      Set.of(SECURITY_OPERATIONS, SECURITY_ENGINEER, SECURITY_TEAM_LEAD, CISO);

  private static final Map<Severity, EscalationRule> RULES = new EnumMap<>(Severity.class);

  static {
    put(
        Severity.P1,
        "Security Operations",
        Set.of(SECURITY_OPERATIONS),
        Duration.ofMinutes(15),
        "CISO + CTO",
        Set.of(CISO, CTO));
    put(
        Severity.P2,
        "Key Custodian Team",
        Set.of(KEY_CUSTODIAN),
        Duration.ofHours(1),
        "Security Operations Manager",
        Set.of(SECURITY_OPERATIONS));
    put(
        Severity.P3,
        "Application Team",
        Set.of(APPLICATION_OWNER),
        Duration.ofHours(4),
        "Security Team Lead",
        Set.of(SECURITY_TEAM_LEAD));
    put(
        Severity.P4,
        "Service Owner",
        Set.of(APPLICATION_OWNER),
        Duration.ofHours(24),
        "Team Manager",
        Set.of(TEAM_LEAD));
  }

  private EscalationMatrix() {}

  public static EscalationRule ruleFor(Severity severity) {
    EscalationRule rule = RULES.get(severity);
    if (rule == null) {
      throw new IllegalArgumentException("no escalation rule for severity " + severity);
    }
    return rule;
  }

  /**
   * Who may acknowledge an incident of this severity: its first responders, its escalation target
   * and the {@link #INCIDENT_RESPONDERS}.
   */
  public static Set<Role> acknowledgers(Severity severity) {
    EscalationRule rule = ruleFor(severity);
    Set<Role> roles = EnumSet.copyOf(INCIDENT_RESPONDERS);
    roles.addAll(rule.initialResponders());
    roles.addAll(rule.escalationRoles());
    return Set.copyOf(roles);
  }

  private static void put(
      Severity severity,
      String initial,
      Set<Role> responders,
      Duration after,
      String target,
      Set<Role> targets) {
    RULES.put(severity, new EscalationRule(severity, initial, responders, after, target, targets));
  }
}
