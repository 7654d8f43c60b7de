package io.keyward.dev;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every {@link Payload} a history event holds, wherever it sits (inputs, results, Update and Signal
 * arguments, memo, headers, search attributes, failure details), found by walking the event's
 * protobuf fields rather than by a list of the fields known today.
 */
final class HistoryPayloads {
  private HistoryPayloads() {}

  /**
   * A payload and the path of fields it was found under, map keys in brackets, e.g. {@code
   * memo.fields[KeywardSummary]}.
   */
  record Found(long eventId, String path, Payload payload) {
    boolean under(String field) {
      return path.equals(field)
          || path.startsWith(field + ".")
          || path.startsWith(field + "[")
          || path.contains("." + field + ".")
          || path.contains("." + field + "[");
    }
  }

  static List<Found> in(HistoryEvent event) {
    List<Found> found = new ArrayList<>();
    walk(event.getEventId(), "", event, found);
    return found;
  }

  private static void walk(long eventId, String path, Message message, List<Found> found) {
    if (message instanceof Payload payload) {
      found.add(new Found(eventId, path, payload));
      return;
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      String at = path.isEmpty() ? field.getKey().getName() : path + "." + field.getKey().getName();
      if (field.getKey().isMapField()) {
        for (Object element : (List<?>) field.getValue()) {
          Message entry = (Message) element;
          Object key = entry.getField(entry.getDescriptorForType().findFieldByName("key"));
          Object value = entry.getField(entry.getDescriptorForType().findFieldByName("value"));
          if (value instanceof Message inner) {
            walk(eventId, at + "[" + key + "]", inner, found);
          }
        }
      } else if (field.getKey().isRepeated()) {
        for (Object element : (List<?>) field.getValue()) {
          walk(eventId, at, (Message) element, found);
        }
      } else {
        walk(eventId, at, (Message) field.getValue(), found);
      }
    }
  }
}
