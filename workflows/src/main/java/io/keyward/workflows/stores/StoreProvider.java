package io.keyward.workflows.stores;

import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.breakglass.AccessGrantStore;
import io.keyward.workflows.dependencies.DependencyMap;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.incident.EvidenceVerifier;
import io.keyward.workflows.register.KeyRegister;
import java.io.IOException;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens the stores behind the ports the API and the activities share (audit trail, access grants,
 * dependency map, key register, directory) and the checks that read them. The API knows only these
 * interfaces; an implementation lives with the activities and is found on the class path through
 * {@link ServiceLoader} (a {@code META-INF/services/io.keyward.workflows.stores.StoreProvider} file
 * names it), so that the API does not depend on any store's code. It must have a public no-argument
 * constructor and keep no state of its own: each {@code open} call opens a new store, which the
 * caller owns.
 */
public interface StoreProvider {
  /** A short name for the log and for errors, e.g. {@code files}. */
  String name();

  /** Opens (or creates) the audit trail; the caller closes it. */
  AuditStore openAuditStore(StoreSettings settings);

  /**
   * Walks the whole audit trail without opening it for appends, so it creates and writes nothing
   * and may run while others append.
   *
   * @throws IOException when the trail cannot be read (e.g. {@link
   *     java.nio.file.NoSuchFileException} for a trail that does not exist)
   */
  ChainVerification verifyAuditTrail(StoreSettings settings) throws IOException;

  /** Opens the store of break-glass grants the worker writes and the API reads. */
  AccessGrantStore openAccessGrantStore(StoreSettings settings);

  /** Opens the dependency map the worker reads and the API edits. */
  DependencyMap openDependencyMap(StoreSettings settings);

  /**
   * Opens the key register: the worker's register activity writes it, the API only reads it (see
   * {@link KeyRegister} for the contract every implementation keeps).
   */
  KeyRegister openKeyRegister(StoreSettings settings);

  /**
   * Loads the directory and checks it whole; a malformed directory is refused here, at start.
   *
   * @throws IllegalArgumentException naming what is wrong with the directory
   */
  Directory openDirectory(StoreSettings settings);

  /** Checks sealed evidence bundles against {@code audit}. */
  EvidenceVerifier evidenceVerifier(AuditStore audit);

  /**
   * The one provider on the class path of this interface's loader.
   *
   * @throws IllegalStateException when there is none (the activities module is not on the class
   *     path) or more than one
   */
  static StoreProvider onClassPath() {
    List<StoreProvider> found =
        ServiceLoader.load(StoreProvider.class, StoreProvider.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    if (found.isEmpty()) {
      throw new IllegalStateException(
          "no "
              + StoreProvider.class.getName()
              + " on the class path: Keyward's stores come with keyward-activities, which must be"
              + " on the class path at run time");
    }
    if (found.size() > 1) {
      throw new IllegalStateException(
          "more than one "
              + StoreProvider.class.getName()
              + " on the class path ("
              + found.stream().map(StoreProvider::name).toList()
              + "): keep one");
    }
    return found.get(0);
  }
}
