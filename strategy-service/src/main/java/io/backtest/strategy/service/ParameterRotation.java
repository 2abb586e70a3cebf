package io.backtest.strategy.service;

import io.backtest.strategy.config.ParametersConfig;
import io.backtest.strategy.repository.BacktestRunRepository;
import io.backtest.strategy.repository.SealedValue;
import io.backtest.strategy.repository.StrategyRepository;
import io.backtest.strategy.service.ParameterCipher.Sealed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.health.Readiness;

/**
 * Key rotation of the parameters at rest: re-encrypts with the current key every value still under
 * an older configured key, then counts the values per key id ({@code
 * strategy_parameters_encrypted_rows{table, key_id}} on {@code /q/metrics}, and the log). Runs 10
 * seconds after start-up and every {@code strategy.parameters.reencrypt-every} after that, so that
 * rows written by instances still on the old key during a rolling update are caught too.
 *
 * <p>Batches of {@code reencrypt-batch-size} rows, each in a transaction of its own, in id order. A
 * row is rewritten only while it is still under the key it was read with, and only its encrypted
 * columns: idempotent, safe with several instances at once, and never in the way of a concurrent
 * change of the strategy. A row that cannot be decrypted is left as it is and counted as
 * unreadable; rows under a key that is no longer configured are not read at all (their count says
 * so, and {@link ParameterKeyCheck} reports the service not ready while there are any).
 */
@ApplicationScoped
public class ParameterRotation {
  /** The gauge of rows per table and key id. */
  public static final String GAUGE = "strategy.parameters.encrypted";

  private final StrategyRepository strategies;
  private final BacktestRunRepository runs;
  private final ParameterCipher cipher;
  private final ParameterKeyCheck keyCheck;
  private final int batchSize;
  private final MultiGauge rows;

  /**
   * What a run did and found.
   *
   * @param reencrypted rows rewritten under the current key, by table
   * @param unreadable rows under a configured older key that did not decrypt, by table
   * @param rowsByKey rows per key id, by table ({@code strategy}, {@code backtest_run})
   */
  public record Result(
      Map<String, Integer> reencrypted,
      Map<String, Integer> unreadable,
      Map<String, Map<String, Long>> rowsByKey) {}

  public ParameterRotation(
      StrategyRepository strategies,
      BacktestRunRepository runs,
      ParameterCipher cipher,
      @Readiness ParameterKeyCheck keyCheck,
      ParametersConfig config,
      MeterRegistry registry) {
    this.strategies = strategies;
    this.runs = runs;
    this.cipher = cipher;
    this.keyCheck = keyCheck;
    this.batchSize = config.reencryptBatchSize();
    this.rows =
        MultiGauge.builder(GAUGE)
            .description("Encrypted values per table and key id (parameters at rest)")
            .baseUnit("rows")
            .register(registry);
  }

  @Scheduled(
      every = "${strategy.parameters.reencrypt-every:10m}",
      // shortly after start-up (not during it: the application is not running yet)
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return reencrypt(cipher)
        // the readiness check sees the counts this run made
        .call(result -> keyCheck.check(result.rowsByKey()))
        .onFailure()
        .invoke(e -> Log.errorf(e, "strategy parameters: re-encryption failed, retried later"))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /**
   * Re-encrypts with {@code with}'s current key every value under another key {@code with} holds,
   * then counts the rows per key id and publishes the counts. The service runs it with its own
   * cipher; tests with another current key.
   */
  public Uni<Result> reencrypt(ParameterCipher with) {
    Set<String> older = new LinkedHashSet<>(with.keyIds());
    older.remove(with.currentKeyId());
    Table strategyTable =
        new Table(
            after -> strategies.parametersUnder(older, after, batchSize),
            (row, encrypted, fingerprint) ->
                strategies.resealParameters(
                    row.id(), row.keyId(), encrypted.value(), encrypted.keyId(), fingerprint),
            ParameterCipher.STRATEGY_PARAMETERS,
            true);
    Table runTable =
        new Table(
            after -> runs.walkForwardUnder(older, after, batchSize),
            (row, encrypted, fingerprint) ->
                runs.resealWalkForward(row.id(), row.keyId(), encrypted.value(), encrypted.keyId()),
            ParameterCipher.RUN_WALK_FORWARD,
            false);
    Progress strategyProgress = new Progress();
    Progress runProgress = new Progress();
    return rewriteFrom(with, strategyTable, null, strategyProgress)
        .chain(() -> rewriteFrom(with, runTable, null, runProgress))
        .chain(() -> Panache.withSession(keyCheck::rowsByKey))
        .map(
            counts ->
                new Result(
                    Map.of(
                        "strategy", strategyProgress.rewritten,
                        "backtest_run", runProgress.rewritten),
                    Map.of(
                        "strategy", strategyProgress.unreadable,
                        "backtest_run", runProgress.unreadable),
                    counts))
        .invoke(result -> report(with, result));
  }

  /** How one table's encrypted values are read and rewritten. */
  private record Table(
      Function<UUID, Uni<List<SealedValue>>> after,
      Rewrite rewrite,
      String column,
      boolean fingerprinted) {}

  @FunctionalInterface
  private interface Rewrite {
    Uni<Boolean> apply(SealedValue row, Sealed encrypted, String fingerprint);
  }

  private static final class Progress {
    int rewritten;
    int unreadable;
  }

  /** The batches of {@code table} after row {@code after}, one transaction each. */
  private Uni<Progress> rewriteFrom(
      ParameterCipher with, Table table, UUID after, Progress progress) {
    return Panache.withTransaction(
            () -> table.after().apply(after).chain(batch -> rewrite(with, table, batch, progress)))
        .chain(
            last ->
                last == null
                    ? Uni.createFrom().item(progress)
                    : rewriteFrom(with, table, last, progress));
  }

  /** Rewrites one batch; the id of its last row, null when it was empty. */
  private Uni<UUID> rewrite(
      ParameterCipher with, Table table, List<SealedValue> batch, Progress progress) {
    if (batch.isEmpty()) {
      return Uni.createFrom().nullItem();
    }
    // one session runs one statement at a time: the updates go one after the other
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (SealedValue row : batch) {
      String plain;
      try {
        plain = with.decrypt(table.column(), row.id(), row.keyId(), row.value());
      } catch (ParameterCipher.UnreadableValueException e) {
        progress.unreadable++;
        Log.errorf("strategy parameters: %s; left under key %s", e.getMessage(), row.keyId());
        continue;
      }
      Sealed encrypted = with.encrypt(table.column(), row.id(), plain);
      String fingerprint = table.fingerprinted() ? with.fingerprint(plain) : null;
      chain =
          chain.chain(
              () ->
                  table
                      .rewrite()
                      .apply(row, encrypted, fingerprint)
                      .invoke(
                          done -> {
                            if (done) {
                              progress.rewritten++;
                            }
                          })
                      .replaceWithVoid());
    }
    return chain.replaceWith(batch.getLast().id());
  }

  private void report(ParameterCipher with, Result result) {
    List<MultiGauge.Row<?>> gauge = new ArrayList<>();
    result
        .rowsByKey()
        .forEach(
            (table, byKey) ->
                byKey.forEach(
                    (keyId, n) ->
                        gauge.add(MultiGauge.Row.of(Tags.of("table", table, "key_id", keyId), n))));
    rows.register(gauge, true);
    int reencrypted = result.reencrypted().values().stream().mapToInt(Integer::intValue).sum();
    if (reencrypted > 0) {
      Log.infof(
          "strategy parameters: re-encrypted with key %s: %s",
          with.currentKeyId(), result.reencrypted());
    }
    Log.infof(
        "strategy parameters: rows per key id (current %s): %s",
        with.currentKeyId(), result.rowsByKey());
  }
}
