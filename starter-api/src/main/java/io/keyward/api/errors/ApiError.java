package io.keyward.api.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.keyward.workflows.policy.PolicyViolation;
import java.util.List;

/**
 * The body of every error the API answers: the HTTP status again and a sentence that says what is
 * wrong. {@code violations} lists each broken policy rule of a 422 and is absent otherwise. Never
 * carries a stack trace, a password or key material.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int code, String message, List<PolicyViolation> violations) {
  public ApiError(int code, String message) {
    this(code, message, List.of());
  }

  public ApiError {
    violations = violations == null ? List.of() : List.copyOf(violations);
  }
}
