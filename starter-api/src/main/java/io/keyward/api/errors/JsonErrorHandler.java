package io.keyward.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a malformed request line or header, an ambiguous path, an {@code Accept}
 * header it cannot parse), which reach no resource and no {@code ExceptionMapper}, answered in the
 * API's error shape: {@code {"code": 400, "message": "..."}} with Jetty's reason, for every method
 * and whatever the request accepts. Without it Jetty writes an HTML page only for GET and POST
 * requests that accept HTML, and an empty body otherwise.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    byte[] body = body(code, message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static byte[] body(int code, String message) {
    String reason =
        message == null || message.isBlank() ? HttpStatus.getMessage(code) : message.strip();
    try {
      return JSON.writeValueAsBytes(new ApiError(code, reason));
    } catch (JsonProcessingException e) {
      return ("{\"code\":" + code + "}").getBytes(StandardCharsets.UTF_8);
    }
  }
}
