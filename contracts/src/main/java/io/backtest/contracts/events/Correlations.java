package io.backtest.contracts.events;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Pearson correlations of out-of-sample returns: among a cycle's best candidates, and between them
 * and the live strategies. Two series are compared only over the same dataset and the same bars;
 * where that is not possible the entry is NaN ("not comparable").
 *
 * <p>Encoding {@value ReturnSeries#ENCODING}: binary32 little-endian, Base64. {@code
 * amongCandidates} is the strict upper triangle of the n×n matrix of {@code candidates}, row by row
 * (pairs (0,1), (0,2), …, (0,n−1), (1,2), …); {@code withLive} is the n×m matrix against {@code
 * live}, row by row.
 *
 * @param encoding always {@value ReturnSeries#ENCODING}
 * @param candidates the candidates, best first
 * @param live the live strategies compared with
 * @param amongCandidates n(n−1)/2 values
 * @param withLive n·m values
 */
public record Correlations(
    String encoding,
    List<UUID> candidates,
    List<UUID> live,
    String amongCandidates,
    String withLive) {

  public Correlations {
    Checks.oneOf(encoding, "encoding", ReturnSeries.ENCODING);
    candidates = List.copyOf(Checks.present(candidates, "candidates"));
    live = List.copyOf(Checks.present(live, "live"));
    int n = candidates.size();
    checkLength(amongCandidates, "amongCandidates", (long) n * (n - 1) / 2);
    checkLength(withLive, "withLive", (long) n * live.size());
  }

  /** Encodes a symmetric matrix (only its upper triangle is read) and a candidate × live matrix. */
  public static Correlations of(
      List<UUID> candidates, List<UUID> live, double[][] among, double[][] withLive) {
    int n = candidates.size();
    int m = live.size();
    ByteBuffer pairs = buffer((long) n * (n - 1) / 2);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        pairs.putFloat((float) among[i][j]);
      }
    }
    ByteBuffer cross = buffer((long) n * m);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        cross.putFloat((float) withLive[i][j]);
      }
    }
    return new Correlations(
        ReturnSeries.ENCODING,
        candidates,
        live,
        Base64.getEncoder().encodeToString(pairs.array()),
        Base64.getEncoder().encodeToString(cross.array()));
  }

  /** The full symmetric candidate matrix, 1 on the diagonal. */
  public double[][] amongCandidatesMatrix() {
    int n = candidates.size();
    ByteBuffer in = decode(amongCandidates);
    double[][] matrix = new double[n][n];
    for (int i = 0; i < n; i++) {
      matrix[i][i] = 1;
      for (int j = i + 1; j < n; j++) {
        matrix[i][j] = in.getFloat();
        matrix[j][i] = matrix[i][j];
      }
    }
    return matrix;
  }

  /** The candidate × live matrix. */
  public double[][] withLiveMatrix() {
    int n = candidates.size();
    int m = live.size();
    ByteBuffer in = decode(withLive);
    double[][] matrix = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        matrix[i][j] = in.getFloat();
      }
    }
    return matrix;
  }

  private static ByteBuffer buffer(long values) {
    return ByteBuffer.allocate(Math.toIntExact(4 * values)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static ByteBuffer decode(String data) {
    return ByteBuffer.wrap(Base64.getDecoder().decode(data)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void checkLength(String data, String field, long values) {
    Checks.present(data, field);
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not Base64: " + e.getMessage(), e);
    }
    if (bytes.length != 4 * values) {
      throw new IllegalArgumentException(
          field + " holds " + bytes.length + " bytes but needs " + 4 * values);
    }
  }
}
