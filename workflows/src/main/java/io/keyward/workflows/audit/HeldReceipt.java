package io.keyward.workflows.audit;

import java.util.Objects;

/**
 * An audit receipt and who holds it, so that a verifier that finds the trail ending before the
 * receipt, or a different record at its place, can name the ceremony that saw it.
 *
 * @param holder who holds it, for the verdict, e.g. {@code keygen/kv-orders/tls (run 5f1c…)}; null
 *     for a receipt given by hand
 */
public record HeldReceipt(String holder, AuditReceipt receipt) {
  public HeldReceipt {
    Objects.requireNonNull(receipt, "receipt");
  }

  /** A receipt given by hand, e.g. {@code verify-audit --receipt}. */
  public static HeldReceipt given(AuditReceipt receipt) {
    return new HeldReceipt(null, receipt);
  }

  /** "the receipt", or "the receipt of <holder>", for a verdict. */
  public String describe() {
    return holder == null ? "the receipt" : "the receipt of " + holder;
  }
}
