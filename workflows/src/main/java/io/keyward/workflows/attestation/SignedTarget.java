package io.keyward.workflows.attestation;

/**
 * Where an input arrived, as the worker sees it: the attestation must name the same. An Update or
 * Signal names its run; a start names the workflow type and no run (it had none when it was
 * signed).
 */
public record SignedTarget(
    String namespace, String workflowId, String runId, String workflowType, String name) {

  public static SignedTarget update(
      String namespace, String workflowId, String runId, String updateName) {
    return new SignedTarget(namespace, workflowId, runId, "", updateName);
  }

  public static SignedTarget start(String namespace, String workflowId, String workflowType) {
    return new SignedTarget(namespace, workflowId, "", workflowType, AttestationClaims.START);
  }

  boolean matches(AttestationClaims claims) {
    return namespace.equals(claims.namespace())
        && workflowId.equals(claims.workflowId())
        && runId.equals(claims.runId())
        && workflowType.equals(claims.workflowType())
        && name.equals(claims.name());
  }

  String describe() {
    return (AttestationClaims.START.equals(name) ? "a start of " + workflowType : name)
        + " on "
        + workflowId
        + (runId.isEmpty() ? "" : " run " + runId)
        + " in namespace "
        + namespace;
  }

  static String describe(AttestationClaims claims) {
    return new SignedTarget(
            claims.namespace(),
            claims.workflowId(),
            claims.runId(),
            claims.workflowType(),
            claims.name())
        .describe();
  }
}
