package io.keyward.workflows.attestation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The one JSON form of a value that the API signs and a worker checks: Temporal's own Jackson
 * settings (so every field the payload carries is covered, including fields added later), with
 * properties and map keys in alphabetical order and the elements of sets sorted, so that the same
 * value gives the same bytes in every process.
 */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER = canonicalMapper();

  private CanonicalJson() {}

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write " + value.getClass().getSimpleName() + " as canonical JSON", e);
    }
  }

  /** The SHA-256 of the arguments' canonical JSON, base64url without padding. */
  public static String digest(Object[] arguments) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(bytes(arguments == null ? new Object[0] : arguments));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static ObjectMapper canonicalMapper() {
    SimpleModule sortedSets = new SimpleModule("keyward-sorted-sets");
    sortedSets.addSerializer(new SortedSetSerializer());
    // Temporal's JacksonJsonPayloadConverter.newDefaultObjectMapper(), in a fixed order.
    return JsonMapper.builder()
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addModule(sortedSets)
        .build();
  }

  /** Writes a set's elements in the order of their own canonical JSON. */
  @SuppressWarnings("rawtypes")
  private static final class SortedSetSerializer extends StdSerializer<Set> {
    SortedSetSerializer() {
      super(Set.class);
    }

    @Override
    public void serialize(Set value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      List<String> elements = new ArrayList<>();
      for (Object element : value) {
        elements.add(new String(bytesOf(element), StandardCharsets.UTF_8));
      }
      elements.sort(null);
      gen.writeStartArray();
      for (String element : elements) {
        gen.writeRawValue(element);
      }
      gen.writeEndArray();
    }

    private static byte[] bytesOf(Object element) {
      try {
        return MAPPER.writeValueAsBytes(element);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
