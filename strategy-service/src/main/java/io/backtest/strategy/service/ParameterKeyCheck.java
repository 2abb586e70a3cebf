package io.backtest.strategy.service;

import io.backtest.strategy.repository.BacktestRunRepository;
import io.backtest.strategy.repository.SealedValue;
import io.backtest.strategy.repository.StrategyRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the stored parameters can be read with the configured keys. It finds two faults: rows
 * under a key id that {@code strategy.parameters.keys} does not hold (a key removed before the
 * rotation finished: README.md, "Parameters at rest", step 5 too early), and a configured key under
 * which none of up to {@value #SAMPLES} stored values (the first by id) decrypts (the wrong key
 * shipped under an existing id, or a database that belongs with other keys). A single changed value
 * among values that decrypt is not a fault of the keys and does not count (the rotation logs it).
 * The counts come from the indexes on the key id columns.
 *
 * <p>At start-up a fault stops the start with its reasons, before the Kafka consumers run: an
 * instance that cannot read what is stored would answer those strategies with 500s, and its workers
 * would store values the other instances cannot read. A roll-out with such a configuration
 * therefore stalls with the old instances serving, and the new ones start once the old instances'
 * rotation has re-encrypted what they could not read.
 *
 * <p>While the service runs, the readiness check {@code strategy-parameter-keys} reports the last
 * result, with the rows per key id: the check runs again after every rotation run ({@link
 * ParameterRotation}, which reuses its counts) and every 30 seconds while it finds a fault (rows
 * another instance wrote under a key this one does not hold).
 */
@Readiness
@ApplicationScoped
public class ParameterKeyCheck implements HealthCheck {
  /** The check's name in {@code /q/health}. */
  public static final String NAME = "strategy-parameter-keys";

  /** Before SmallRye Reactive Messaging starts the channels (its observer has LIBRARY_BEFORE). */
  private static final int BEFORE_MESSAGING = Interceptor.Priority.LIBRARY_BEFORE - 100;

  /** Attempts at start-up while the database cannot be asked. */
  private static final int START_ATTEMPTS = 6;

  /** Values tried per key id in use. */
  static final int SAMPLES = 5;

  private static final String SEE = " (strategy-service/README.md, 'Parameters at rest')";

  private final StrategyRepository strategies;
  private final BacktestRunRepository runs;
  private final ParameterCipher cipher;
  private volatile Findings findings;

  /**
   * What a check found.
   *
   * @param problems why the stored values cannot be read; empty when they can
   * @param rowsByKey rows per key id, by table ({@code strategy}, {@code backtest_run})
   */
  public record Findings(List<String> problems, Map<String, Map<String, Long>> rowsByKey) {
    public boolean readable() {
      return problems.isEmpty();
    }
  }

  public ParameterKeyCheck(
      StrategyRepository strategies, BacktestRunRepository runs, ParameterCipher cipher) {
    this.strategies = strategies;
    this.runs = runs;
    this.cipher = cipher;
  }

  /**
   * Checks the stored values before anything reads or writes them: before the Kafka consumers
   * start, since a worker with the wrong key would store values the right key cannot read. A fault
   * stops the start-up with its reasons, as missing keys do.
   */
  void onStart(@Observes @Priority(BEFORE_MESSAGING) StartupEvent start) {
    Findings found;
    try {
      // Hibernate Reactive needs a Vert.x context; the start-up thread may wait for it
      found =
          VertxContextSupport.subscribeAndAwait(
              () ->
                  check()
                      .onFailure()
                      .invoke(
                          e -> Log.warnf("strategy parameters: cannot check the keys yet: %s", e))
                      .onFailure()
                      .retry()
                      .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(5))
                      .atMost(START_ATTEMPTS));
    } catch (Throwable e) {
      throw new IllegalStateException(
          "strategy parameters: cannot check the stored values against the keys: " + e, e);
    }
    if (!found.readable()) {
      throw new IllegalStateException(
          "strategy parameters: the configured keys cannot read what is stored: "
              + String.join("; ", found.problems()));
    }
  }

  @Scheduled(
      every = "30s",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> recheckWhileFaulty() {
    Findings last = findings;
    if (last != null && last.readable()) {
      return Uni.createFrom().voidItem();
    }
    return check()
        .onFailure()
        .invoke(e -> Log.warnf("strategy parameters: key check failed, retried later: %s", e))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Counts the rows per key id, checks them and publishes the result. */
  public Uni<Findings> check() {
    return Panache.withSession(() -> rowsByKey().chain(this::checkInSession));
  }

  /** Checks counts already made (by a rotation run) and publishes the result. */
  Uni<Findings> check(Map<String, Map<String, Long>> rowsByKey) {
    return Panache.withSession(() -> checkInSession(rowsByKey));
  }

  /** Rows per key id, by table ({@code strategy}, then {@code backtest_run}), from the indexes. */
  Uni<Map<String, Map<String, Long>>> rowsByKey() {
    return strategies
        .countByParametersKey()
        .chain(
            byKey ->
                runs.countByWalkForwardKey()
                    .map(
                        runByKey -> {
                          Map<String, Map<String, Long>> tables = new LinkedHashMap<>();
                          tables.put("strategy", byKey);
                          tables.put("backtest_run", runByKey);
                          return Collections.unmodifiableMap(tables);
                        }));
  }

  @Override
  public HealthCheckResponse call() {
    Findings last = findings;
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named(NAME).withData("currentKey", cipher.currentKeyId());
    if (last == null) {
      return response
          .down()
          .withData("reason", "the stored values have not been checked yet")
          .build();
    }
    last.rowsByKey().forEach((table, byKey) -> response.withData(table, byKey.toString()));
    for (int i = 0; i < last.problems().size(); i++) {
      response.withData("problem" + (i + 1), last.problems().get(i));
    }
    return response.status(last.readable()).build();
  }

  private Uni<Findings> checkInSession(Map<String, Map<String, Long>> rowsByKey) {
    List<String> problems = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Map.Entry<String, Map<String, Long>> table : rowsByKey.entrySet()) {
      for (Map.Entry<String, Long> key : table.getValue().entrySet()) {
        String keyId = key.getKey();
        if (!cipher.keyIds().contains(keyId)) {
          problems.add(
              String.format(
                  "%d %s rows are encrypted with key '%s', which strategy.parameters.keys does not"
                      + " hold (it holds %s): configure it again, and the rotation re-encrypts them"
                      + " with the current key%s",
                  key.getValue(), table.getKey(), keyId, cipher.keyIds(), SEE));
          continue;
        }
        chain =
            chain.chain(
                () ->
                    sampleProblem(table.getKey(), keyId)
                        .invoke(problem -> Optional.ofNullable(problem).ifPresent(problems::add))
                        .replaceWithVoid());
      }
    }
    return chain.map(done -> publish(new Findings(List.copyOf(problems), rowsByKey)));
  }

  /**
   * Why the first values under {@code keyId} of {@code table} say its key is not theirs: none of
   * them decrypts. No item (null) when one does, or there are none.
   */
  private Uni<String> sampleProblem(String table, String keyId) {
    boolean strategy = "strategy".equals(table);
    String column =
        strategy ? ParameterCipher.STRATEGY_PARAMETERS : ParameterCipher.RUN_WALK_FORWARD;
    return (strategy
            ? strategies.parametersUnder(Set.of(keyId), null, SAMPLES)
            : runs.walkForwardUnder(Set.of(keyId), null, SAMPLES))
        .onItem()
        .transform(
            values ->
                values.isEmpty() || values.stream().anyMatch(v -> decrypts(column, v))
                    ? null
                    : String.format(
                        "none of the first %d %s values under key '%s' decrypts with the key"
                            + " configured under that id: it is not the key they were encrypted"
                            + " with%s",
                        values.size(), table, keyId, SEE));
  }

  private boolean decrypts(String column, SealedValue v) {
    try {
      cipher.decrypt(column, v.id(), v.keyId(), v.value());
      return true;
    } catch (ParameterCipher.UnreadableValueException e) {
      return false;
    }
  }

  private Findings publish(Findings found) {
    Findings before = findings;
    findings = found;
    if (!found.readable()) {
      found.problems().forEach(p -> Log.errorf("strategy parameters: %s", p));
    } else if (before == null || !before.readable()) {
      Log.infof(
          "strategy parameters: every key in use is configured and reads its values: %s",
          found.rowsByKey());
    }
    return found;
  }
}
