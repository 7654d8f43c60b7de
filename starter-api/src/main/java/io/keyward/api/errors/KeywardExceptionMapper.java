package io.keyward.api.errors;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.keyward.workflows.policy.PolicyViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure of a request into an {@link ApiError}: refusals with their own status, bad
 * values from the value objects ({@link IllegalArgumentException}) as 400, policy violations as 422
 * with each rule, JAX-RS errors (unknown path, wrong method) with their status, Temporal out of
 * reach as 503 so that clients retry, a body that its Content-Encoding cannot decode (invalid gzip)
 * as 400. Anything else is a 500 whose body only names an error id; the details go to the log under
 * that id.
 */
public final class KeywardExceptionMapper implements ExceptionMapper<RuntimeException> {
  private static final Logger LOG = LoggerFactory.getLogger(KeywardExceptionMapper.class);

  @Override
  public Response toResponse(RuntimeException failure) {
    Response response = json(errorFor(failure));
    if (failure instanceof ApiException refusal && refusal.retryAfter().isPresent()) {
      long seconds = Math.max(1, (refusal.retryAfter().get().toMillis() + 999) / 1000);
      response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
    return response;
  }

  static Response json(ApiError error) {
    return Response.status(error.code())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(error)
        .build();
  }

  private static ApiError errorFor(RuntimeException failure) {
    if (failure instanceof ApiException refusal) {
      return new ApiError(refusal.status(), refusal.getMessage());
    }
    if (failure instanceof PolicyViolationException violation) {
      return new ApiError(
          422, "the request breaks policy: " + violation.getMessage(), violation.violations());
    }
    if (failure instanceof IllegalArgumentException invalid) {
      return new ApiError(400, invalid.getMessage());
    }
    if (failure instanceof WebApplicationException web) {
      int status = web.getResponse().getStatus();
      return new ApiError(status, web.getMessage());
    }
    if (undecodableBody(failure)) {
      return new ApiError(
          400,
          "the request body is not what its Content-Encoding says (the compressed data is"
              + " invalid); nothing was changed");
    }
    if (temporalUnreachable(failure)) {
      LOG.warn("Temporal unreachable: {}", failure.toString());
      return new ApiError(
          503, "the ceremony engine (Temporal) does not answer; nothing was changed, try again");
    }
    String errorId = UUID.randomUUID().toString();
    LOG.error("request failed, error id {}", errorId, failure);
    return new ApiError(500, "internal error, id " + errorId);
  }

  /** Jetty's inflater fails the body's read with a wrapped ZipException, e.g. for bad gzip. */
  private static boolean undecodableBody(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ZipException) {
        return true;
      }
    }
    return false;
  }

  private static boolean temporalUnreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException grpc) {
        Status.Code code = grpc.getStatus().getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
      }
    }
    return false;
  }
}
