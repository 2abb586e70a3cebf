package io.backtest.strategy.service;

import io.backtest.engine.data.CsvBars;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.strategy.domain.BundledDataset;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.DatasetBar;
import io.backtest.strategy.domain.DatasetContent;
import io.backtest.strategy.domain.Timeframe;
import io.backtest.strategy.mapping.ViewMapper;
import io.backtest.strategy.repository.DatasetBarRepository;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.rest.BarView;
import io.backtest.strategy.rest.DatasetView;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Datasets: registration of the bundled ones, and reading. */
@ApplicationScoped
public class DatasetService {
  /** Serialises registrations across instances starting at the same time. */
  static final long REGISTRATION_LOCK = 0x5354524154445331L; // "STRATDS1"

  private final DatasetRepository datasets;
  private final DatasetBarRepository bars;

  public DatasetService(DatasetRepository datasets, DatasetBarRepository bars) {
    this.datasets = datasets;
    this.bars = bars;
  }

  /** Reads a bundled dataset's bars from the classpath (times of plain dates at UTC midnight). */
  public static List<OhlcvBar> readBundled(BundledDataset bundled) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in = loader.getResourceAsStream(bundled.resource())) {
      if (in == null) {
        throw new IllegalStateException(
            "bundled dataset " + bundled.id() + ": resource " + bundled.resource() + " not found");
      }
      return CsvBars.read(in, ZoneOffset.UTC);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + bundled.resource() + " failed", e);
    }
  }

  /**
   * Stores a bundled dataset unless a dataset with its id exists. One that exists with other
   * content keeps its content (strategies were evaluated on it) and the mismatch is logged as an
   * error.
   *
   * @return true if it was inserted
   */
  @WithTransaction
  public Uni<Boolean> register(BundledDataset bundled, List<OhlcvBar> content) {
    if (content.isEmpty()) {
      throw new IllegalArgumentException("bundled dataset " + bundled.id() + " has no bars");
    }
    Timeframe.parse(bundled.timeframe());
    String sha256 = DatasetContent.sha256(content);
    return datasets
        .getSession()
        .chain(
            s ->
                s.createNativeQuery("select 1 from pg_advisory_xact_lock(:key)", Integer.class)
                    .setParameter("key", REGISTRATION_LOCK)
                    .getSingleResult())
        .chain(() -> datasets.findById(bundled.id()))
        .chain(
            existing -> {
              if (existing != null) {
                if (!existing.sha256.equals(sha256)) {
                  Log.errorf(
                      "dataset %s is stored with sha256 %s but the bundled file has %s; keeping"
                          + " the stored content, which the stored strategies were evaluated on",
                      bundled.id(), existing.sha256, sha256);
                } else {
                  Log.debugf("dataset %s already registered", bundled.id());
                }
                return Uni.createFrom().item(false);
              }
              return insert(bundled, content, sha256).replaceWith(true);
            });
  }

  private Uni<Void> insert(BundledDataset bundled, List<OhlcvBar> content, String sha256) {
    Dataset d = new Dataset();
    d.id = bundled.id();
    d.symbol = bundled.symbol();
    d.timeframe = bundled.timeframe();
    d.barCount = content.size();
    d.firstTime = content.getFirst().time();
    d.lastTime = content.getLast().time();
    d.barsPerYear = bundled.barsPerYear();
    d.sha256 = sha256;
    d.source = bundled.source();
    d.createdAt = Instant.now();
    List<DatasetBar> rows = new ArrayList<>(content.size());
    for (int i = 0; i < content.size(); i++) {
      rows.add(DatasetBar.of(d.id, i, content.get(i)));
    }
    Log.infof(
        "registering dataset %s: %d bars of %s %s from %s to %s, sha256 %s",
        d.id, d.barCount, d.symbol, d.timeframe, d.firstTime, d.lastTime, sha256);
    return datasets.persist(d).chain(() -> bars.persist(rows));
  }

  @WithSession
  public Uni<DatasetView> find(String id) {
    return datasets
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Dataset", id))
        .map(ViewMapper::dataset);
  }

  @WithSession
  public Uni<Page<DatasetView>> page(PageRequest request) {
    return datasets
        .count()
        .chain(
            total ->
                datasets
                    .page(request)
                    .map(list -> Page.of(list, request, total).map(ViewMapper::dataset)));
  }

  /** A page of a dataset's bars; 404 when the dataset does not exist. */
  @WithSession
  public Uni<Page<BarView>> bars(String id, PageRequest request) {
    return datasets
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Dataset", id))
        .chain(
            d ->
                bars.bars(id, request)
                    .map(rows -> Page.of(rows, request, d.barCount).map(ViewMapper::bar)));
  }
}
