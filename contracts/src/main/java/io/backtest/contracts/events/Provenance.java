package io.backtest.contracts.events;

/**
 * What reproduces a result, beside the template and parameters carried next to it: the same dataset
 * content, seed and engine version give the same numbers.
 *
 * @param datasetSha256 SHA-256 of the dataset's canonical content, lower-case hex
 * @param seed the seed of the cycle (generation and random walk-forward search)
 * @param engineVersion version of the backtest engine that computed it
 */
public record Provenance(String datasetSha256, long seed, String engineVersion) {

  public Provenance {
    Checks.text(datasetSha256, "datasetSha256");
    if (!datasetSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "datasetSha256 must be 64 lower-case hex digits but was " + datasetSha256);
    }
    Checks.text(engineVersion, "engineVersion");
  }
}
