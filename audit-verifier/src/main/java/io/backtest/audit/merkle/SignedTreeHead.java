package io.backtest.audit.merkle;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A tree head with its Ed25519 signature (RFC 8032) over {@link TreeHead#signedBytes()}, made with
 * the key {@link TreeHead#keyId()} names. Check it with {@link KeyRing#verify}.
 *
 * @param head what is signed
 * @param signature the signature, 64 bytes when well-formed (not checked here: a head read from an
 *     untrusted source is rejected by verification, not by construction)
 */
public record SignedTreeHead(TreeHead head, byte[] signature) {
  public SignedTreeHead {
    Objects.requireNonNull(head, "head");
    signature = Objects.requireNonNull(signature, "signature").clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedTreeHead other
        && head.equals(other.head)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * head.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedTreeHead[head="
        + head
        + ", signature="
        + Base64.getEncoder().encodeToString(signature)
        + "]";
  }
}
