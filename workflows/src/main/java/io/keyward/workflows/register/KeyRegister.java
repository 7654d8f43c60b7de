package io.keyward.workflows.register;

import io.keyward.workflows.common.KeyRef;
import java.util.List;
import java.util.Optional;

/**
 * The key register: for each key the facts the runbook's rules read (classification, usage, owner),
 * its protection level, approved spec, state and version in use, with the ceremony that last
 * changed each fact and the history of every change. Opened with the other shared stores ({@link
 * io.keyward.workflows.stores.Stores#keyRegister}).
 *
 * <p>Contract for every implementation (the file store, a database):
 *
 * <ul>
 *   <li>Only ceremonies write: {@link #apply} is called by the register activity, never by the API,
 *       which only reads.
 *   <li>{@link #apply} is atomic and serialized per store: the entry and its history change
 *       together or not at all, and two writers never interleave. Compute the change with {@link
 *       RegisterEntries#apply}, which also makes it idempotent by change id.
 *   <li>History is append-only: a change, once stored, is never rewritten or removed.
 *   <li>Reads see every completed write, from any process that shares the store.
 * </ul>
 *
 * The database keeps two tables: one row per key (its entry, the last change id) and one row per
 * change ({@link RegisterChange}), written in one transaction.
 */
public interface KeyRegister {
  /** The key's entry; empty when no ceremony registered it. */
  Optional<RegisteredKey> find(KeyRef key);

  /** Every change of the key's facts, oldest first; empty for a key never registered. */
  List<RegisterChange> history(KeyRef key);

  /**
   * Applies one ceremony's update (see {@link RegisterUpdate}); an update already applied changes
   * nothing. Returns the entry as it is afterwards, empty when the key stays unregistered.
   *
   * @throws java.io.UncheckedIOException when the store cannot be read or written
   */
  Optional<RegisteredKey> apply(RegisterUpdate update);

  /** Every entry, keys in name order. */
  List<RegisteredKey> all();
}
