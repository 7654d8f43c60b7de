package io.keyward.activities.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical text of an evidence bundle (compact JSON, properties and map keys in alphabetical
 * order, ISO-8601 times) and its seal: the SHA-256 of that text's UTF-8 bytes, in lower-case hex.
 */
final class EvidenceSeal {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private EvidenceSeal() {}

  static String canonicalJson(EvidenceBundle bundle) {
    try {
      return CANONICAL.writeValueAsString(bundle);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an evidence bundle always serializes", e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  static ObjectMapper mapper() {
    return CANONICAL;
  }
}
