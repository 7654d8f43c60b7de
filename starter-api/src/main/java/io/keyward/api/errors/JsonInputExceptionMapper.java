package io.keyward.api.errors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Answers a request body that is not the JSON the API expects with a 400 that names the field and
 * what is wrong with it (malformed JSON, unknown field, a value of the wrong type or not one of the
 * allowed names), instead of a stack trace or a bare "unable to process JSON".
 */
public final class JsonInputExceptionMapper implements ExceptionMapper<JsonProcessingException> {
  @Override
  public Response toResponse(JsonProcessingException failure) {
    return KeywardExceptionMapper.json(new ApiError(400, describe(failure)));
  }

  static String describe(JsonProcessingException failure) {
    if (failure instanceof JsonParseException parse) {
      return "malformed JSON" + at(parse.getLocation()) + ": " + parse.getOriginalMessage();
    }
    if (!(failure instanceof JsonMappingException mapping)) {
      return "unreadable JSON: " + failure.getOriginalMessage();
    }
    String field = field(mapping);
    if (mapping instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '"
          + field
          + "'; known fields: "
          + unknown.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", "));
    }
    if (mapping instanceof InvalidFormatException invalid) {
      return field
          + ": "
          + quoted(invalid.getValue())
          + " is not "
          + describeType(invalid.getTargetType());
    }
    if (mapping instanceof ValueInstantiationException instantiation
        && instantiation.getCause() != null) {
      return field + ": " + instantiation.getCause().getMessage();
    }
    if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return (field.isEmpty() ? "body" : field)
          + ": expected "
          + describeType(mismatch.getTargetType());
    }
    return (field.isEmpty() ? "body" : field) + ": " + mapping.getOriginalMessage();
  }

  private static String field(JsonMappingException mapping) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : mapping.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describeType(Class<?> type) {
    if (type == null) {
      return "a valid value";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", ", "[", "]"));
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a JSON object";
    }
    return "a " + type.getSimpleName();
  }

  private static String quoted(Object value) {
    String text = String.valueOf(value);
    return "'" + (text.length() > 64 ? text.substring(0, 64) + "..." : text) + "'";
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 0
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
