package io.keyward.workflows.codec;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opens the key-encryption keys that {@link CodecSettings} name, in their providers. The API knows
 * only this interface; the implementation lives with the key providers in the activities module and
 * is found through {@link ServiceLoader} ({@code
 * META-INF/services/io.keyward.workflows.codec.KeyEncryptionKeySource}).
 */
public interface KeyEncryptionKeySource {
  /**
   * The keys, the current one created in its provider when it does not exist yet.
   *
   * @param environment where secrets are (a master secret, a token's PIN)
   * @throws IllegalArgumentException when a key is malformed or its provider is not configured
   */
  KeyEncryptionKeys open(CodecSettings settings, Map<String, String> environment);

  /** The codec for {@code settings}, or empty when they turn encryption off. */
  default Optional<PayloadCodec> codec(CodecSettings settings, Map<String, String> environment) {
    if (!settings.encrypts()) {
      return Optional.empty();
    }
    return Optional.of(new EncryptingPayloadCodec(open(settings, environment)));
  }

  /** The data converter for {@code settings}: encrypting, or Temporal's default without a codec. */
  default DataConverter dataConverter(CodecSettings settings, Map<String, String> environment) {
    return codec(settings, environment)
        .map(KeywardDataConverter::with)
        .orElseGet(DefaultDataConverter::newDefaultInstance);
  }

  /**
   * The one source on the class path.
   *
   * @throws IllegalStateException when there is none (keyward-activities is not on the class path)
   *     or more than one
   */
  static KeyEncryptionKeySource onClassPath() {
    List<KeyEncryptionKeySource> found =
        ServiceLoader.load(
                KeyEncryptionKeySource.class, KeyEncryptionKeySource.class.getClassLoader())
            .stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    if (found.size() != 1) {
      throw new IllegalStateException(
          "expected one "
              + KeyEncryptionKeySource.class.getName()
              + " on the class path (it comes with keyward-activities), found "
              + found.size());
    }
    return found.get(0);
  }
}
