package io.keyward.workflows.stores;

import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.audit.HeldReceipt;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.incident.EvidenceVerifier;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens the stores behind the ports the API and the activities share (audit trail, access grants,
 * dependency map, failed sign-ins, directory) and the checks that read them. The API knows only
 * these interfaces; an implementation lives with the activities and is found on the class path
 * through {@link ServiceLoader} (a {@code
 * META-INF/services/io.keyward.workflows.stores.StoreProvider} file names it), so that the API does
 * not depend on any store's code. It must have a public no-argument constructor and keep no state
 * of its own: each {@code open} call opens new stores, which the caller owns.
 */
public interface StoreProvider {
  /** A short name for the log and for errors, e.g. {@code jdbc}. */
  String name();

  /**
   * Opens the shared stores on the database of {@code settings}, bringing its schema up to date
   * first; the caller closes them.
   *
   * @throws IllegalStateException when the database cannot be reached or migrated
   */
  Stores open(StoreSettings settings);

  /**
   * Walks the whole audit trail, checking every record's hash, link and authentication, and
   * compares it with each of {@code receipts}, so that a trail cut short of one, or holding another
   * record at its place, is reported with the receipt's holder. It changes nothing (no schema
   * migration, no key file), so it may run while others append.
   *
   * @param receipts the receipts the caller holds (given by hand, or asked of every ceremony), or
   *     none
   * @throws IllegalStateException when the trail cannot be read (no database, no audit table)
   */
  ChainVerification verifyAuditTrail(StoreSettings settings, List<HeldReceipt> receipts);

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
