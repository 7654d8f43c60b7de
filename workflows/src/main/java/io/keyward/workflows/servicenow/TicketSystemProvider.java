package io.keyward.workflows.servicenow;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens {@link TicketRecords} over a configured ServiceNow instance. The API knows only this
 * interface; the implementation lives with the activities and is found through {@link
 * ServiceLoader} (a {@code META-INF/services/io.keyward.workflows.servicenow.TicketSystemProvider}
 * file names it), as {@link io.keyward.workflows.stores.StoreProvider} is.
 */
public interface TicketSystemProvider {
  TicketRecords open(ServiceNowSettings settings);

  /**
   * The one provider on the class path.
   *
   * @throws IllegalStateException when there is none or more than one
   */
  static TicketSystemProvider onClassPath() {
    List<TicketSystemProvider> found =
        ServiceLoader.load(TicketSystemProvider.class, TicketSystemProvider.class.getClassLoader())
            .stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    if (found.size() != 1) {
      throw new IllegalStateException(
          (found.isEmpty() ? "no " : "more than one ")
              + TicketSystemProvider.class.getName()
              + " on the class path: it comes with keyward-activities, which must be on the"
              + " class path at run time");
    }
    return found.get(0);
  }
}
