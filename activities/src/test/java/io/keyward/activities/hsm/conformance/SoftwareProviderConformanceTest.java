package io.keyward.activities.hsm.conformance;

import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.ProtectionLevel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The provider contract, met by the software keystore. */
class SoftwareProviderConformanceTest extends KeyProviderConformance {
  @TempDir Path directory;
  private SoftwareKeyProvider provider;

  @BeforeEach
  void open() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    provider = new SoftwareKeyProvider(directory, MasterSecret.of(secret));
  }

  @Override
  protected KeyProvider provider() {
    return provider;
  }

  @Override
  protected String vault() {
    return "kv-software";
  }

  @Override
  protected ProtectionLevel requestedProtection() {
    return ProtectionLevel.STANDARD_KEY_VAULT;
  }

  @Override
  protected ProtectionLevel reportedProtection() {
    return ProtectionLevel.STANDARD_KEY_VAULT;
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
    return true;
  }
}
