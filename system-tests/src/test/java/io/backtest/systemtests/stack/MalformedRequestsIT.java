package io.backtest.systemtests.stack;

import static io.backtest.systemtests.stack.StackUnderTest.GATEWAY_URL;
import static io.backtest.systemtests.stack.StackUnderTest.as;
import static io.backtest.systemtests.stack.StackUnderTest.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.bench.load.RealmUsers;
import io.backtest.contracts.http.Problem;
import io.backtest.support.testing.LocalInfrastructure;
import io.backtest.systemtests.deploy.RepositoryFiles;
import io.backtest.systemtests.deploy.ServiceTable;
import io.backtest.systemtests.stack.MalformedRequests.Bucket;
import io.backtest.systemtests.stack.MalformedRequests.Probe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * At least 1,000 malformed requests ({@link MalformedRequests}, from a seed printed at the start;
 * {@code -Dmalformed.seed=N} repeats a run) to every operation of the API: each must get a 4xx
 * problem+json whose status is the answer's (never a 5xx, never 401 or 403: the tokens are valid
 * and of the role each operation needs), and afterwards every service is still ready and the API
 * still answers.
 *
 * <p>The gateway's rate limits hold as configured: the requests are spread over {@value #USERS}
 * users of their own (each with its own buckets, heavy jobs 20 at once), so that no bucket runs
 * dry; a 429 fails the test like any other wrong answer.
 */
class MalformedRequestsIT {
  static final int USERS = 40;
  static final int PARALLEL = 8;

  private static final long SEED =
      Long.parseLong(
          System.getProperty(
              "malformed.seed", LocalInfrastructure.env("MALFORMED_SEED", "20260101")));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final List<String> NAMES = new ArrayList<>();
  private static final RealmUsers REALM =
      new RealmUsers(
          HTTP,
          StackUnderTest.KEYCLOAK_URL,
          LocalInfrastructure.env("KEYCLOAK_ADMIN_USER", "admin"),
          LocalInfrastructure.env("KEYCLOAK_ADMIN_PASSWORD", "admin"));

  @BeforeAll
  static void stackIsUp() throws Exception {
    StackUnderTest.requireRunningStack();
    for (int i = 1; i <= USERS; i++) {
      NAMES.add(String.format(Locale.ROOT, "malformed-%02d", i));
    }
    // operator for the jobs, admin for promote, demote and rollback: every answer is about the
    // request, none a 403
    REALM.ensure(NAMES, List.of("viewer", "operator", "admin"));
  }

  @AfterAll
  static void usersDeleted() throws Exception {
    if (!NAMES.isEmpty()) {
      REALM.delete(NAMES);
    }
  }

  /** What went wrong with one request. */
  record Failure(Probe probe, int status, String contentType, String answer) {
    @Override
    public String toString() {
      String body = probe.body() == null ? "" : new String(probe.body(), StandardCharsets.UTF_8);
      return String.format(
          Locale.ROOT,
          "%s %s [%s] (%s, %d bytes: %s) -> %s %s: %s",
          probe.method(),
          abbreviate(probe.path(), 160),
          probe.contentType(),
          probe.kind(),
          probe.body() == null ? 0 : probe.body().length,
          abbreviate(body, 160),
          status < 0 ? "no answer" : Integer.toString(status),
          contentType,
          abbreviate(answer, 300));
    }
  }

  @Test
  void everyMalformedRequestGetsAClientErrorProblemAndTheStackStaysHealthy() throws Exception {
    List<Probe> probes = new MalformedRequests(SEED).all();
    assertThat(probes).hasSizeGreaterThanOrEqualTo(1_000);
    Map<Bucket, Long> perBucket = new EnumMap<>(Bucket.class);
    probes.forEach(p -> perBucket.merge(p.bucket(), 1L, Long::sum));
    System.out.printf(
        "malformed requests: seed %d (-Dmalformed.seed=%d repeats it), %d requests %s over %d"
            + " users against %s%n",
        SEED, SEED, probes.size(), perBucket, USERS, GATEWAY_URL);

    // tokens first, so that Keycloak's password hashing is not timed with the requests
    try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
      List<Future<String>> logins = new ArrayList<>();
      for (String name : NAMES) {
        logins.add(pool.submit(() -> token(name)));
      }
      for (Future<String> login : logins) {
        login.get();
      }
    }

    Map<Bucket, AtomicInteger> turns = new EnumMap<>(Bucket.class);
    for (Bucket b : Bucket.values()) {
      turns.put(b, new AtomicInteger());
    }
    List<Failure> failures = new ArrayList<>();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    long t0 = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
      List<Future<Failure>> sent = new ArrayList<>();
      for (Probe probe : probes) {
        String user = NAMES.get(turns.get(probe.bucket()).getAndIncrement() % USERS);
        sent.add(pool.submit(() -> check(probe, token(user), statuses)));
      }
      for (Future<Failure> f : sent) {
        Failure failure = f.get();
        if (failure != null) {
          failures.add(failure);
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "malformed requests: %d sent in %.1f s, answers by status %s, %d wrong%n",
        probes.size(),
        seconds,
        new TreeMap<>(statuses),
        failures.size());

    assertThat(failures)
        .as(
            "requests (seed %d) not answered with a 4xx problem+json of the expected status:%n%s",
            SEED, String.join("\n", failures.stream().map(Failure::toString).toList()))
        .isEmpty();
    assertThat(statuses).as("rate limited answers").doesNotContainKey(429);

    assertEveryServiceIsReady();
    assertThat(as("viewer").get("/api/v1/templates").statusCode())
        .as("GET /api/v1/templates after the malformed requests")
        .isEqualTo(200);
  }

  /** Sends one request; the failure, or null when the answer is right. */
  private static Failure check(Probe probe, String token, Map<Integer, Integer> statuses) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(GATEWAY_URL + probe.path()))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json, application/problem+json");
    if (probe.contentType() != null) {
      request.header("Content-Type", probe.contentType());
    }
    request.method(
        probe.method(),
        probe.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
    HttpResponse<String> answer;
    try {
      answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new Failure(probe, -1, "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failure(probe, -1, "", "interrupted");
    }
    int status = answer.statusCode();
    statuses.merge(status, 1, Integer::sum);
    String type = answer.headers().firstValue("Content-Type").orElse("");
    Failure failure = new Failure(probe, status, type, answer.body());
    boolean statusOk =
        probe.expected() != 0
            ? status == probe.expected()
            : status >= 400 && status < 500 && status != 401 && status != 403 && status != 429;
    if (!statusOk || !type.startsWith(Problem.MEDIA_TYPE)) {
      return failure;
    }
    try {
      JsonNode problem = JSON.readTree(answer.body());
      boolean complete =
          problem.path("status").asInt() == status
              && !problem.path("title").asText().isBlank()
              && !problem.path("detail").asText().isBlank();
      return complete ? null : failure;
    } catch (IOException e) {
      return failure;
    }
  }

  /** Every service of the instance answers /q/health/ready with UP. */
  private static void assertEveryServiceIsReady() throws Exception {
    URI gateway = URI.create(GATEWAY_URL);
    ServiceTable table = ServiceTable.read(RepositoryFiles.serviceTable());
    int gatewayPort =
        table.services().stream()
            .filter(s -> s.name().equals("gateway"))
            .findFirst()
            .orElseThrow()
            .port();
    int offset = gateway.getPort() - gatewayPort;
    for (ServiceTable.Service service : table.services()) {
      URI ready =
          URI.create(
              "http://" + gateway.getHost() + ":" + (service.port() + offset) + "/q/health/ready");
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode())
          .as("%s %s: %s", service.name(), ready, answer.body())
          .isEqualTo(200);
      assertThat(JSON.readTree(answer.body()).path("status").asText())
          .as("%s readiness", service.name())
          .isEqualTo("UP");
    }
  }

  private static String abbreviate(String s, int max) {
    String oneLine = s.replace("\n", "\\n").replace("\r", "\\r");
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
  }
}
