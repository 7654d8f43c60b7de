package io.keyward.activities.stores;

import io.keyward.activities.directory.YamlDirectory;
import io.keyward.activities.evidence.EvidenceBundleVerifier;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.audit.HeldReceipt;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.incident.EvidenceVerifier;
import io.keyward.workflows.stores.StoreProvider;
import io.keyward.workflows.stores.StoreSettings;
import io.keyward.workflows.stores.Stores;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyward's stores: the audit trail, the grants, the dependency map and the counts of failed
 * sign-ins in one database over JDBC (PostgreSQL in production, the embedded H2 file in dev mode;
 * see {@link JdbcStores}), the directory as a YAML users file. Registered in {@code
 * META-INF/services}, so the API finds it on its class path.
 */
public final class JdbcStoreProvider implements StoreProvider {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStoreProvider.class);

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public Stores open(StoreSettings settings) {
    return JdbcStores.open(settings.database());
  }

  @Override
  public ChainVerification verifyAuditTrail(StoreSettings settings, List<HeldReceipt> receipts) {
    return JdbcStores.verifyAuditTrail(settings.database(), receipts);
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
