package io.keyward.workflows.attestation;

import io.keyward.workflows.common.CeremonyAudit;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Accepts a person's input only when the API signed it ({@link AttestationVerifier}), for every
 * workflow of the worker that installs it (the production worker always does):
 *
 * <ul>
 *   <li>Updates: the validator refuses, before the workflow's own validator, what is unsigned,
 *       signed by a key the worker does not trust, expired, meant for another workflow, run or
 *       Update, changed after signing, or used before; nothing reaches history. The accepted nonces
 *       are remembered by the Update handler, so replay (which skips validators) rebuilds them.
 *   <li>Starts: a person-carrying start whose attestation does not verify ends at once, with a
 *       {@value #START_REFUSED} audit record, as a failed run ({@value #START_REFUSED_TYPE}).
 *       Behind {@value #SIGNED_STARTS}: runs recorded before it replay without the check. The
 *       verdict is a side effect, so a replay does not depend on which keys are trusted by then.
 *   <li>Signals that carry a person and do not verify are dropped (signals have no validator).
 * </ul>
 */
public final class VerifyingWorkerInterceptor extends WorkerInterceptorBase {
  /** The change id of the start check (workflows/VERSIONS.md). */
  public static final String SIGNED_STARTS = "signed-starts";

  /** The audit event of a start refused for its signature. */
  public static final String START_REFUSED = "START_REFUSED";

  /** The failure type of a run ended for an unsigned start. */
  public static final String START_REFUSED_TYPE = "StartRefused";

  private final AttestationVerifier verifier;
  private final DataConverter converter;

  /**
   * @param converter the worker client's data converter, which reads the attestation header as the
   *     API's client wrote it (through the payload codec)
   */
  public VerifyingWorkerInterceptor(TrustedKeys trusted, DataConverter converter) {
    this.verifier = new AttestationVerifier(trusted);
    this.converter = Objects.requireNonNull(converter, "converter");
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new Inbound(next);
  }

  private final class Inbound extends WorkflowInboundCallsInterceptorBase {
    private final Set<String> usedNonces = new HashSet<>();

    Inbound(WorkflowInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public WorkflowOutput execute(WorkflowInput input) {
      if (!PersonCarrying.anyIn(input.getArguments())
          || Workflow.getVersion(SIGNED_STARTS, Workflow.DEFAULT_VERSION, 1)
              == Workflow.DEFAULT_VERSION) {
        return super.execute(input);
      }
      WorkflowInfo info = Workflow.getInfo();
      SignedTarget target =
          SignedTarget.start(info.getNamespace(), info.getWorkflowId(), info.getWorkflowType());
      // Judged at the moment Temporal accepted the start (its own timestamp of the run's start),
      // not when a worker first took it: a start that waited for a busy or stopped worker is no
      // less the person's request, while a signed start sent again later is a new run, stamped
      // later, and expires as before.
      long accepted = info.getRunStartedTimestampMillis();
      String refusal =
          Workflow.sideEffect(
              String.class,
              () -> refusal(input.getHeader(), target, input.getArguments(), accepted).orElse(""));
      if (refusal.isEmpty()) {
        return super.execute(input);
      }
      Map<String, String> details = new LinkedHashMap<>();
      details.put("workflowType", info.getWorkflowType());
      details.put("refusal", refusal);
      CeremonyAudit.beforeTheWorkflow().append(START_REFUSED, null, details);
      throw ApplicationFailure.newNonRetryableFailure(refusal, START_REFUSED_TYPE);
    }

    @Override
    public void validateUpdate(UpdateInput input) {
      if (PersonCarrying.anyIn(input.getArguments())) {
        WorkflowInfo info = Workflow.getInfo();
        Optional<String> refusal =
            refusal(
                input.getHeader(),
                SignedTarget.update(
                    info.getNamespace(),
                    info.getWorkflowId(),
                    info.getRunId(),
                    input.getUpdateName()),
                input.getArguments(),
                Workflow.currentTimeMillis());
        if (refusal.isPresent()) {
          throw new IllegalArgumentException(refusal.get());
        }
      }
      super.validateUpdate(input);
    }

    @Override
    public UpdateOutput executeUpdate(UpdateInput input) {
      remember(input.getHeader());
      return super.executeUpdate(input);
    }

    @Override
    public void handleSignal(SignalInput input) {
      if (PersonCarrying.anyIn(input.getArguments())) {
        WorkflowInfo info = Workflow.getInfo();
        Optional<String> refusal =
            refusal(
                input.getHeader(),
                SignedTarget.update(
                    info.getNamespace(),
                    info.getWorkflowId(),
                    info.getRunId(),
                    input.getSignalName()),
                input.getArguments(),
                Workflow.currentTimeMillis());
        remember(input.getHeader());
        if (refusal.isPresent()) {
          log().warn("Signal {} dropped: {}", input.getSignalName(), refusal.get());
          return;
        }
      }
      super.handleSignal(input);
    }

    private Optional<String> refusal(
        Header header, SignedTarget target, Object[] arguments, long now) {
      Optional<Attestation> attestation;
      try {
        attestation = Attestation.in(header, converter);
      } catch (IllegalArgumentException unreadable) {
        return Optional.of("refused: the signature of " + target.describe() + " cannot be read");
      }
      return verifier.refusal(attestation, target, arguments, now, usedNonces);
    }

    private void remember(Header header) {
      try {
        Attestation.in(header, converter).ifPresent(a -> usedNonces.add(a.claims().nonce()));
      } catch (IllegalArgumentException unreadable) {
        // an unreadable attestation never got past the validator
      }
    }

    private Logger log() {
      return Workflow.getLogger(VerifyingWorkerInterceptor.class);
    }
  }
}
