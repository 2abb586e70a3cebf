package io.backtest.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the audit log. */
@ConfigMapping(prefix = "audit")
public interface AuditConfig {

  /** Entries read per page while the chain is verified: bounds the memory a verification takes. */
  @WithDefault("500")
  int verifyPageSize();
}
