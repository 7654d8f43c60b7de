package io.keyward.workflows.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload with AES-256-GCM (the JDK's provider) under a data key wrapped by a
 * key-encryption key. An encrypted payload's metadata says {@code encoding: binary/encrypted}, the
 * cipher, the id of the key-encryption key and the wrapped data key; its data is the 12-byte nonce
 * followed by the ciphertext and tag of the whole original payload (its metadata too, so not even
 * the original encoding shows). The id and the wrapped key are authenticated as associated data.
 *
 * <p>Decoding passes a payload without the encrypted encoding through unchanged, so histories
 * written before encryption was turned on still read. A payload that was altered, or whose key this
 * process does not keep, fails with a {@link PayloadCodecException} that names the key id only.
 */
public final class EncryptingPayloadCodec implements PayloadCodec {
  public static final ByteString ENCODING = ByteString.copyFromUtf8("binary/encrypted");
  public static final String CIPHER_KEY = "encryption-cipher";
  public static final ByteString CIPHER = ByteString.copyFromUtf8("AES-256-GCM/keyward-v1");
  public static final String KEK_ID_KEY = "encryption-key-id";
  public static final String WRAPPED_KEY_KEY = "encryption-wrapped-key";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final DataKeys dataKeys;
  private final SecureRandom random = new SecureRandom();

  /**
   * Makes and wraps the first data key at once, so the key-encryption key's provider is asked now
   * and not inside the first workflow task (which Temporal fails when its thread blocks for long).
   */
  public EncryptingPayloadCodec(KeyEncryptionKeys keks) {
    this(keks, Clock.systemUTC());
    dataKeys.forEncoding();
  }

  EncryptingPayloadCodec(KeyEncryptionKeys keks, Clock clock) {
    this.dataKeys = new DataKeys(Objects.requireNonNull(keks, "keks"), clock);
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  /** Whether {@code payload} is one this codec encrypted. */
  public static boolean isEncrypted(Payload payload) {
    return ENCODING.equals(payload.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY, null));
  }

  private Payload encrypt(Payload payload) {
    DataKeys.DataKey key = dataKeys.forEncoding();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    ByteString wrapped = ByteString.copyFrom(key.wrapped());
    byte[] sealed;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(key.kekId(), wrapped));
      sealed = cipher.doFinal(payload.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("payload encryption failed: " + e.getClass().getSimpleName());
    }
    return Payload.newBuilder()
        .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ENCODING)
        .putMetadata(CIPHER_KEY, CIPHER)
        .putMetadata(KEK_ID_KEY, ByteString.copyFromUtf8(key.kekId()))
        .putMetadata(WRAPPED_KEY_KEY, wrapped)
        .setData(
            ByteString.copyFrom(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).flip()))
        .build();
  }

  private Payload decrypt(Payload payload) {
    if (!isEncrypted(payload)) {
      return payload;
    }
    if (!CIPHER.equals(payload.getMetadataOrDefault(CIPHER_KEY, null))) {
      throw new PayloadCodecException(
          "encrypted payload has an unknown cipher: "
              + payload.getMetadataOrDefault(CIPHER_KEY, ByteString.EMPTY).toStringUtf8());
    }
    ByteString kekIdBytes = payload.getMetadataOrDefault(KEK_ID_KEY, null);
    ByteString wrapped = payload.getMetadataOrDefault(WRAPPED_KEY_KEY, null);
    byte[] data = payload.getData().toByteArray();
    if (kekIdBytes == null || wrapped == null || data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException(
          "encrypted payload is incomplete: no key id, no wrapped key or too short");
    }
    String kekId = kekIdBytes.toStringUtf8();
    SecretKey key;
    try {
      key = dataKeys.forDecoding(kekId, wrapped.toByteArray());
    } catch (UnknownKeyEncryptionKeyException e) {
      throw new PayloadCodecException(e.getMessage());
    } catch (RuntimeException e) {
      throw new PayloadCodecException(
          "the data key of a payload does not unwrap under key-encryption key "
              + kekId
              + ": the payload was altered or that key is not the one it names ("
              + e.getClass().getSimpleName()
              + ")");
    }
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData(kekId, wrapped));
      plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException(
          "an encrypted payload under key-encryption key "
              + kekId
              + " fails its integrity check: it was altered");
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("payload decryption failed: " + e.getClass().getSimpleName());
    }
    try {
      return Payload.parseFrom(plain);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException("a decrypted payload is not a Temporal payload");
    }
  }

  private static byte[] associatedData(String kekId, ByteString wrapped) {
    byte[] id = kekId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + id.length + wrapped.size())
        .putInt(id.length)
        .put(id)
        .put(wrapped.asReadOnlyByteBuffer())
        .array();
  }
}
