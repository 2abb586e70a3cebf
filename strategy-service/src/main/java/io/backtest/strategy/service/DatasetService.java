package io.backtest.strategy.service;

import io.backtest.contracts.http.Problem.FieldError;
import io.backtest.engine.data.BarsPerYear;
import io.backtest.engine.data.CsvBars;
import io.backtest.engine.data.CsvFormatException;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.data.SyntheticBars;
import io.backtest.engine.data.Timeframe;
import io.backtest.strategy.config.DatasetConfig;
import io.backtest.strategy.domain.BundledDataset;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.DatasetBarContent;
import io.backtest.strategy.domain.DatasetContent;
import io.backtest.strategy.domain.DatasetRegime;
import io.backtest.strategy.mapping.ViewMapper;
import io.backtest.strategy.repository.DatasetBarContentRepository;
import io.backtest.strategy.repository.DatasetRegimeRepository;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.rest.BarView;
import io.backtest.strategy.rest.DatasetView;
import io.backtest.strategy.rest.RegimeView;
import io.backtest.strategy.rest.SyntheticDatasetRequest;
import io.backtest.strategy.rest.SyntheticDatasetView;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.backtest.support.http.SortFields;
import io.backtest.support.http.SortRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Datasets: the bundled ones, uploads, synthetic ones, and reading. */
@ApplicationScoped
public class DatasetService {
  /** Serialises registrations across instances starting at the same time. */
  static final long REGISTRATION_LOCK = 0x5354524154445331L; // "STRATDS1"

  /** A dataset id: what the gateway accepts in paths. */
  static final Pattern DATASET_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,31}");

  static final String GBM = "gbm";
  static final String REGIME_SWITCHING = "regime-switching";
  static final Instant DEFAULT_START = Instant.parse("2020-01-01T00:00:00Z");
  static final String DEFAULT_SYMBOL = "SYN";
  static final String DEFAULT_TIMEFRAME = "1m";
  static final double DEFAULT_START_PRICE = 100;
  static final int MAX_REGIMES = 16;

  private final DatasetRepository datasets;
  private final DatasetBarContentRepository contents;
  private final DatasetRegimeRepository regimes;
  private final DatasetBarCache cache;
  private final DatasetConfig config;
  private final Vertx vertx;

  public DatasetService(
      DatasetRepository datasets,
      DatasetBarContentRepository contents,
      DatasetRegimeRepository regimes,
      DatasetBarCache cache,
      DatasetConfig config,
      Vertx vertx) {
    this.datasets = datasets;
    this.contents = contents;
    this.regimes = regimes;
    this.cache = cache;
    this.config = config;
    this.vertx = vertx;
  }

  /**
   * What a create request ended in.
   *
   * @param view the dataset
   * @param created false when the same dataset existed already (the request changed nothing)
   */
  public record Created<T>(T view, boolean created) {}

  /** Bars ready to store: parsed or generated, digested and encoded off the event loop. */
  private record Prepared(
      List<OhlcvBar> bars,
      String sha256,
      byte[] encoded,
      double barsPerYear,
      List<SyntheticBars.RegimeRun> regimes,
      long millis) {}

  /** Reads a bundled dataset's bars from the classpath. */
  public static List<OhlcvBar> readBundled(BundledDataset bundled) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in = loader.getResourceAsStream(bundled.resource())) {
      if (in == null) {
        throw new IllegalStateException(
            "bundled dataset " + bundled.id() + ": resource " + bundled.resource() + " not found");
      }
      return bundled.loader().read(in, Timeframe.parse(bundled.timeframe()));
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
    return lock()
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
              Dataset d =
                  dataset(
                      bundled.id(),
                      bundled.symbol(),
                      bundled.timeframe(),
                      content,
                      bundled.barsPerYear(),
                      sha256,
                      bundled.source());
              return insert(d, DatasetContent.encode(content), List.of()).replaceWith(true);
            });
  }

  /**
   * Stores uploaded CSV bars as dataset {@code name}. Nothing is stored when anything is invalid.
   * Uploading the same bars under the same name, symbol and timeframe again changes nothing.
   *
   * @throws ProblemException 400 for missing or malformed parameters, 413 for a body over the
   *     limit, 422 naming the row and reason of invalid CSV, 409 when {@code name} is taken by
   *     other bars
   */
  public Uni<Created<DatasetView>> upload(
      String name, String symbol, String timeframe, String barsPerYear, byte[] body) {
    List<FieldError> errors = new ArrayList<>();
    if (name == null || name.isBlank()) {
      errors.add(new FieldError("name", "is required"));
    } else if (!DATASET_ID.matcher(name).matches()) {
      errors.add(
          new FieldError(
              "name",
              "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit,"
                  + " but was '"
                  + name
                  + "'"));
    }
    checkSymbol("symbol", symbol, true, errors);
    checkTimeframe("timeframe", timeframe, true, errors);
    Double override = null;
    if (barsPerYear != null && !barsPerYear.isBlank()) {
      try {
        override = Double.parseDouble(barsPerYear.strip());
      } catch (NumberFormatException e) {
        override = Double.NaN;
      }
      if (!(override > 0) || override.isInfinite()) {
        errors.add(
            new FieldError(
                "barsPerYear", "must be a positive number but was '" + barsPerYear + "'"));
      }
    }
    if (!errors.isEmpty()) {
      throw problem(400, "Bad Request", errors);
    }
    long limit = config.maxUploadBytes();
    if (body != null && body.length > limit) {
      throw new ProblemException(
          413,
          "Content Too Large",
          "body: "
              + body.length
              + " bytes exceed the limit of "
              + limit
              + " bytes ("
              + limit / (1024 * 1024)
              + " MiB)",
          List.of(
              new FieldError(
                  "body", "must be at most " + limit + " bytes but was " + body.length)));
    }
    if (body == null || body.length == 0) {
      throw ProblemException.unprocessable(
          "body", "is empty; expected CSV with the header time,open,high,low,close,volume");
    }
    Double givenBarsPerYear = override;
    return offload(() -> prepareUpload(body, givenBarsPerYear))
        .chain(
            prepared ->
                Panache.withTransaction(
                    () ->
                        store(
                            name,
                            symbol,
                            timeframe,
                            "uploaded CSV (" + body.length + " bytes)",
                            prepared)))
        .map(c -> new Created<>(ViewMapper.dataset(c.view()), c.created()));
  }

  private Prepared prepareUpload(byte[] body, Double barsPerYear) {
    long start = System.nanoTime();
    List<OhlcvBar> bars;
    try {
      CsvBars.requireAtMostRows(body, config.maxBars());
      bars = CsvBars.read(new ByteArrayInputStream(body), ZoneOffset.UTC, config.maxBars());
    } catch (CsvFormatException e) {
      throw ProblemException.unprocessable("body", e.getMessage());
    }
    if (bars.size() < 2) {
      throw ProblemException.unprocessable(
          "body", "has " + bars.size() + " rows but a dataset needs at least 2");
    }
    double perYear = barsPerYear != null ? barsPerYear : BarsPerYear.infer(bars);
    return prepared(bars, perYear, List.of(), start);
  }

  /**
   * Generates and stores a synthetic dataset, or answers the existing one when the same request was
   * made before (same bars, symbol and timeframe give the same id).
   *
   * @throws ProblemException 400 without a body, 422 naming every invalid field
   */
  public Uni<Created<SyntheticDatasetView>> synthetic(SyntheticDatasetRequest request) {
    if (request == null) {
      throw ProblemException.badRequest("body", "a JSON object is required");
    }
    SyntheticSpec spec = SyntheticSpec.of(request, config.maxBars());
    return offload(() -> prepareSynthetic(spec))
        .chain(
            prepared ->
                Panache.withTransaction(
                    () ->
                        store(
                            syntheticId(prepared.sha256(), spec.symbol(), spec.timeframe()),
                            spec.symbol(),
                            spec.timeframe(),
                            spec.describe(),
                            prepared)))
        .chain(
            c ->
                Panache.withSession(() -> regimes.runs(c.view().id))
                    .map(
                        runs ->
                            new Created<>(
                                new SyntheticDatasetView(
                                    ViewMapper.dataset(c.view()),
                                    runs.stream().map(DatasetService::regimeView).toList()),
                                c.created())));
  }

  private Prepared prepareSynthetic(SyntheticSpec spec) {
    long start = System.nanoTime();
    SyntheticBars.Generated generated = spec.generate();
    return prepared(
        generated.bars(), BarsPerYear.infer(generated.bars()), generated.regimes(), start);
  }

  private static Prepared prepared(
      List<OhlcvBar> bars, double barsPerYear, List<SyntheticBars.RegimeRun> runs, long start) {
    String sha256 = DatasetContent.sha256(bars);
    byte[] encoded = DatasetContent.encode(bars);
    return new Prepared(
        bars, sha256, encoded, barsPerYear, runs, (System.nanoTime() - start) / 1_000_000);
  }

  /** {@code synthetic-} and 16 hex digits of SHA-256 over the content digest, symbol, timeframe. */
  static String syntheticId(String sha256, String symbol, String timeframe) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((sha256 + "\n" + symbol + "\n" + timeframe).getBytes(StandardCharsets.UTF_8));
      return "synthetic-" + HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Inserts the prepared bars as dataset {@code id} unless it exists: the same content, symbol and
   * timeframe is the same dataset (not created again); anything else under that id is a conflict.
   */
  private Uni<Created<Dataset>> store(
      String id, String symbol, String timeframe, String source, Prepared prepared) {
    long start = System.nanoTime();
    return lock()
        .chain(() -> datasets.findById(id))
        .chain(
            existing -> {
              if (existing != null) {
                if (existing.sha256.equals(prepared.sha256())
                    && existing.symbol.equals(symbol)
                    && existing.timeframe.equals(timeframe)) {
                  return Uni.createFrom().item(new Created<>(existing, false));
                }
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict(
                            "Dataset "
                                + id
                                + " exists with other bars, symbol or timeframe (sha256 "
                                + existing.sha256
                                + "); datasets never change: choose another name"));
              }
              Dataset d =
                  dataset(
                      id,
                      symbol,
                      timeframe,
                      prepared.bars(),
                      prepared.barsPerYear(),
                      prepared.sha256(),
                      source);
              return insert(d, prepared.encoded(), prepared.regimes())
                  .invoke(
                      () ->
                          Log.infof(
                              "dataset %s: %d bars prepared in %d ms (%d bytes stored), inserted"
                                  + " in %d ms",
                              id,
                              d.barCount,
                              prepared.millis(),
                              prepared.encoded().length,
                              (System.nanoTime() - start) / 1_000_000))
                  .replaceWith(new Created<>(d, true));
            });
  }

  private Uni<Integer> lock() {
    return datasets
        .getSession()
        .chain(
            s ->
                s.createNativeQuery("select 1 from pg_advisory_xact_lock(:key)", Integer.class)
                    .setParameter("key", REGISTRATION_LOCK)
                    .getSingleResult());
  }

  private static Dataset dataset(
      String id,
      String symbol,
      String timeframe,
      List<OhlcvBar> bars,
      double barsPerYear,
      String sha256,
      String source) {
    Dataset d = new Dataset();
    d.id = id;
    d.symbol = symbol;
    d.timeframe = timeframe;
    d.barCount = bars.size();
    d.firstTime = bars.getFirst().time();
    d.lastTime = bars.getLast().time();
    d.barsPerYear = barsPerYear;
    d.sha256 = sha256;
    d.source = source;
    d.createdAt = Instant.now();
    return d;
  }

  private Uni<Void> insert(Dataset d, byte[] encoded, List<SyntheticBars.RegimeRun> runs) {
    Log.infof(
        "registering dataset %s: %d bars of %s %s from %s to %s, sha256 %s",
        d.id, d.barCount, d.symbol, d.timeframe, d.firstTime, d.lastTime, d.sha256);
    Duration step = Timeframe.parse(d.timeframe);
    List<DatasetRegime> rows = new ArrayList<>(runs.size());
    for (int i = 0; i < runs.size(); i++) {
      SyntheticBars.RegimeRun run = runs.get(i);
      rows.add(
          DatasetRegime.of(
              d.id,
              i,
              run.regime(),
              run.fromIndex(),
              run.toIndex(),
              d.firstTime.plus(step.multipliedBy(run.fromIndex()))));
    }
    Uni<Void> stored =
        datasets
            .persist(d)
            .chain(() -> contents.persist(DatasetBarContent.of(d.id, encoded)))
            .replaceWithVoid();
    return rows.isEmpty()
        ? stored.replaceWithVoid()
        : stored.chain(() -> regimes.persist(rows)).replaceWithVoid();
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
  public Uni<Page<DatasetView>> page(PageRequest request, SortRequest order) {
    return datasets
        .count()
        .chain(
            total ->
                datasets
                    .page(request, order)
                    .map(list -> Page.of(list, request, total).map(ViewMapper::dataset)));
  }

  /**
   * What a dataset's bars sort by: their time (their position, which the time follows strictly); by
   * default oldest first. They are sorted in memory, from the decoded content.
   */
  public static final SortFields BAR_SORT =
      SortFields.tiebreaker("seq").field("time", "seq").byDefault("time");

  /**
   * A page of a dataset's bars in {@code order} ({@link #BAR_SORT}), from its decoded content; 404
   * when it does not exist.
   */
  @WithSession
  public Uni<Page<BarView>> bars(String id, PageRequest request, SortRequest order) {
    boolean newestFirst = order.keys().getFirst().descending();
    return datasets
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Dataset", id))
        .chain(
            d ->
                cache
                    .bars(d)
                    .map(bars -> Page.of(slice(bars, request, newestFirst), request, bars.size())));
  }

  private static List<BarView> slice(
      List<OhlcvBar> bars, PageRequest request, boolean newestFirst) {
    if (request.offset() >= bars.size()) {
      return List.of();
    }
    int from = (int) request.offset();
    int to = Math.min(bars.size(), from + request.size());
    List<BarView> page = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      int seq = newestFirst ? bars.size() - 1 - i : i;
      OhlcvBar b = bars.get(seq);
      page.add(new BarView(seq, b.time(), b.open(), b.high(), b.low(), b.close(), b.volume()));
    }
    return page;
  }

  /**
   * The true regimes of a synthetic regime-switching dataset, in time order; 404 when the dataset
   * does not exist or has no labels.
   */
  @WithSession
  public Uni<List<RegimeView>> regimes(String id) {
    return datasets
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Dataset", id))
        .chain(() -> regimes.runs(id))
        .map(
            runs -> {
              if (runs.isEmpty()) {
                throw new ProblemException(
                    404,
                    "Not Found",
                    "Dataset "
                        + id
                        + " has no regime labels; only regime-switching synthetic datasets have"
                        + " them",
                    List.of());
              }
              return runs.stream().map(DatasetService::regimeView).toList();
            });
  }

  private static RegimeView regimeView(DatasetRegime r) {
    return new RegimeView(r.regime, r.fromIndex, r.toIndex, r.fromTime);
  }

  /** Runs {@code work} on a worker thread; the result arrives on the caller's context. */
  private <T> Uni<T> offload(Callable<T> work) {
    return Uni.createFrom()
        .completionStage(() -> vertx.executeBlocking(work, false).toCompletionStage());
  }

  static ProblemException problem(int status, String title, List<FieldError> errors) {
    String detail =
        errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; "));
    return new ProblemException(status, title, detail, errors);
  }

  static void checkSymbol(String field, String symbol, boolean required, List<FieldError> errors) {
    if (symbol == null || symbol.isBlank()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
    } else if (!SYMBOL.matcher(symbol).matches()) {
      errors.add(
          new FieldError(
              field,
              "must be 1 to 32 letters, digits, '.', '_', '/', ':' or '-' but was '"
                  + symbol
                  + "'"));
    }
  }

  static void checkTimeframe(
      String field, String timeframe, boolean required, List<FieldError> errors) {
    if (timeframe == null || timeframe.isBlank()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return;
    }
    try {
      Duration d = Timeframe.parse(timeframe);
      if (d.getNano() != 0) {
        errors.add(new FieldError(field, "must be a whole number of seconds"));
      }
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, e.getMessage()));
    }
  }

  /** A validated synthetic request with its defaults filled in. */
  record SyntheticSpec(
      String model,
      String symbol,
      String timeframe,
      SyntheticBars.Frame frame,
      double drift,
      double volatility,
      List<SyntheticBars.Regime> regimes) {

    static SyntheticSpec of(SyntheticDatasetRequest r, int maxBars) {
      List<FieldError> errors = new ArrayList<>();
      String model = r.model() == null ? null : r.model().strip().toLowerCase(Locale.ROOT);
      if (model == null || model.isEmpty()) {
        errors.add(new FieldError("model", "is required: gbm or regime-switching"));
      } else if (!model.equals(GBM) && !model.equals(REGIME_SWITCHING)) {
        errors.add(
            new FieldError("model", "must be gbm or regime-switching but was '" + r.model() + "'"));
      }
      if (r.bars() == null) {
        errors.add(new FieldError("bars", "is required"));
      } else if (r.bars() < 2 || r.bars() > maxBars) {
        errors.add(
            new FieldError("bars", "must be between 2 and " + maxBars + " but was " + r.bars()));
      }
      if (r.seed() == null) {
        errors.add(new FieldError("seed", "is required"));
      }
      checkSymbol("symbol", r.symbol(), false, errors);
      checkTimeframe("timeframe", r.timeframe(), false, errors);
      String symbol = r.symbol() == null || r.symbol().isBlank() ? DEFAULT_SYMBOL : r.symbol();
      String timeframe =
          r.timeframe() == null || r.timeframe().isBlank() ? DEFAULT_TIMEFRAME : r.timeframe();
      Instant start = DEFAULT_START;
      if (r.start() != null && !r.start().isBlank()) {
        try {
          start = Instant.parse(r.start().strip());
          if (start.getNano() != 0) {
            errors.add(new FieldError("start", "must be a whole second but was " + r.start()));
          }
        } catch (DateTimeException e) {
          errors.add(
              new FieldError(
                  "start",
                  "must be an ISO-8601 instant such as 2020-01-01T00:00:00Z but was '"
                      + r.start()
                      + "'"));
        }
      }
      double startPrice = r.startPrice() == null ? DEFAULT_START_PRICE : r.startPrice();
      if (!(startPrice > 0) || startPrice > 1e9) {
        errors.add(
            new FieldError("startPrice", "must be > 0 and at most 1e9 but was " + startPrice));
      }
      double drift = r.drift() == null ? SyntheticBars.DEFAULT_DRIFT : r.drift();
      double volatility =
          r.volatility() == null ? SyntheticBars.DEFAULT_VOLATILITY : r.volatility();
      List<SyntheticBars.Regime> regimes = SyntheticBars.DEFAULT_REGIMES;
      if (GBM.equals(model)) {
        if (r.regimes() != null) {
          errors.add(new FieldError("regimes", "applies to model regime-switching only"));
        }
        try {
          new SyntheticBars.Regime("gbm", drift, volatility, 1);
        } catch (IllegalArgumentException e) {
          errors.add(
              new FieldError(
                  Double.isFinite(drift) && Math.abs(drift) <= 0.1 ? "volatility" : "drift",
                  e.getMessage().replace("regime gbm: ", "")));
        }
      } else if (REGIME_SWITCHING.equals(model)) {
        if (r.drift() != null) {
          errors.add(new FieldError("drift", "applies to model gbm only; regimes have their own"));
        }
        if (r.volatility() != null) {
          errors.add(
              new FieldError("volatility", "applies to model gbm only; regimes have their own"));
        }
        if (r.regimes() != null) {
          regimes = regimes(r.regimes(), errors);
        }
      }
      SyntheticBars.Frame frame = null;
      if (errors.isEmpty()) {
        try {
          frame =
              new SyntheticBars.Frame(
                  r.bars(), r.seed(), start, Timeframe.parse(timeframe), startPrice);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
          errors.add(new FieldError("start", "the last bar's time is out of range"));
        }
      }
      if (!errors.isEmpty()) {
        throw problem(422, "Unprocessable Content", errors);
      }
      return new SyntheticSpec(model, symbol, timeframe, frame, drift, volatility, regimes);
    }

    private static List<SyntheticBars.Regime> regimes(
        List<SyntheticDatasetRequest.RegimeDefinition> definitions, List<FieldError> errors) {
      if (definitions.isEmpty() || definitions.size() > MAX_REGIMES) {
        errors.add(
            new FieldError(
                "regimes",
                "must list 1 to " + MAX_REGIMES + " regimes but has " + definitions.size()));
        return List.of();
      }
      List<SyntheticBars.Regime> regimes = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < definitions.size(); i++) {
        String field = "regimes[" + i + "]";
        SyntheticDatasetRequest.RegimeDefinition d = definitions.get(i);
        if (d == null) {
          errors.add(new FieldError(field, "is null"));
          continue;
        }
        int before = errors.size();
        if (d.name() == null || d.name().isBlank()) {
          errors.add(new FieldError(field + ".name", "is required"));
        } else if (names.contains(d.name())) {
          errors.add(new FieldError(field + ".name", "'" + d.name() + "' is defined twice"));
        }
        if (d.drift() == null) {
          errors.add(new FieldError(field + ".drift", "is required"));
        }
        if (d.volatility() == null) {
          errors.add(new FieldError(field + ".volatility", "is required"));
        }
        if (d.meanDuration() == null) {
          errors.add(new FieldError(field + ".meanDuration", "is required"));
        }
        if (errors.size() > before) {
          continue;
        }
        names.add(d.name());
        try {
          regimes.add(
              new SyntheticBars.Regime(d.name(), d.drift(), d.volatility(), d.meanDuration()));
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError(field, e.getMessage()));
        }
      }
      return regimes;
    }

    SyntheticBars.Generated generate() {
      return GBM.equals(model)
          ? SyntheticBars.gbm(frame, drift, volatility)
          : SyntheticBars.regimeSwitching(frame, regimes);
    }

    /** The request in words, kept as the dataset's source. */
    String describe() {
      String common =
          "synthetic "
              + model
              + ", seed "
              + frame.seed()
              + ", "
              + frame.bars()
              + " bars of "
              + timeframe
              + " from "
              + frame.start()
              + ", start price "
              + frame.startPrice();
      if (GBM.equals(model)) {
        return common + ", drift " + drift + ", volatility " + volatility + " per bar";
      }
      return common
          + ", regimes "
          + regimes.stream()
              .map(
                  g ->
                      g.name()
                          + " (drift "
                          + g.drift()
                          + ", volatility "
                          + g.volatility()
                          + ", mean "
                          + g.meanDuration()
                          + " bars)")
              .collect(Collectors.joining(", "));
    }
  }
}
