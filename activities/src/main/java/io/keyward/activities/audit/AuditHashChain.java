package io.keyward.activities.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The canonical form and hashing of audit records, independent of where they are stored, so that
 * every store (the JSON-lines file today, a database tomorrow) builds and checks the same chain.
 *
 * <p>The canonical form of a record is one JSON object without whitespace whose fields appear in
 * this order: {@code sequence, eventId, subject, type, actor, at, details, previousHash, hash};
 * {@code at} is ISO-8601 in UTC ({@link Instant#toString()}), {@code details} has its keys sorted,
 * {@code actor} is {@code null} for events no person caused. The hash of a record is the lowercase
 * hex SHA-256 over the UTF-8 bytes of {@code previousHash + "\n" + canonical form without the hash
 * field}. The first record has sequence 1 and {@link #GENESIS_HASH} as its previous hash.
 *
 * <p>Hashes are recomputed from parsed values, so changing a value anywhere breaks the record's
 * hash, and rewriting that hash breaks the link of the next record. Removing records from the end
 * of the chain cannot be detected from the chain alone: compare the last hash with a receipt kept
 * elsewhere (the workflows keep theirs in their history).
 */
public final class AuditHashChain {
  /** The previous hash of the first record: 64 zeros. */
  public static final String GENESIS_HASH = "0".repeat(64);

  private static final HexFormat HEX = HexFormat.of();

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** Gives the event its place in the chain: sequence, link to the previous record and hash. */
  public AuditRecord seal(long sequence, AuditEvent event, String previousHash) {
    requireValid(event);
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
    }
    if (previousHash == null || previousHash.length() != 64) {
      throw new IllegalArgumentException("previous hash must be 64 hex characters");
    }
    AuditRecord unsealed = new AuditRecord(sequence, event, previousHash, null);
    return new AuditRecord(sequence, event, previousHash, hashOf(unsealed));
  }

  /** The hash the record must carry, recomputed from its content and its previous hash. */
  public String hashOf(AuditRecord record) {
    String body = write(Line.of(record, false));
    return sha256Hex(record.previousHash() + "\n" + body);
  }

  /** The lowercase hex SHA-256 of the text's UTF-8 bytes. */
  static String sha256Hex(String text) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HEX.formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  /** The stored form of a sealed record: its canonical JSON including the hash, one line. */
  public String toJson(AuditRecord record) {
    if (record.hash() == null) {
      throw new IllegalArgumentException("record #" + record.sequence() + " is not sealed");
    }
    return write(Line.of(record, true));
  }

  /**
   * Reads a record written by {@link #toJson}.
   *
   * @throws IllegalArgumentException when the text is not a complete record; the message says what
   *     is wrong
   */
  public AuditRecord fromJson(String json) {
    Line line;
    try {
      line = mapper.readValue(json, Line.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(describe(e), e);
    }
    if (line == null) {
      throw new IllegalArgumentException("empty line");
    }
    requirePresent(line.eventId(), "eventId");
    requirePresent(line.subject(), "subject");
    requirePresent(line.type(), "type");
    requirePresent(line.at(), "at");
    requirePresent(line.previousHash(), "previousHash");
    requirePresent(line.hash(), "hash");
    AuditEvent event =
        new AuditEvent(
            line.eventId(), line.subject(), line.type(), line.actor(), line.at(), line.details());
    return new AuditRecord(line.sequence(), event, line.previousHash(), line.hash());
  }

  /**
   * What is wrong with {@code record} as the successor of {@code previous} ({@code null} for the
   * first record), or empty when it belongs there.
   */
  public Optional<String> problemWith(AuditRecord previous, AuditRecord record) {
    long expectedSequence = previous == null ? 1 : previous.sequence() + 1;
    if (record.sequence() != expectedSequence) {
      return Optional.of(
          "sequence gap: expected record #"
              + expectedSequence
              + " but found #"
              + record.sequence());
    }
    if (!hashOf(record).equals(record.hash())) {
      return Optional.of("hash mismatch: the record's content does not match its hash");
    }
    String expectedPrevious = previous == null ? GENESIS_HASH : previous.hash();
    if (!expectedPrevious.equals(record.previousHash())) {
      return Optional.of(
          previous == null
              ? "broken link: the first record's previousHash is not the genesis hash"
              : "broken link: previousHash does not match the hash of record #"
                  + previous.sequence());
    }
    return Optional.empty();
  }

  /**
   * Rejects events the chain cannot hold: every event needs an id, a subject, a type and a time.
   */
  public static void requireValid(AuditEvent event) {
    if (event == null) {
      throw new IllegalArgumentException("audit event is missing");
    }
    requireText(event.eventId(), "eventId");
    requireText(event.subject(), "subject");
    requireText(event.type(), "type");
    if (event.at() == null) {
      throw new IllegalArgumentException("audit event " + event.eventId() + " has no time (at)");
    }
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("audit event needs a non-blank " + field);
    }
  }

  private static void requirePresent(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("field '" + field + "' is null");
    }
  }

  private String write(Line line) {
    try {
      return mapper.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit record cannot be written as JSON", e);
    }
  }

  private static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '" + unknown.getPropertyName() + "'";
    }
    if (e instanceof MismatchedInputException mismatch) {
      if (!mismatch.getPath().isEmpty()) {
        String field = mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName();
        if (field != null) {
          return "field '" + field + "' has the wrong type or form";
        }
      }
      return "not a complete record (" + mismatch.getOriginalMessage() + ")";
    }
    String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
    return "not valid JSON" + where;
  }

  /** The stored shape of a record; the hash is left out of the hashed form. */
  @JsonPropertyOrder({
    "sequence",
    "eventId",
    "subject",
    "type",
    "actor",
    "at",
    "details",
    "previousHash",
    "hash"
  })
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Line(
      long sequence,
      String eventId,
      String subject,
      String type,
      String actor,
      Instant at,
      TreeMap<String, String> details,
      String previousHash,
      @JsonInclude(JsonInclude.Include.NON_NULL) String hash) {

    static Line of(AuditRecord record, boolean withHash) {
      AuditEvent event = record.event();
      return new Line(
          record.sequence(),
          event.eventId(),
          event.subject(),
          event.type(),
          event.actor(),
          event.at(),
          new TreeMap<>(event.details()),
          record.previousHash(),
          withHash ? record.hash() : null);
    }
  }
}
