package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.util.ArrayList;
import java.util.List;

/** Checks the hashes a proof or its caller supplies before any of them is used. */
final class ProofHashes {
  /** No proof of a tree of at most 2^63 leaves has more elements. */
  static final int MAX_PROOF_LENGTH = 2 * 64;

  private ProofHashes() {}

  /** Why {@code hash}, named {@code name}, is not a SHA-256 digest; null if it is. */
  static String malformed(String name, byte[] hash) {
    if (hash == null) {
      return name + " is missing";
    }
    if (hash.length != Sha256.LENGTH) {
      return name + " has " + hash.length + " bytes, not " + Sha256.LENGTH;
    }
    return null;
  }

  /** Why the proof is malformed; null if every element is a SHA-256 digest. */
  static String malformed(List<byte[]> proof) {
    if (proof == null) {
      return "proof is missing";
    }
    if (proof.size() > MAX_PROOF_LENGTH) {
      return "proof has " + proof.size() + " hashes, more than any tree needs";
    }
    for (int i = 0; i < proof.size(); i++) {
      String problem = malformed("proof[" + i + "]", proof.get(i));
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  static List<Sha256> digests(List<byte[]> proof) {
    List<Sha256> hashes = new ArrayList<>(proof.size());
    proof.forEach(bytes -> hashes.add(Sha256.of(bytes)));
    return hashes;
  }

  static List<byte[]> bytes(List<Sha256> proof) {
    return proof.stream().map(Sha256::bytes).toList();
  }
}
