package io.keyward.workflows.attestation;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.keyward.workflows.common.Actor;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Signs every person-carrying input the API's client sends to Temporal, in one place: workflow
 * starts (the requester), Updates and Signals get an {@link Attestation} in their header, bound to
 * the namespace, the workflow run (when the stub names none, the current run: the one this client
 * last started or described, checked again with a describe when Temporal no longer has it open; the
 * input is sent to that run), the Update or Signal name, the arguments, the person and their roles.
 * The services keep sending domain commands; inputs that carry no person pass unsigned.
 */
public final class SigningClientInterceptor extends WorkflowClientInterceptorBase {
  /** How long a signed Update or Signal may wait before a worker validates it. */
  public static final Duration UPDATE_TTL = Duration.ofMinutes(5);

  /** How long after its signing Temporal may accept a signed start (stamp its run as started). */
  public static final Duration START_TTL = Duration.ofMinutes(2);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String namespace;
  private final AttestationSigner signer;
  private final Clock clock;
  private final DataConverter converter;
  private final KnownRuns runs = new KnownRuns();

  /**
   * @param converter the client's data converter: the attestation header is encoded by it, so the
   *     payload codec encrypts it like the arguments
   */
  public SigningClientInterceptor(
      String namespace, AttestationSigner signer, Clock clock, DataConverter converter) {
    this.converter = Objects.requireNonNull(converter, "converter");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * {@code client} again (same stubs, namespace, converter and interceptors), with every
   * person-carrying input it sends signed by {@code signer}.
   */
  public static WorkflowClient signing(
      WorkflowClient client, AttestationSigner signer, Clock clock) {
    WorkflowClientOptions options = client.getOptions();
    List<WorkflowClientInterceptor> interceptors =
        new ArrayList<>(Arrays.asList(options.getInterceptors()));
    interceptors.add(
        new SigningClientInterceptor(
            options.getNamespace(), signer, clock, options.getDataConverter()));
    return WorkflowClient.newInstance(
        client.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder(options)
            .setInterceptors(interceptors.toArray(WorkflowClientInterceptor[]::new))
            .build());
  }

  @Override
  public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
      WorkflowClientCallsInterceptor next) {
    return new Calls(next);
  }

  private Header signed(
      Header header,
      String workflowId,
      String runId,
      String workflowType,
      String name,
      Object[] arguments,
      Actor actor,
      Duration ttl) {
    long now = clock.millis();
    AttestationClaims claims =
        new AttestationClaims(
            signer.keyId(),
            namespace,
            workflowId,
            runId,
            workflowType,
            name,
            CanonicalJson.digest(arguments),
            actor.id(),
            AttestationClaims.rolesOf(actor),
            now,
            now + ttl.toMillis(),
            nonce());
    return Attestation.sign(claims, signer).addedTo(header, converter);
  }

  private static String nonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private final class Calls extends WorkflowClientCallsInterceptorBase {
    Calls(WorkflowClientCallsInterceptor next) {
      super(next);
    }

    @Override
    public WorkflowStartOutput start(WorkflowStartInput input) {
      WorkflowStartOutput output = super.start(signedStart(input));
      remember(output.getWorkflowExecution());
      return output;
    }

    @Override
    public WorkflowSignalWithStartOutput signalWithStart(WorkflowSignalWithStartInput input) {
      if (PersonCarrying.anyIn(input.getSignalArguments())) {
        throw new IllegalArgumentException(
            "a person-carrying signal cannot be signed with a start: send it on its own");
      }
      return super.signalWithStart(
          new WorkflowSignalWithStartInput(
              signedStart(input.getWorkflowStartInput()),
              input.getSignalName(),
              input.getSignalArguments()));
    }

    @Override
    public <R> WorkflowUpdateHandle<R> startUpdate(StartUpdateInput<R> input) {
      Optional<Actor> actor = PersonCarrying.actorIn(input.getArguments());
      if (actor.isEmpty()) {
        return super.startUpdate(input);
      }
      return toRun(
          input.getWorkflowExecution(),
          input.getWorkflowType(),
          run ->
              super.startUpdate(
                  new StartUpdateInput<>(
                      run,
                      input.getWorkflowType(),
                      input.getUpdateName(),
                      signed(
                          input.getHeader(),
                          run.getWorkflowId(),
                          run.getRunId(),
                          "",
                          input.getUpdateName(),
                          input.getArguments(),
                          actor.get(),
                          UPDATE_TTL),
                      input.getUpdateId(),
                      input.getArguments(),
                      input.getResultClass(),
                      input.getResultType(),
                      input.getFirstExecutionRunId(),
                      input.getWaitPolicy())));
    }

    @Override
    public WorkflowSignalOutput signal(WorkflowSignalInput input) {
      Optional<Actor> actor = PersonCarrying.actorIn(input.getArguments());
      if (actor.isEmpty()) {
        return super.signal(input);
      }
      return toRun(
          input.getWorkflowExecution(),
          Optional.empty(),
          run ->
              super.signal(
                  new WorkflowSignalInput(
                      run,
                      input.getSignalName(),
                      signed(
                          input.getHeader(),
                          run.getWorkflowId(),
                          run.getRunId(),
                          "",
                          input.getSignalName(),
                          input.getArguments(),
                          actor.get(),
                          UPDATE_TTL),
                      input.getArguments())));
    }

    private WorkflowStartInput signedStart(WorkflowStartInput input) {
      Optional<Actor> actor = PersonCarrying.actorIn(input.getArguments());
      if (actor.isEmpty()) {
        return input;
      }
      return new WorkflowStartInput(
          input.getWorkflowId(),
          input.getWorkflowType(),
          signed(
              input.getHeader(),
              input.getWorkflowId(),
              "",
              input.getWorkflowType(),
              AttestationClaims.START,
              input.getArguments(),
              actor.get(),
              START_TTL),
          input.getArguments(),
          input.getOptions());
    }

    /**
     * Sends {@code send} to the run {@code execution} names or, when it names none, to the current
     * run: the one this client last saw, without asking Temporal. When that run has ended since,
     * Temporal answers NOT_FOUND; the current run is then described and, if it is another, sent to
     * again (signed for it afresh).
     */
    private <T> T toRun(
        WorkflowExecution execution, Optional<String> type, Function<WorkflowExecution, T> send) {
      if (!execution.getRunId().isEmpty()) {
        return send.apply(execution);
      }
      String workflowId = execution.getWorkflowId();
      Optional<String> known = runs.runOf(workflowId);
      if (known.isPresent()) {
        WorkflowExecution run = execution.toBuilder().setRunId(known.get()).build();
        try {
          return send.apply(run);
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
            throw e;
          }
          runs.ended(workflowId, known.get());
          WorkflowExecution current = described(execution, type);
          if (current.getRunId().equals(known.get())) {
            throw e;
          }
          return send.apply(current);
        }
      }
      return send.apply(described(execution, type));
    }

    /** The current run of {@code execution}'s workflow, as Temporal describes it now. */
    private WorkflowExecution described(WorkflowExecution execution, Optional<String> type) {
      try {
        WorkflowExecution run =
            super.describe(new DescribeWorkflowInput(execution)).getDescription().getExecution();
        remember(run);
        return run;
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
          throw new WorkflowNotFoundException(execution, type.orElse(null), e);
        }
        throw e;
      }
    }

    private void remember(WorkflowExecution run) {
      runs.seen(run.getWorkflowId(), run.getRunId());
    }
  }
}
