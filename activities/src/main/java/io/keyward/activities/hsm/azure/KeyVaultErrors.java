package io.keyward.activities.hsm.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.activities.hsm.KeyAlreadyExistsException;
import io.keyward.activities.hsm.KeyOperationRefusedException;
import io.keyward.activities.hsm.ProviderThrottledException;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns Key Vault's error answers into Keyward's provider exceptions. The message names the key,
 * the status and Key Vault's error code and message, which never carry key material.
 *
 * <ul>
 *   <li>429: {@link ProviderThrottledException} with the service's Retry-After ({@value
 *       #DEFAULT_RETRY_AFTER_SECONDS} s when it names none), retried by Temporal;
 *   <li>400: {@link IllegalArgumentException}, a request Key Vault will never accept;
 *   <li>403: {@link KeyOperationRefusedException}: the identity lacks a role, or the key refuses
 *       the operation;
 *   <li>409: {@link KeyAlreadyExistsException}, unless the key is soft-deleted (see the provider);
 *   <li>anything else: {@link IllegalStateException}, retried under the activity's policy.
 * </ul>
 *
 * 404 is not handled here: whether it means "not found" or "deleted" takes a look at the vault's
 * deleted keys, which the provider does.
 */
final class KeyVaultErrors {
  static final long DEFAULT_RETRY_AFTER_SECONDS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyVaultErrors() {}

  static RuntimeException translate(HttpResponseException e, String what) {
    int status = status(e);
    String detail = "Key Vault answered " + status + " to " + what + errorDetail(e);
    return switch (status) {
      case 429 ->
          new ProviderThrottledException(
              "Key Vault is throttling requests (" + what + "); retry later",
              RetryAfter.from(
                      e.getResponse() == null ? null : e.getResponse().getHeaders(), Instant.now())
                  .orElse(Duration.ofSeconds(DEFAULT_RETRY_AFTER_SECONDS)));
      case 400 -> new IllegalArgumentException(detail);
      case 403 -> new KeyOperationRefusedException(detail);
      case 409 -> new KeyAlreadyExistsException(detail);
      default -> new IllegalStateException(detail, e);
    };
  }

  static int status(HttpResponseException e) {
    HttpResponse response = e.getResponse();
    return response == null ? -1 : response.getStatusCode();
  }

  /**
   * Key Vault's error code, inner error code and message, e.g. ": Conflict (ObjectIsDeleted...)".
   */
  static String errorDetail(HttpResponseException e) {
    JsonNode error = errorBody(e);
    if (error == null) {
      return "";
    }
    StringBuilder detail = new StringBuilder(": ").append(error.path("code").asText("error"));
    String inner = error.path("innererror").path("code").asText("");
    if (!inner.isEmpty()) {
      detail.append(" (").append(inner).append(')');
    }
    String message = error.path("message").asText("");
    if (!message.isEmpty()) {
      detail.append(": ").append(message);
    }
    return detail.toString();
  }

  /** True when Key Vault's answer says the object is deleted but recoverable. */
  static boolean saysDeleted(HttpResponseException e) {
    JsonNode error = errorBody(e);
    if (error == null) {
      return false;
    }
    String codes =
        error.path("code").asText("") + " " + error.path("innererror").path("code").asText("");
    return codes.contains("ObjectIsDeleted") || codes.contains("Deleted");
  }

  private static JsonNode errorBody(HttpResponseException e) {
    String message = e.getMessage();
    int start = message == null ? -1 : message.indexOf('{');
    if (start < 0) {
      return null;
    }
    try {
      JsonNode body = JSON.readTree(message.substring(start));
      JsonNode error = body.path("error");
      return error.isMissingNode() ? null : error;
    } catch (java.io.IOException | RuntimeException notJson) {
      return null;
    }
  }
}
