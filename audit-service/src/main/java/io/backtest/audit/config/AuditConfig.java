package io.backtest.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the audit log. */
@ConfigMapping(prefix = "audit")
public interface AuditConfig {

  /** Entries read per page while the log is verified: bounds the memory a verification takes. */
  @WithDefault("500")
  int verifyPageSize();

  /** The key that signs tree heads. */
  Signing signing();

  /** When tree heads are signed. */
  Checkpoint checkpoint();

  /** Ingestion from Kafka. */
  Ingest ingest();

  interface Ingest {
    /** How often {@code audit_ingest_lag_records} is measured (read by {@code IngestLag}). */
    @WithDefault("2s")
    Duration lagRefresh();
  }

  /** The monthly partitions of the log. */
  Partitions partitions();

  interface Partitions {
    /**
     * Months after the current one (UTC) whose partitions exist ahead of time; checked at start-up
     * and every {@link #checkEvery()}. A row no partition covers lands in the DEFAULT partition and
     * moves into its month's partition when that is created.
     */
    @WithDefault("3")
    int monthsAhead();

    /** How often the partitions ahead are checked (and created when missing). */
    @WithDefault("24h")
    Duration checkEvery();
  }

  interface Signing {
    /**
     * The Ed25519 private key, PKCS#8, base64 of the DER or PEM. In Kubernetes from a Secret
     * (environment variable {@code AUDIT_SIGNING_PRIVATE_KEY}).
     */
    Optional<String> privateKey();

    /**
     * Its public key, X.509 SubjectPublicKeyInfo, base64 or PEM; derived from the private key when
     * absent. When given it must belong to the private key.
     */
    Optional<String> publicKey();

    /**
     * Public keys that signed earlier heads (rotation): their heads keep verifying and are
     * published by {@code GET /api/v1/audit/public-keys}.
     */
    Optional<List<String>> previousPublicKeys();

    /**
     * Without a private key, sign with a key generated at start (logged as a warning: its heads
     * cannot be verified after a restart) instead of refusing to start.
     */
    @WithDefault("false")
    boolean ephemeralIfMissing();
  }

  interface Checkpoint {
    /** A head is signed once this many entries (other than the log's own checkpoints) arrived. */
    @WithDefault("1000")
    int everyEntries();

    /** A head is signed at this interval when any entry (other than checkpoints) arrived. */
    @WithDefault("10s")
    Duration every();
  }
}
