package io.backtest.strategy.service;

import io.backtest.strategy.domain.BacktestRun;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.Strategy;
import io.backtest.strategy.mapping.ViewMapper;
import io.backtest.strategy.repository.BacktestRunRepository;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.repository.StrategyRepository;
import io.backtest.strategy.rest.StrategyView;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.backtest.support.http.SortRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reading strategies with their backtests' metrics. */
@ApplicationScoped
public class StrategyService {
  private final StrategyRepository strategies;
  private final BacktestRunRepository runs;
  private final DatasetRepository datasets;
  private final ParameterCipher cipher;

  public StrategyService(
      StrategyRepository strategies,
      BacktestRunRepository runs,
      DatasetRepository datasets,
      ParameterCipher cipher) {
    this.strategies = strategies;
    this.runs = runs;
    this.datasets = datasets;
    this.cipher = cipher;
  }

  /** One strategy with its backtest run. */
  @WithSession
  public Uni<StrategyView> find(UUID id) {
    return strategies
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Strategy", id))
        .chain(
            s ->
                runs.ofStrategy(s.id)
                    .chain(
                        run ->
                            datasets
                                .findById(s.datasetId)
                                .map(
                                    d ->
                                        ViewMapper.strategy(
                                            s, cipher.parameters(s), run, d, true))));
  }

  /** A page of strategies matching the filter, in {@code order}. */
  @WithSession
  public Uni<Page<StrategyView>> page(
      StrategyRepository.Filter filter, PageRequest request, SortRequest order) {
    return strategies
        .count(filter)
        .chain(
            total ->
                strategies
                    .page(filter, request, order)
                    .chain(page -> withRuns(page).map(items -> Page.of(items, request, total))));
  }

  private Uni<List<StrategyView>> withRuns(List<Strategy> page) {
    List<UUID> ids = page.stream().map(s -> s.id).toList();
    Set<String> datasetIds = page.stream().map(s -> s.datasetId).collect(Collectors.toSet());
    return runs.ofStrategies(ids)
        .chain(
            found ->
                datasetsById(datasetIds)
                    .map(
                        ds -> {
                          Map<UUID, BacktestRun> byStrategy =
                              found.stream()
                                  .collect(
                                      Collectors.toMap(r -> r.strategyId, Function.identity()));
                          return page.stream()
                              .map(
                                  s ->
                                      ViewMapper.strategy(
                                          s,
                                          cipher.parameters(s),
                                          byStrategy.get(s.id),
                                          ds.get(s.datasetId),
                                          false))
                              .toList();
                        }));
  }

  private Uni<Map<String, Dataset>> datasetsById(Set<String> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return datasets
        .list("id in ?1", ids)
        .map(list -> list.stream().collect(Collectors.toMap(d -> d.id, Function.identity())));
  }
}
