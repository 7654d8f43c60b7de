package io.keyward.activities.stores;

import io.keyward.activities.access.JsonFileAccessGrantStore;
import io.keyward.activities.audit.JsonLinesAuditStore;
import io.keyward.activities.audit.VerifyAuditTrail;
import io.keyward.activities.dependencies.JsonFileDependencyMap;
import io.keyward.activities.directory.YamlDirectory;
import io.keyward.activities.evidence.EvidenceBundleVerifier;
import io.keyward.activities.register.JsonFileKeyRegister;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.breakglass.AccessGrantStore;
import io.keyward.workflows.dependencies.DependencyMap;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.incident.EvidenceVerifier;
import io.keyward.workflows.register.KeyRegister;
import io.keyward.workflows.stores.StoreProvider;
import io.keyward.workflows.stores.StoreSettings;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stores, as files in one data directory: the audit trail as JSON lines, the grants,
 * the dependency map and the key register as JSON files beside it (where the worker keeps them),
 * the directory as a YAML users file. Registered in {@code META-INF/services}, so the API finds it
 * on its class path.
 */
public final class FileStoreProvider implements StoreProvider {
  private static final Logger LOG = LoggerFactory.getLogger(FileStoreProvider.class);

  @Override
  public String name() {
    return "files";
  }

  @Override
  public AuditStore openAuditStore(StoreSettings settings) {
    return JsonLinesAuditStore.open(settings.auditFile());
  }

  @Override
  public ChainVerification verifyAuditTrail(StoreSettings settings) throws IOException {
    return VerifyAuditTrail.verify(settings.auditFile());
  }

  @Override
  public AccessGrantStore openAccessGrantStore(StoreSettings settings) {
    return JsonFileAccessGrantStore.open(
        settings.grantsFile() != null
            ? settings.grantsFile()
            : JsonFileAccessGrantStore.besideAuditTrail(settings.auditFile()));
  }

  @Override
  public DependencyMap openDependencyMap(StoreSettings settings) {
    return new JsonFileDependencyMap(JsonFileDependencyMap.besideAuditTrail(settings.auditFile()));
  }

  @Override
  public KeyRegister openKeyRegister(StoreSettings settings) {
    return JsonFileKeyRegister.open(JsonFileKeyRegister.besideAuditTrail(settings.auditFile()));
  }

  /**
   * The users file; without one, the demo users (whose passwords are public, with a warning) only
   * when the settings ask for them.
   *
   * @throws IllegalStateException when the settings name neither
   */
  @Override
  public Directory openDirectory(StoreSettings settings) {
    if (settings.usersFile() == null) {
      if (!settings.demoUsers()) {
        throw new IllegalStateException(
            "no users file: set directory.usersFile; the demo users (public passwords) are only"
                + " for a laptop, with directory.demoUsers: true");
      }
      LOG.warn(
          "directory.usersFile is not set: the DEMO users of {} are active, with publicly known"
              + " passwords; set directory.usersFile for any shared deployment",
          YamlDirectory.DEMO_USERS);
      return YamlDirectory.demo();
    }
    return YamlDirectory.load(settings.usersFile());
  }

  @Override
  public EvidenceVerifier evidenceVerifier(AuditStore audit) {
    return new EvidenceBundleVerifier(audit);
  }
}
