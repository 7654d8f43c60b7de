package io.keyward.api.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import java.util.List;

/**
 * The body of Temporal's remote codec protocol: {@code {"payloads": [{"metadata": {...}, "data":
 * "<base64>"}]}}, the JSON form of {@link Payloads}, as Temporal Web and the CLI send it.
 */
final class PayloadsJson {
  private PayloadsJson() {}

  static List<Payload> parse(String body) {
    Payloads.Builder payloads = Payloads.newBuilder();
    try {
      JsonFormat.parser().merge(body == null ? "" : body, payloads);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IllegalArgumentException(
          "the body must be {\"payloads\": [...]} with base64 metadata and data");
    }
    return payloads.getPayloadsList();
  }

  static String print(List<Payload> payloads) {
    try {
      return JsonFormat.printer()
          .omittingInsignificantWhitespace()
          .print(Payloads.newBuilder().addAllPayloads(payloads).build());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("payloads cannot be written as JSON", e);
    }
  }
}
