package io.backtest.support.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Settings every event-driven service shares. */
@ConfigMapping(prefix = "backtest")
public interface PlatformConfig {

  /** The service's name; events carry {@code /<name>} as their CloudEvents {@code source}. */
  @WithName("service-name")
  String serviceName();

  /**
   * Prefix of every physical topic name, so that isolated environments (a test run) share one
   * broker. Empty in production.
   */
  @WithName("topic-prefix")
  Optional<String> topicPrefix();

  /** Transactional outbox relay. */
  Outbox outbox();

  /** Idempotent consumption. */
  Inbox inbox();

  /** The physical name of a logical topic. */
  default String topic(String logical) {
    return topicPrefix().orElse("") + logical;
  }

  /** The CloudEvents source of this service's events. */
  default String source() {
    return "/" + serviceName();
  }

  interface Outbox {
    /** How often the relay looks for events that a commit left unpublished. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events published per relay transaction. */
    @WithDefault("200")
    int batchSize();
  }

  interface Inbox {
    /** Attempts for an event whose processing fails for a reason other than its content. */
    @WithDefault("5")
    int maxAttempts();

    /** First back-off between attempts; doubles up to 5 s. */
    @WithDefault("200ms")
    Duration initialBackoff();
  }
}
