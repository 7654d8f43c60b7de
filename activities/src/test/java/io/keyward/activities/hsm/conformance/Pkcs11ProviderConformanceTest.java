package io.keyward.activities.hsm.conformance;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.pkcs11.Pkcs11KeyProvider;
import io.keyward.activities.hsm.pkcs11.SoftHsm;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.ProtectionLevel;
import java.util.List;

/** The provider contract, met by a PKCS#11 token: a real SoftHSM2 token. */
class Pkcs11ProviderConformanceTest extends KeyProviderConformance {
  private static Pkcs11KeyProvider provider;

  @Override
  protected synchronized KeyProvider provider() {
    if (provider == null) {
      SoftHsm softHsm = SoftHsm.shared();
      provider = new Pkcs11KeyProvider(softHsm.settings("dedicated-hsm"), softHsm.main().userPin());
    }
    return provider;
  }

  @Override
  protected String vault() {
    return "hsm-conformance";
  }

  @Override
  protected ProtectionLevel requestedProtection() {
    return ProtectionLevel.DEDICATED_HSM;
  }

  @Override
  protected ProtectionLevel reportedProtection() {
    return ProtectionLevel.DEDICATED_HSM;
  }

  @Override
  protected List<KeySpec> supportedSpecs() {
    return Specs.all();
  }

  @Override
  protected List<KeySpec> unsupportedSpecs() {
    return Specs.outsideTheRunbook();
  }

  @Override
  protected boolean backupsRestoreUnderScratchNames() {
    return false;
  }
}
