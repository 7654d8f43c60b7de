package io.keyward.activities.hsm.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The providers file (YAML, named by {@value #ENV}): which key providers a worker builds, in the
 * order they are asked for keys they hold.
 *
 * <pre>
 * providers:
 *   - type: software
 *   - type: pkcs11
 *     name: dedicated-hsm
 *     library: /opt/safenet/lunaclient/lib/libCryptoki2_64.so
 *     tokenLabel: keyward-ultra
 *     pinFile: /run/secrets/hsm-pin
 *   - type: azure-key-vault
 *     name: managed-hsm
 *     protection: MANAGED_HSM
 *     vaults:
 *       hsm-secret-001: https://hsm-secret-001.managedhsm.azure.net
 * </pre>
 *
 * A field that would hold a secret (a PIN, password, client secret, master secret) is refused with
 * a message naming the field: the file lives in the repository, secrets do not.
 */
public final class ProvidersFile {
  /** The environment variable naming the providers file. */
  public static final String ENV = "KEYWARD_PROVIDERS_FILE";

  private static final Set<String> SECRET_FIELDS =
      Set.of("pin", "password", "secret", "clientsecret", "mastersecret", "sopin", "token");
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .findAndRegisterModules()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ProvidersFile() {}

  /**
   * The entries of {@code file}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong in it
   */
  public static List<ProviderEntry> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("providers file " + file + " does not exist");
    }
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "providers file " + file + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    JsonNode providers = root == null ? null : root.get("providers");
    if (providers == null || !providers.isArray() || providers.isEmpty()) {
      throw new IllegalArgumentException(
          "providers file " + file + " must list at least one provider under 'providers:'");
    }
    List<ProviderEntry> entries = new ArrayList<>();
    int index = 0;
    for (JsonNode provider : providers) {
      index++;
      String where = "provider " + index + " in " + file;
      refuseSecrets(provider, where);
      try {
        entries.add(YAML.treeToValue(provider, ProviderEntry.class));
      } catch (UnrecognizedPropertyException e) {
        throw new IllegalArgumentException(
            where + " has an unknown field '" + e.getPropertyName() + "'");
      } catch (IOException e) {
        throw new IllegalArgumentException(where + " is malformed: " + firstLine(e.getMessage()));
      }
    }
    return List.copyOf(entries);
  }

  private static void refuseSecrets(JsonNode provider, String where) {
    Iterator<String> fields = provider.fieldNames();
    while (fields.hasNext()) {
      String field = fields.next();
      if (SECRET_FIELDS.contains(
          field.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""))) {
        throw new IllegalArgumentException(
            where
                + " holds '"
                + field
                + "': secrets are never written in the providers file; name an environment"
                + " variable (pinEnv) or a file (pinFile) instead");
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
