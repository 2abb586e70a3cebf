package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaf hashes of a log, by leaf index (the audit log's {@code seq - 1}). The service backs it
 * with the leaf hash stored per entry.
 */
public interface LeafHashes {
  /** The number of leaves; the largest tree that can be computed. */
  long size();

  /**
   * The hash of leaf {@code index}.
   *
   * @throws IndexOutOfBoundsException when {@code index} is not in {@code 0..size()-1}
   */
  Sha256 leafHash(long index);

  /**
   * The hashes of leaves {@code begin} (inclusive) to {@code end} (exclusive), in order. Only
   * called to compute a subtree that {@link SubtreeHashes} does not hold; a store overrides it with
   * one range query.
   */
  default List<Sha256> leafHashes(long begin, long end) {
    List<Sha256> hashes = new ArrayList<>((int) Math.min(end - begin, 1 << 16));
    for (long i = begin; i < end; i++) {
      hashes.add(leafHash(i));
    }
    return hashes;
  }
}
