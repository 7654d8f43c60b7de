package io.keyward.workflows.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;

/**
 * The data converter every Keyward client uses (API, worker, dev mode, benchmark): Temporal's
 * default JSON conversion, then the payload codec. Every client of one namespace must use the same
 * codec keys, or the worker cannot read what the API started.
 */
public final class KeywardDataConverter {
  private KeywardDataConverter() {}

  /**
   * Encodes every payload with {@code codec}, including failures' details ({@code
   * encodeFailureAttributes}: a failure message may quote a justification too).
   */
  public static DataConverter with(PayloadCodec codec) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), true);
  }
}
