package io.backtest.systemtests.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.support.testing.LocalInfrastructure;
import io.backtest.support.testing.TestKafka;
import io.backtest.systemtests.deploy.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The built audit-service ({@code audit-service/target/quarkus-app/quarkus-run.jar}) as a child
 * process of the test, with everything of its own: a fresh database, a fresh topic prefix (holding
 * a digit, as every test run's does), its own Ed25519 signing key, a free HTTP port and a log file
 * under {@code target/}. It is started with the environment {@code ./stack}'s {@code service_env}
 * gives a service, so what runs is what the local stack runs, and only the broker and the database
 * server are shared with anything else.
 *
 * <p>Why a process and not {@code @QuarkusTest}: a crash must be a real one. {@link #kill()} is
 * SIGKILL ({@link Process#destroyForcibly()} on Linux, checked through the exit status 137): no
 * shutdown hook, no consumer leaving its group, no transaction ending cleanly; only what PostgreSQL
 * and Kafka made durable survives, as in production.
 *
 * <p>{@link #close()} stops the process and removes the database, the run's topics and its consumer
 * group.
 */
final class AuditServiceProcess implements AutoCloseable {
  /** The JVM settings {@code ./stack} gives the I/O-bound services ({@code SERVICE_JAVA_OPTS}). */
  static final List<String> STACK_JVM_OPTIONS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /**
   * The JVM of the Kubernetes deployment (deploy/k8s/audit-service.yaml: the heap its
   * JAVA_OPTS_APPEND fixes, the JIT and collector the JVM chooses): what a benchmark measures.
   */
  static final List<String> DEPLOYMENT_JVM_OPTIONS = List.of("-Xmx288m");

  /** Exit status of a process ended by SIGKILL (128 + 9). */
  private static final int SIGKILL_STATUS = 137;

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String runId;
  private final String topicPrefix;
  private final String database;
  private final int port;
  private final Path jar;
  private final Path directory;
  private final Path log;
  private final List<String> jvmOptions;
  private final Map<String, String> systemProperties;
  private final String signingKey;
  private final HttpClient http;
  private final Admin admin;
  private Process process;
  private int launches;

  private AuditServiceProcess(List<String> jvmOptions, Map<String, String> systemProperties) {
    this.jar = RepositoryFiles.root().resolve("audit-service/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " is missing: build it first (./mvnw -B package -pl audit-service -am -DskipTests,"
              + " or ./stack test, which installs every module before the system tests)");
    }
    this.runId = LocalInfrastructure.newRunId();
    this.topicPrefix = runId + ".";
    this.database = "audit_" + runId;
    this.port = freePort();
    this.directory =
        RepositoryFiles.root().resolve("system-tests/target/audit-service-process/" + runId);
    this.log = directory.resolve("audit-service.log");
    this.jvmOptions = List.copyOf(jvmOptions);
    this.systemProperties = Map.copyOf(systemProperties);
    this.signingKey = newSigningKey();
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.kafkaBootstrap()));
  }

  /**
   * Prepares an instance (database, key, port; nothing runs yet).
   *
   * @param jvmOptions the child JVM's options, e.g. {@link #STACK_JVM_OPTIONS}
   * @param systemProperties configuration given as {@code -D} options, on top of the environment
   */
  static AuditServiceProcess prepare(
      List<String> jvmOptions, Map<String, String> systemProperties) {
    AuditServiceProcess service = new AuditServiceProcess(jvmOptions, systemProperties);
    try {
      Files.createDirectories(service.directory.resolve("work"));
      service.adminSql("create database \"" + service.database + "\"");
    } catch (IOException | RuntimeException e) {
      service.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    return service;
  }

  String runId() {
    return runId;
  }

  String topicPrefix() {
    return topicPrefix;
  }

  /** The physical name of a logical topic in this instance. */
  String topic(String logical) {
    return topicPrefix + logical;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  Path log() {
    return log;
  }

  List<String> jvmOptions() {
    return jvmOptions;
  }

  Map<String, String> systemProperties() {
    return systemProperties;
  }

  /**
   * Creates the given topics (logical name, partitions) before the service subscribes to them,
   * every partition online before this returns ({@link TestKafka#createOnline}).
   */
  void createTopics(Map<String, Integer> partitionsByLogicalTopic) {
    Map<String, Integer> physical = new LinkedHashMap<>();
    partitionsByLogicalTopic.forEach(
        (logical, partitions) -> physical.put(topic(logical), partitions));
    TestKafka.createOnline(LocalInfrastructure.kafkaBootstrap(), physical);
  }

  /** Starts the service and waits until {@code /q/health/ready} answers 200. */
  Duration start() {
    long t0 = System.nanoTime();
    launch();
    awaitReady();
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  /** Starts the process without waiting for it to be ready. */
  synchronized void launch() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("audit-service already runs (pid " + process.pid() + ")");
    }
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmOptions);
    systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.resolve("work").toFile());
    Map<String, String> env = builder.environment();
    // only what is set here: the test JVM's environment names another instance (./stack test)
    Map<String, String> inherited = new LinkedHashMap<>(env);
    env.clear();
    for (String keep : List.of("PATH", "HOME", "LANG", "TZ")) {
      if (inherited.containsKey(keep)) {
        env.put(keep, inherited.get(keep));
      }
    }
    env.putAll(environment());
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    launches++;
    appendToLog(
        "\n===== launch #" + launches + " at " + Instant.now() + ": " + String.join(" ", command));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  /** The environment of {@code ./stack}'s {@code service_env} for audit-service, and its key. */
  private Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("KAFKA_BOOTSTRAP_SERVERS", LocalInfrastructure.kafkaBootstrap());
    env.put("BACKTEST_TOPIC_PREFIX", topicPrefix);
    env.put("PG_HOST", LocalInfrastructure.postgresHost());
    env.put("PG_PORT", Integer.toString(LocalInfrastructure.postgresPort()));
    env.put("PG_USER", LocalInfrastructure.postgresUser());
    env.put("PG_PASSWORD", LocalInfrastructure.postgresPassword());
    env.put("PG_DATABASE", database);
    // audit-service validates no tokens itself (the gateway does), so no OIDC_* settings
    env.put("AUDIT_SIGNING_PRIVATE_KEY", signingKey);
    env.put("AUDIT_SIGNING_EPHEMERAL_IF_MISSING", "false");
    return env;
  }

  /** Waits until the service answers ready; fails with the log's tail if it dies or times out. */
  void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Process current = process;
      if (current == null || !current.isAlive()) {
        throw new IllegalStateException(
            "audit-service exited with status "
                + (current == null ? "?" : current.exitValue())
                + " before it was ready"
                + logTail());
      }
      try {
        if (http.send(request("/q/health/ready"), HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "audit-service was not ready within " + READY_TIMEOUT + logTail());
  }

  /**
   * SIGKILL, and waits until the process is gone.
   *
   * @return the killed process's pid
   */
  synchronized long kill() {
    Process current = requireRunning();
    long pid = current.pid();
    // Process.destroyForcibly() is kill(pid, SIGKILL) on Linux; the status proves it
    current.destroyForcibly();
    int status = waitFor(current, Duration.ofSeconds(30));
    if (status != SIGKILL_STATUS) {
      throw new IllegalStateException(
          "audit-service (pid " + pid + ") ended with status " + status + ", not by SIGKILL");
    }
    appendToLog("===== SIGKILL pid " + pid + " at " + Instant.now());
    return pid;
  }

  /** SIGKILL, then start again; returns the time until ready again. */
  Duration restart() {
    kill();
    return start();
  }

  /** SIGTERM (a graceful shutdown), SIGKILL after 20 s. */
  synchronized void stop() {
    Process current = process;
    if (current == null || !current.isAlive()) {
      return;
    }
    current.destroy();
    try {
      if (!current.waitFor(20, TimeUnit.SECONDS)) {
        current.destroyForcibly();
        waitFor(current, Duration.ofSeconds(30));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      current.destroyForcibly();
    }
  }

  boolean isRunning() {
    Process current = process;
    return current != null && current.isAlive();
  }

  // ---------------------------------------------------------------------------------- HTTP

  /** GET a path of the service; the response whatever its status. */
  HttpResponse<String> get(String path, Duration timeout) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .timeout(timeout)
              .header("Accept", "application/json, text/plain")
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET a JSON answer of the audit API ({@code /api/v1/audit/...}); fails unless 200. */
  JsonNode auditApi(String path, Duration timeout) {
    HttpResponse<String> response = get("/api/v1/audit/" + path, timeout);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET /api/v1/audit/" + path + ": " + response.statusCode() + " " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /**
   * The value of a Prometheus metric at {@code /q/metrics} (summed over its label sets), or empty
   * when the service does not expose it or does not answer.
   */
  OptionalDouble metric(String name) {
    HttpResponse<String> response;
    try {
      response = get("/q/metrics", Duration.ofSeconds(2));
    } catch (RuntimeException notAnswering) {
      return OptionalDouble.empty();
    }
    if (response.statusCode() != 200) {
      return OptionalDouble.empty();
    }
    return PrometheusText.sum(response.body(), name);
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .timeout(Duration.ofSeconds(2))
        .GET()
        .build();
  }

  // ---------------------------------------------------------------------------------- JDBC

  /** A connection to the service's database, as the PostgreSQL superuser the stack uses. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(
        jdbcUrl(database),
        LocalInfrastructure.postgresUser(),
        LocalInfrastructure.postgresPassword());
  }

  /** A query answering one number (null, or no row, reads as 0); 0 before the schema exists. */
  long scalar(String sql, Object... parameters) {
    try (Connection c = connect();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) { // undefined_table: Flyway has not run yet
        return 0;
      }
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /**
   * The entries of the log that record a sent event, i.e. all but the log's own checkpoints: the
   * last seq less the checkpoint entries, two index lookups, cheap enough to poll every second on a
   * large log. It relies on seq being gapless, which the crash test asserts with a full count.
   */
  long recordedEvents() {
    return scalar(
        "select coalesce((select max(seq) from audit_entry), 0)"
            + " - (select count(*) from audit_entry where type = ?)",
        AuditEvents.CHECKPOINT_TYPE);
  }

  /** Every event id in the log. */
  Set<UUID> eventIds() {
    Set<UUID> ids = new HashSet<>();
    try (Connection c = connect();
        PreparedStatement statement = c.prepareStatement("select event_id from audit_entry");
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getObject(1, UUID.class));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the event ids: " + e.getMessage(), e);
    }
    return ids;
  }

  // ---------------------------------------------------------------------------------- teardown

  /** Stops the service, drops its database, deletes its topics and its consumer group. */
  @Override
  public void close() {
    List<String> problems = new ArrayList<>();
    try {
      stop();
    } catch (RuntimeException e) {
      problems.add("stop: " + e);
    }
    try {
      adminSql("drop database if exists \"" + database + "\" with (force)");
    } catch (RuntimeException e) {
      problems.add("drop database " + database + ": " + e.getMessage());
    }
    try {
      Set<String> topics =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(t -> t.startsWith(topicPrefix))
              .collect(Collectors.toSet());
      if (!topics.isEmpty()) {
        admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
      }
      admin
          .deleteConsumerGroups(List.of(topicPrefix + "audit-service"))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      problems.add("Kafka cleanup of " + topicPrefix + "*: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      admin.close(Duration.ofSeconds(5));
    }
    if (!problems.isEmpty()) {
      System.err.println("audit-service " + runId + " teardown: " + String.join("; ", problems));
    }
  }

  // ---------------------------------------------------------------------------------- helpers

  private synchronized Process requireRunning() {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException("audit-service does not run" + logTail());
    }
    return process;
  }

  private void adminSql(String sql) {
    try (Connection c =
            DriverManager.getConnection(
                jdbcUrl("postgres"),
                LocalInfrastructure.postgresUser(),
                LocalInfrastructure.postgresPassword());
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static String jdbcUrl(String db) {
    return "jdbc:postgresql://"
        + LocalInfrastructure.postgresHost()
        + ":"
        + LocalInfrastructure.postgresPort()
        + "/"
        + db;
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A base64 PKCS#8 Ed25519 private key, as {@code tool audit-key} makes one. */
  private static String newSigningKey() {
    try {
      return Base64.getEncoder()
          .encodeToString(
              KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void appendToLog(String line) {
    try {
      Files.writeString(
          log,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "\n----- last lines of "
          + log
          + " -----\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return " (no log at " + log + ")";
    }
  }

  private static int waitFor(Process p, Duration timeout) {
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("pid " + p.pid() + " still runs after " + timeout);
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
