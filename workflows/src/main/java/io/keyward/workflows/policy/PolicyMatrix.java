package io.keyward.workflows.policy;

import static io.keyward.workflows.common.Role.CEO;
import static io.keyward.workflows.common.Role.CISO;
import static io.keyward.workflows.common.Role.CRYPTO_OFFICER;
import static io.keyward.workflows.common.Role.CTO;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;
import static io.keyward.workflows.common.Role.TEAM_LEAD;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The classification matrix of runbook 2.1 and 2.2 as data. */
public final class PolicyMatrix {
  private static final Map<Classification, ClassificationPolicy> POLICIES =
      new EnumMap<>(Classification.class);

  static {
    put(
        Classification.ULTRA,
        3,
        5,
        Set.of(CRYPTO_OFFICER, CISO, CTO, CEO),
        ProtectionLevel.DEDICATED_HSM,
        "ULTRA: minimum 3-person authorization (3 of 5 quorum) with executive approval;"
            + " generated in a Dedicated HSM, FIPS 140-2 Level 3 (runbook 2.2)");
    put(
        Classification.SECRET,
        2,
        3,
        Set.of(CRYPTO_OFFICER, SECURITY_TEAM_LEAD, CISO),
        ProtectionLevel.MANAGED_HSM,
        "SECRET: 2-person authorization (2 of 3 quorum); Managed HSM, FIPS 140-2 Level 2"
            + " (runbook 2.2)");
    put(
        Classification.CONFIDENTIAL,
        1,
        2,
        Set.of(CRYPTO_OFFICER, SECURITY_TEAM_LEAD),
        ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
        "CONFIDENTIAL: role-based approval by one crypto officer or security team lead;"
            + " Premium Key Vault with HSM backing (runbook 2.2)");
    put(
        Classification.RESTRICTED,
        1,
        3,
        Set.of(CRYPTO_OFFICER, SECURITY_TEAM_LEAD, TEAM_LEAD),
        ProtectionLevel.STANDARD_KEY_VAULT,
        "RESTRICTED: one approver; Standard Key Vault (runbook 2.1)");
    put(
        Classification.PUBLIC,
        1,
        3,
        Set.of(CRYPTO_OFFICER, SECURITY_TEAM_LEAD, TEAM_LEAD),
        ProtectionLevel.ANY,
        "PUBLIC: one approver; any compliant storage (runbook 2.1)");
  }

  private PolicyMatrix() {}

  public static ClassificationPolicy policyFor(Classification classification) {
    return POLICIES.get(classification);
  }

  private static void put(
      Classification c,
      int quorum,
      int pool,
      Set<io.keyward.workflows.common.Role> roles,
      ProtectionLevel protection,
      String rationale) {
    POLICIES.put(c, new ClassificationPolicy(c, quorum, pool, roles, protection, rationale));
  }
}
