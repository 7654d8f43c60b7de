package io.keyward.workflows.policy;

/** NIST curves of runbook Appendix B, with their JCA names. */
public enum EcCurve {
  P_256("secp256r1", 256),
  P_384("secp384r1", 384),
  P_521("secp521r1", 521);

  private final String jcaName;
  private final int bits;

  EcCurve(String jcaName, int bits) {
    this.jcaName = jcaName;
    this.bits = bits;
  }

  public String jcaName() {
    return jcaName;
  }

  public int bits() {
    return bits;
  }
}
