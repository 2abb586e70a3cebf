package io.backtest.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * The load bench of the running stack ({@code ./stack bench --load}): N users (50 by default), each
 * a Keycloak user of its own ({@code bench-01} ...) with its own rate limit buckets, read the API
 * through the gateway in {@link LoadMix}'s mix for a warm-up and then for the measured time, and
 * the bench prints per class (cached: {@code X-Cache: HIT}; uncached) and per endpoint the count,
 * throughput, p50/p95/p99/max and errors by status, then the targets as PASS/FAIL lines.
 *
 * <p>Closed loop: each user sends a request, reads the whole answer, waits a random think time (0
 * to 1,000 ms by default: a dashboard user's pace, about two requests a second; {@code --think-ms
 * 40} drives the stack to saturation instead) and sends the next. A latency is the time from the
 * send to the answer's last byte on one keep-alive HTTP/1.1 connection pool; it is the service time
 * at that concurrency, without a coordinated-omission correction (there is no schedule a slow
 * answer could delay). Each user stays well under the read limit (50 a second) unless answers take
 * under a few milliseconds.
 *
 * <p>Usage: {@code java -jar bench/target/benchmarks.jar --load [--users N] [--duration S]
 * [--warm-up S] [--think-ms MAX] [--gateway URL] [--keycloak URL] [--seed N] [--check]}. {@code
 * --check} only looks for the data the mix reads (exit 3 when something is missing). The master
 * realm's administrator who creates the users is {@code KEYCLOAK_ADMIN_USER} / {@code
 * KEYCLOAK_ADMIN_PASSWORD} (admin/admin). Exit 0: no errors; 1: errors or a failure; 2: wrong
 * usage; 3: the stack lacks data the mix needs.
 */
public final class LoadBench {
  /** Targets of the load issue, on 2 cores. */
  static final double CACHED_P95_MS = 25;

  static final double UNCACHED_P95_MS = 100;

  /** The user that seeds an empty live set (admin role), and how many it promotes. */
  static final String ADMIN = "bench-admin";

  static final int LIVE_SEED = 5;

  private int users = 50;
  private Duration duration = Duration.ofSeconds(60);
  private Duration warmUp = Duration.ofSeconds(10);
  private int thinkMillis = 1000;
  private long seed = 1;
  private boolean checkOnly;
  private String gateway = env("GATEWAY_URL", "http://127.0.0.1:8080");
  private String keycloak = env("KEYCLOAK_URL", "http://127.0.0.1:8180");

  private LoadBench() {}

  public static void main(String[] args) {
    LoadBench bench = new LoadBench();
    int rc;
    try {
      bench.parse(args);
      rc = bench.run();
    } catch (IllegalArgumentException e) {
      System.err.println("load: " + e.getMessage());
      rc = 2;
    } catch (Exception e) {
      System.err.println("load: " + e);
      rc = 1;
    }
    System.exit(rc);
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--check")) {
        checkOnly = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown argument or missing value: " + arg);
      }
      String value = args[++i];
      switch (arg) {
        case "--users" -> users = positive(arg, value);
        case "--duration" -> duration = Duration.ofSeconds(positive(arg, value));
        case "--warm-up" -> warmUp = Duration.ofSeconds(Integer.parseInt(value));
        case "--think-ms" -> thinkMillis = Integer.parseInt(value);
        case "--gateway" -> gateway = value;
        case "--keycloak" -> keycloak = value;
        case "--seed" -> seed = Long.parseLong(value);
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    if (users > 99) {
      throw new IllegalArgumentException("--users: at most 99 (bench-01 ... bench-99)");
    }
    gateway = gateway.replaceAll("/+$", "");
  }

  private int run() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    RealmUsers realm =
        new RealmUsers(
            http,
            keycloak,
            env("KEYCLOAK_ADMIN_USER", "admin"),
            env("KEYCLOAK_ADMIN_PASSWORD", "admin"));
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= users; i++) {
      names.add(String.format(Locale.ROOT, "bench-%02d", i));
    }
    long t0 = System.nanoTime();
    realm.ensure(names, List.of("viewer"));
    List<RealmUsers.Token> tokens = loginAll(realm, names);
    System.out.printf(
        Locale.ROOT,
        "users: %s ... %s (role viewer) in realm %s of %s, logged in in %.1f s%n",
        names.getFirst(),
        names.getLast(),
        RealmUsers.REALM,
        keycloak,
        (System.nanoTime() - t0) / 1e9);

    LoadData data = LoadData.discover(http, gateway, tokens.getFirst().value());
    if (data.liveCount() == 0 && !data.strategies().isEmpty()) {
      // the demo ends with its live strategies demoted for drift: a dashboard reads a live set
      realm.ensure(List.of(ADMIN), List.of("viewer", "operator", "admin"));
      int promoted = LoadData.promote(http, gateway, realm.login(ADMIN).value(), data, LIVE_SEED);
      System.out.printf(
          "seeded the live set: %s promoted %d of the leaderboards' strategies by hand%n",
          ADMIN, promoted);
      data = LoadData.discover(http, gateway, tokens.getFirst().value());
    }
    System.out.printf(
        Locale.ROOT,
        "data: %d completed cycles with final leaderboards, %d of their strategies, %d live,"
            + " %d markets with regimes %s%n",
        data.completedCycles().size(),
        data.strategies().size(),
        data.liveCount(),
        data.symbols().size(),
        data.symbols());
    if (!data.missing().isEmpty()) {
      System.out.println(
          "missing: "
              + String.join(", ", data.missing())
              + " (./stack bench --load runs ./stack demo's cycles first, which make them)");
      return 3;
    }
    if (checkOnly) {
      return 0;
    }

    System.out.printf(
        Locale.ROOT,
        "load: %d users against %s, closed loop (send, read the whole answer, think 0-%d ms,"
            + " send again), warm-up %d s (not counted), then %d s measured%n",
        users,
        gateway,
        thinkMillis,
        warmUp.toSeconds(),
        duration.toSeconds());
    LoadStats stats = new LoadStats();
    long start = System.nanoTime();
    long measureFrom = start + warmUp.toNanos();
    long end = measureFrom + duration.toNanos();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        User user =
            new User(
                names.get(i),
                tokens.get(i),
                realm,
                http,
                data,
                stats,
                new SplittableRandom(seed * 1_000_003 + i));
        running.add(threads.submit(() -> user.run(measureFrom, end)));
      }
      for (Future<?> f : running) {
        f.get();
      }
    }
    double seconds = duration.toNanos() / 1e9;
    System.out.println();
    System.out.print(
        stats.table(seconds, LoadMix.OPERATIONS.stream().map(LoadMix.Operation::name).toList()));
    System.out.println();
    System.out.println(
        "latency: send to the answer's last byte, successful answers only; errors by status (io:"
            + " no answer). Closed loop: no coordinated-omission correction.");
    long errors = stats.errors();
    target(
        "cached reads (X-Cache: HIT) p95 <= 25 ms",
        stats.p95Millis(LoadStats.CACHED),
        CACHED_P95_MS,
        stats.count(LoadStats.CACHED));
    target(
        "uncached reads p95 <= 100 ms",
        stats.p95Millis(LoadStats.UNCACHED),
        UNCACHED_P95_MS,
        stats.count(LoadStats.UNCACHED));
    System.out.printf(
        Locale.ROOT, "target: 0 errors: %s (%d errors)%n", errors == 0 ? "PASS" : "FAIL", errors);
    return errors == 0 ? 0 : 1;
  }

  private static void target(String what, double p95, double limit, long count) {
    String verdict =
        count == 0
            ? "n/a (no such answers)"
            : String.format(Locale.ROOT, "%s (p95 %.1f ms)", p95 <= limit ? "PASS" : "FAIL", p95);
    System.out.printf("target: %s: %s%n", what, verdict);
  }

  /** Logs every user in, a few at a time (Keycloak hashes each password). */
  private static List<RealmUsers.Token> loginAll(RealmUsers realm, List<String> names)
      throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<RealmUsers.Token>> logins = new ArrayList<>();
      for (String name : names) {
        logins.add(pool.submit(() -> realm.login(name)));
      }
      List<RealmUsers.Token> tokens = new ArrayList<>();
      for (Future<RealmUsers.Token> login : logins) {
        tokens.add(login.get());
      }
      return tokens;
    }
  }

  /** One user's loop, on a virtual thread of its own. */
  private final class User {
    private final String name;
    private final RealmUsers realm;
    private final HttpClient http;
    private final LoadData data;
    private final LoadStats stats;
    private final SplittableRandom random;
    private RealmUsers.Token token;

    User(
        String name,
        RealmUsers.Token token,
        RealmUsers realm,
        HttpClient http,
        LoadData data,
        LoadStats stats,
        SplittableRandom random) {
      this.name = name;
      this.token = token;
      this.realm = realm;
      this.http = http;
      this.data = data;
      this.stats = stats;
      this.random = random;
    }

    void run(long measureFrom, long end) {
      while (System.nanoTime() < end) {
        LoadMix.Operation operation = LoadMix.next(random);
        String path = operation.path().apply(data, random);
        HttpRequest request;
        try {
          request = request(path);
        } catch (IOException | InterruptedException e) {
          stats.failed(operation.name(), false, "login");
          return;
        }
        long sent = System.nanoTime();
        boolean counted = sent >= measureFrom;
        try {
          HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
          long micros = (System.nanoTime() - sent) / 1000;
          boolean cached = answer.headers().firstValue("X-Cache").orElse("").equals("HIT");
          if (counted) {
            if (answer.statusCode() < 400) {
              stats.answered(operation.name(), cached, micros);
            } else {
              stats.failed(operation.name(), cached, Integer.toString(answer.statusCode()));
            }
          }
        } catch (HttpTimeoutException e) {
          if (counted) {
            stats.failed(operation.name(), false, "timeout");
          }
        } catch (IOException e) {
          if (counted) {
            stats.failed(operation.name(), false, "io");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (thinkMillis > 0) {
          LockSupport.parkNanos(random.nextLong(thinkMillis * 1_000_000L + 1));
        }
      }
    }

    private HttpRequest request(String path) throws IOException, InterruptedException {
      if (System.nanoTime() >= token.renewAtNanos()) {
        token = realm.login(name);
      }
      return HttpRequest.newBuilder(URI.create(gateway + path))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token.value())
          .header("Accept", "application/json")
          .GET()
          .build();
    }
  }

  private static int positive(String name, String value) {
    int n = Integer.parseInt(value);
    if (n <= 0) {
      throw new IllegalArgumentException(name + " must be positive but was " + value);
    }
    return n;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
