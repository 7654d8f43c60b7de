package io.keyward.activities.hsm.conformance;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.azure.KeyVaultStandIn;
import io.keyward.activities.hsm.azure.StandInProviders;
import io.keyward.activities.hsm.azure.StandInVaultKind;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.ProtectionLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The provider contract, met by a Premium Key Vault with HSM-backed keys (runbook 2.1: CONFIDENTIAL
 * keys) through the real Azure SDK client against the Key Vault stand-in.
 */
class AzurePremiumVaultConformanceTest extends KeyProviderConformance {
  private static final String VAULT = "kv-confidential-prod";
  private static KeyVaultStandIn standIn;
  private static KeyProvider provider;

  @BeforeAll
  static void start() {
    standIn = KeyVaultStandIn.start(StandInVaultKind.PREMIUM);
    // The suite creates keys faster than a vault allows; the limit has a test of its own.
    standIn.enforceCreateLimit(false);
    provider =
        StandInProviders.provider(
            standIn, "premium-vault", ProtectionLevel.PREMIUM_KEY_VAULT_HSM, VAULT);
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  @Override
  protected KeyProvider provider() {
    return provider;
  }

  @Override
  protected String vault() {
    return VAULT;
  }

  @Override
  protected ProtectionLevel requestedProtection() {
    return ProtectionLevel.PREMIUM_KEY_VAULT_HSM;
  }

  @Override
  protected ProtectionLevel reportedProtection() {
    return ProtectionLevel.PREMIUM_KEY_VAULT_HSM;
  }

  @Override
  protected List<KeySpec> supportedSpecs() {
    return List.of(
        Specs.rsa(2048),
        Specs.rsa(3072),
        Specs.rsa(4096),
        Specs.ec(EcCurve.P_256),
        Specs.ec(EcCurve.P_384),
        Specs.ec(EcCurve.P_521));
  }

  @Override
  protected List<KeySpec> unsupportedSpecs() {
    List<KeySpec> refused = new ArrayList<>(Specs.outsideTheRunbook());
    refused.add(Specs.aes(256));
    refused.add(Specs.hmac(256));
    return refused;
  }

  @Override
  protected boolean backupsRestoreUnderScratchNames() {
    return false;
  }
}
