package io.keyward.api.extension;

import io.dropwizard.core.setup.Environment;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Something served by Keyward's application beside the API, such as the approvers' web pages, found
 * on the class path through {@link ServiceLoader} (a {@code
 * META-INF/services/io.keyward.api.extension.KeywardExtension} file names the implementation), so
 * that the API does not depend on it. {@link #run} is called once, at the end of the application's
 * own {@code run}, with the services the API uses. An implementation must have a public no-argument
 * constructor and must not register anything under {@code /api}.
 */
public interface KeywardExtension {
  /** A short name for the log, e.g. {@code approval-ui}. */
  String name();

  /** Registers resources, servlets, filters or managed objects on the environment. */
  void run(KeywardServices services, Environment environment);

  /** Every extension on the class path of this class's loader, in the order found. */
  static List<KeywardExtension> onClassPath() {
    return ServiceLoader.load(KeywardExtension.class, KeywardExtension.class.getClassLoader())
        .stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }
}
