package io.keyward.ui.pages;

import io.keyward.api.access.AccessRoles;
import io.keyward.workflows.common.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * The sections of the web pages and who may open them (runbook 4.2: auditors read everything;
 * incidents and break-glass belong to security and the executives who authorise them). A section a
 * person may not open is left out of their navigation and answers 403.
 */
public enum Area {
  INBOX("Inbox", "/ui/inbox", EnumSet.allOf(Role.class)),
  KEYS("Keys", "/ui/keys", EnumSet.allOf(Role.class)),
  BREAK_GLASS("Break-glass", "/ui/break-glass", AccessRoles.BREAK_GLASS_CONSOLE),
  INCIDENTS("Incidents", "/ui/incidents", AccessRoles.INCIDENT_RESPONDERS),
  SECURITY_KEYS("Security keys", "/ui/security-keys", EnumSet.allOf(Role.class));

  private final String label;
  private final String path;
  private final Set<Role> roles;

  Area(String label, String path, Set<Role> roles) {
    this.label = label;
    this.path = path;
    this.roles = roles;
  }

  public String label() {
    return label;
  }

  public String path() {
    return path;
  }

  public boolean openTo(Set<Role> held) {
    return held.stream().anyMatch(roles::contains);
  }
}
