package io.keyward.workflows.testing;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import java.util.Set;

/** The cast of the ceremony tests, with the roles of the demo directory. */
public final class People {
  public static final Actor ALICE = new Actor("alice", Set.of(Role.APPLICATION_OWNER));
  public static final Actor OLIVIA = new Actor("olivia", Set.of(Role.CRYPTO_OFFICER));
  public static final Actor OSCAR = new Actor("oscar", Set.of(Role.CRYPTO_OFFICER));
  public static final Actor LENA = new Actor("lena", Set.of(Role.SECURITY_TEAM_LEAD));
  public static final Actor CAROL = new Actor("carol", Set.of(Role.CISO));
  public static final Actor TOM = new Actor("tom", Set.of(Role.CTO));
  public static final Actor ERIN = new Actor("erin", Set.of(Role.CEO));
  public static final Actor KIM = new Actor("kim", Set.of(Role.KEY_CUSTODIAN));
  public static final Actor KAI = new Actor("kai", Set.of(Role.KEY_CUSTODIAN));
  public static final Actor SAM = new Actor("sam", Set.of(Role.SECURITY_ENGINEER));

  /** Holds two hats: may approve and may act as custodian, never both in one ceremony. */
  public static final Actor DANA =
      new Actor("dana", Set.of(Role.CRYPTO_OFFICER, Role.KEY_CUSTODIAN));

  private People() {}
}
