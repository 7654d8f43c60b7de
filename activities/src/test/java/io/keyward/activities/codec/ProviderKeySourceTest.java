package io.keyward.activities.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.codec.EncryptingPayloadCodec;
import io.keyward.workflows.codec.KeyEncryptionKeys;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderKeySourceTest {
  @TempDir Path data;

  private final ProviderKeySource source = new ProviderKeySource();

  @Test
  void createsTheDevelopmentKeyInItsOwnSoftwareKeystoreOnFirstUse() throws Exception {
    KeyEncryptionKeys keys = source.open(dev("software:keyward/payloads"), Map.of());

    assertThat(keys.current().id()).startsWith("software:keyward/payloads@");
    assertThat(ProviderKeySource.softwareDirectory(data)).isDirectory();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("master-secret"))))
        .isEqualTo("rw-------");
    assertThat(source.open(dev("software:keyward/payloads"), Map.of()).current().id())
        .isEqualTo(keys.current().id());
  }

  @Test
  void aPayloadUnderARetiredKeyStillDecodes() {
    EncryptingPayloadCodec before =
        new EncryptingPayloadCodec(source.open(dev("software:keyward/payloads"), Map.of()));
    Payload old = before.encode(List.of(json("justification under the old key"))).get(0);

    EncryptingPayloadCodec after =
        new EncryptingPayloadCodec(
            source.open(
                new CodecSettings(
                    "software:keyward/payloads-2027",
                    List.of("software:keyward/payloads"),
                    data,
                    true),
                Map.of()));
    Payload fresh = after.encode(List.of(json("new"))).get(0);

    assertThat(fresh.getMetadataOrThrow(EncryptingPayloadCodec.KEK_ID_KEY).toStringUtf8())
        .startsWith("software:keyward/payloads-2027@");
    assertThat(after.decode(List.of(old))).containsExactly(json("justification under the old key"));
  }

  @Test
  void refusesAPayloadUnderAKeyThatIsNeitherCurrentNorRetired() {
    Payload old =
        new EncryptingPayloadCodec(source.open(dev("software:keyward/payloads"), Map.of()))
            .encode(List.of(json("x")))
            .get(0);

    EncryptingPayloadCodec other =
        new EncryptingPayloadCodec(source.open(dev("software:keyward/other"), Map.of()));

    assertThatThrownBy(() -> other.decode(List.of(old)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("neither the current key nor a retired one");
  }

  @Test
  void refusesAKeyOfAnUnconfiguredProvider() {
    assertThatThrownBy(() -> source.open(dev("pkcs11:keyward/payloads"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names provider 'pkcs11', which is not configured");
  }

  private CodecSettings dev(String kek) {
    return new CodecSettings(kek, List.of(), data, true);
  }

  private static Payload json(String value) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow();
  }
}
