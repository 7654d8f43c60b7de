package io.keyward.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import jakarta.ws.rs.core.Response;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class KeywardExceptionMapperTest {
  private final KeywardExceptionMapper mapper = new KeywardExceptionMapper();

  @Test
  void answers503WhenTemporalDoesNotAnswer() {
    Response response =
        mapper.toResponse(
            new WorkflowServiceException(
                WorkflowExecution.newBuilder().setWorkflowId("keygen/kv/k").build(),
                "KeyGeneration",
                new StatusRuntimeException(Status.UNAVAILABLE)));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(((ApiError) response.getEntity()).message()).contains("Temporal", "try again");
  }

  @Test
  void answers400ForABodyThatItsContentEncodingCannotDecode() {
    Response response =
        mapper.toResponse(new RuntimeException(new ZipException("Invalid gzip bytes")));

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(((ApiError) response.getEntity()).message())
        .isEqualTo(
            "the request body is not what its Content-Encoding says (the compressed data is"
                + " invalid); nothing was changed");
  }

  @Test
  void hidesTheDetailsOfAnUnexpectedFailureBehindAnErrorId() {
    Response response =
        mapper.toResponse(new IllegalStateException("internal detail that stays in the log"));

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(((ApiError) response.getEntity()).message())
        .startsWith("internal error, id ")
        .doesNotContain("internal detail");
  }
}
