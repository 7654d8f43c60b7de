package io.keyward.ui.pages;

import static io.keyward.workflows.common.Role.APPLICATION_OWNER;
import static io.keyward.workflows.common.Role.BREAK_GLASS_ADMIN;
import static io.keyward.workflows.common.Role.CEO;
import static io.keyward.workflows.common.Role.CISO;
import static io.keyward.workflows.common.Role.CRYPTO_OFFICER;
import static io.keyward.workflows.common.Role.CTO;
import static io.keyward.workflows.common.Role.KEY_CUSTODIAN;
import static io.keyward.workflows.common.Role.SECURITY_AUDITOR;
import static io.keyward.workflows.common.Role.SECURITY_ENGINEER;
import static io.keyward.workflows.common.Role.SECURITY_OPERATIONS;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;

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
  BREAK_GLASS(
      "Break-glass",
      "/ui/break-glass",
      EnumSet.of(
          BREAK_GLASS_ADMIN,
          SECURITY_TEAM_LEAD,
          SECURITY_ENGINEER,
          SECURITY_OPERATIONS,
          APPLICATION_OWNER,
          CISO,
          CTO,
          CEO,
          SECURITY_AUDITOR)),
  INCIDENTS(
      "Incidents",
      "/ui/incidents",
      EnumSet.of(
          SECURITY_TEAM_LEAD,
          SECURITY_ENGINEER,
          SECURITY_OPERATIONS,
          CRYPTO_OFFICER,
          KEY_CUSTODIAN,
          CISO,
          CTO,
          CEO,
          SECURITY_AUDITOR));

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
