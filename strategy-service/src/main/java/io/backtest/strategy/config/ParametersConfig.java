package io.backtest.strategy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/**
 * Strategy parameters at rest ({@code ParameterCipher}, {@code ParameterRotation}; README.md,
 * "Parameters at rest"). Without keys the service refuses to start: every deployment gives them
 * from a secret ({@code ./stack}, docker-compose.yml, a Kubernetes Secret), and only the dev and
 * test profiles have fixed ones.
 */
@ConfigMapping(prefix = "strategy.parameters")
public interface ParametersConfig {

  /**
   * The AES-256 keys, comma-separated {@code <keyId>:<base64 of 32 random bytes>}: the current key
   * and every older key a stored value may still be encrypted with. A list rather than a map by key
   * id, so that one environment variable ({@code STRATEGY_PARAMETERS_KEYS}) or one entry of a
   * Secret carries them all.
   */
  Optional<List<String>> keys();

  /** Id of the key new values are encrypted with; one of {@link #keys()}. */
  @WithName("current-key")
  Optional<String> currentKey();

  /**
   * Base64 of at least 32 random bytes: the HMAC-SHA256 key of the parameters' fingerprints (the
   * live set's uniqueness rule compares them). Kept for the life of the database.
   */
  @WithName("fingerprint-key")
  Optional<String> fingerprintKey();

  /** Rows re-encrypted per transaction when a key is rotated. */
  @WithName("reencrypt-batch-size")
  @WithDefault("500")
  int reencryptBatchSize();

  /**
   * How often rows under a key other than the current one are looked for and re-encrypted, and the
   * row counts per key refreshed; the first run is at start-up. {@code off} disables the job.
   */
  @WithName("reencrypt-every")
  @WithDefault("10m")
  String reencryptEvery();
}
