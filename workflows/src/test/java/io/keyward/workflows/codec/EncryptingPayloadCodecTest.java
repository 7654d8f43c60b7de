package io.keyward.workflows.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EncryptingPayloadCodecTest {
  private static final String JUSTIFICATION = "batch encryption for the payroll export";

  private final InMemoryKeks keks = new InMemoryKeks().rotateTo("test:kek/one@1");
  private final EncryptingPayloadCodec codec = new EncryptingPayloadCodec(keks);

  @Test
  void encryptsThePayloadWholeAndDecodesItBack() {
    Payload plain = json(JUSTIFICATION);

    Payload encrypted = codec.encode(List.of(plain)).get(0);

    assertThat(EncryptingPayloadCodec.isEncrypted(encrypted)).isTrue();
    assertThat(new String(encrypted.toByteArray(), StandardCharsets.ISO_8859_1))
        .doesNotContain("payroll")
        .doesNotContain("json/plain");
    assertThat(encrypted.getMetadataOrThrow(EncryptingPayloadCodec.KEK_ID_KEY).toStringUtf8())
        .isEqualTo("test:kek/one@1");
    assertThat(codec.decode(List.of(encrypted))).containsExactly(plain);
  }

  @Test
  void wrapsOneDataKeyForManyPayloads() {
    for (int i = 0; i < 50; i++) {
      codec.encode(List.of(json("value " + i)));
    }

    assertThat(keks.wraps).isEqualTo(1);
  }

  @Test
  void decodesPayloadsOfARetiredKeyAfterRotation() {
    Payload old = codec.encode(List.of(json(JUSTIFICATION))).get(0);

    keks.rotateTo("test:kek/two@1");
    Payload fresh = codec.encode(List.of(json("after rotation"))).get(0);

    assertThat(fresh.getMetadataOrThrow(EncryptingPayloadCodec.KEK_ID_KEY).toStringUtf8())
        .isEqualTo("test:kek/two@1");
    EncryptingPayloadCodec restarted = new EncryptingPayloadCodec(keks);
    assertThat(restarted.decode(List.of(old, fresh)))
        .containsExactly(json(JUSTIFICATION), json("after rotation"));
  }

  @Test
  void failsLoudlyOnATamperedCiphertext() {
    Payload encrypted = codec.encode(List.of(json(JUSTIFICATION))).get(0);
    byte[] data = encrypted.getData().toByteArray();
    data[data.length - 20] ^= 1;
    Payload tampered = encrypted.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> codec.decode(List.of(tampered)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("fails its integrity check")
        .hasMessageNotContaining("payroll");
  }

  @Test
  void failsWhenThePayloadIsMovedUnderAnotherKeyId() {
    keks.rotateTo("test:kek/two@1");
    Payload encrypted = codec.encode(List.of(json(JUSTIFICATION))).get(0);
    Payload relabelled =
        encrypted.toBuilder()
            .putMetadata(
                EncryptingPayloadCodec.KEK_ID_KEY, ByteString.copyFromUtf8("test:kek/one@1"))
            .build();

    assertThatThrownBy(() -> codec.decode(List.of(relabelled)))
        .isInstanceOf(PayloadCodecException.class);
  }

  @Test
  void refusesAPayloadOfAKeyNoLongerKept() {
    Payload old = codec.encode(List.of(json(JUSTIFICATION))).get(0);
    keks.rotateTo("test:kek/two@1").forget("test:kek/one@1");

    assertThatThrownBy(() -> new EncryptingPayloadCodec(keks).decode(List.of(old)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("test:kek/one@1");
  }

  @Test
  void passesUnencryptedPayloadsThrough() {
    Payload plain = json(JUSTIFICATION);

    assertThat(codec.decode(List.of(plain))).containsExactly(plain);
  }

  @Test
  void theDataConverterRoundTripsValuesAndFailures() {
    DataConverter converter = KeywardDataConverter.with(codec);

    Optional<io.temporal.api.common.v1.Payloads> payloads =
        converter.toPayloads(new Object[] {JUSTIFICATION});

    assertThat(payloads.orElseThrow().toString()).doesNotContain("payroll");
    assertThat(converter.fromPayloads(0, payloads, String.class, String.class))
        .isEqualTo(JUSTIFICATION);
  }

  private static Payload json(String value) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow();
  }
}
