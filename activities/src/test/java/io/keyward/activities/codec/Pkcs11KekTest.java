package io.keyward.activities.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.activities.hsm.pkcs11.SoftHsm;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.codec.EncryptingPayloadCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key-encryption key in a real SoftHSM2 token, named through the providers file. */
class Pkcs11KekTest {
  @TempDir Path data;

  @Test
  void wrapsDataKeysInTheTokenAndDecodesAfterARestart() throws Exception {
    SoftHsm softHsm = SoftHsm.shared();
    Path pin = data.resolve("pin");
    Files.writeString(pin, softHsm.spare().pin());
    Path providersFile = data.resolve("providers.yml");
    Files.writeString(
        providersFile,
        """
        providers:
          - type: pkcs11
            name: codec-hsm
            library: %s
            tokenLabel: %s
            pinFile: %s
        """
            .formatted(SoftHsm.LIBRARY, SoftHsm.SPARE_TOKEN, pin));
    Map<String, String> environment = Map.of("KEYWARD_PROVIDERS_FILE", providersFile.toString());
    CodecSettings settings =
        new CodecSettings("codec-hsm:keyward/payloads", List.of(), data, false);
    Payload plain =
        DefaultDataConverter.STANDARD_INSTANCE.toPayload("held by the HSM").orElseThrow();

    Payload encrypted =
        new EncryptingPayloadCodec(new ProviderKeySource().open(settings, environment))
            .encode(List.of(plain))
            .get(0);

    assertThat(encrypted.getMetadataOrThrow(EncryptingPayloadCodec.KEK_ID_KEY).toStringUtf8())
        .startsWith("codec-hsm:keyward/payloads@");
    assertThat(
            new EncryptingPayloadCodec(new ProviderKeySource().open(settings, environment))
                .decode(List.of(encrypted)))
        .containsExactly(plain);
  }
}
