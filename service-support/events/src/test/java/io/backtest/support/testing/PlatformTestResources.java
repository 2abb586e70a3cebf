package io.backtest.support.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Gives a Quarkus test run its own fresh database, topics and keys on the real infrastructure, and
 * removes them afterwards, so that a run never depends on what an earlier one left behind.
 *
 * <p>Uses the services {@code ./stack} runs when they answer (the only way on machines without a
 * Docker engine), else starts Testcontainers when a Docker engine is available, else fails saying
 * what to start. Init args: {@code database} (base name; omit for no database), {@code app-role}
 * (with a database: the service connects as a login role of this base name, made for the run with a
 * password and dropped afterwards, while Flyway migrates as the owner; omit to connect as the
 * owner), {@code kafka} ({@code true} by default), {@code redis} and {@code keycloak} ({@code
 * false} by default).
 */
public class PlatformTestResources implements QuarkusTestResourceLifecycleManager {
  private static final Logger LOG = Logger.getLogger(PlatformTestResources.class);

  /** Stands for an empty password where Quarkus needs a value; never asked for by the server. */
  private static final String NO_PASSWORD = "none";

  private final String runId = LocalInfrastructure.newRunId();
  private final List<GenericContainer<?>> containers = new ArrayList<>();
  private final List<Runnable> cleanups = new ArrayList<>();
  private String database;
  private String appRole;
  private boolean kafka = true;
  private boolean redis;
  private boolean keycloak;

  @Override
  public void init(Map<String, String> args) {
    database = args.get("database");
    appRole = args.get("app-role");
    kafka = Boolean.parseBoolean(args.getOrDefault("kafka", "true"));
    redis = Boolean.parseBoolean(args.getOrDefault("redis", "false"));
    keycloak = Boolean.parseBoolean(args.getOrDefault("keycloak", "false"));
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    if (database != null) {
      config.putAll(startDatabase(database + "_" + runId));
    }
    if (kafka) {
      config.putAll(startKafka(runId + "."));
    }
    if (redis) {
      config.putAll(startRedis(runId + ":"));
    }
    if (keycloak) {
      config.putAll(startKeycloak());
    }
    LOG.infof("test run %s: %s", runId, config);
    return config;
  }

  @Override
  public void stop() {
    for (Runnable cleanup : cleanups.reversed()) {
      try {
        cleanup.run();
      } catch (RuntimeException e) {
        LOG.warnf(e, "test run %s: cleanup failed", runId);
      }
    }
    containers.forEach(GenericContainer::stop);
  }

  private Map<String, String> startDatabase(String name) {
    String host = LocalInfrastructure.postgresHost();
    int port = LocalInfrastructure.postgresPort();
    String user = LocalInfrastructure.postgresUser();
    String password = LocalInfrastructure.postgresPassword();
    if (!LocalInfrastructure.reachable(host, port)) {
      if (!dockerAvailable()) {
        throw LocalInfrastructure.missing("PostgreSQL", host + ":" + port);
      }
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
      container.start();
      containers.add(container);
      host = container.getHost();
      port = container.getMappedPort(5432);
      user = container.getUsername();
      password = container.getPassword();
    }
    String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
    String finalUser = user;
    String finalPassword = password;
    String role = null;
    String rolePassword = null;
    if (appRole != null) {
      // a role of the run's own, so that runs never share or reset one another's (roles belong to
      // the cluster); the migrations grant it what the service may do. Dropped after the database
      // (cleanups run in reverse), which holds its privileges.
      role = appRole + "_" + runId;
      rolePassword = UUID.randomUUID().toString();
      sql(
          admin,
          user,
          password,
          "create role \"" + role + "\" login password '" + rolePassword + "'");
      String finalRole = role;
      cleanups.add(
          () -> sql(admin, finalUser, finalPassword, "drop role if exists \"" + finalRole + "\""));
    }
    sql(admin, user, password, "create database \"" + name + "\"");
    cleanups.add(
        () ->
            sql(
                admin,
                finalUser,
                finalPassword,
                "drop database if exists \"" + name + "\" with (force)"));
    Map<String, String> config = new HashMap<>();
    if (appRole == null) {
      config.put("quarkus.datasource.username", user);
      config.put("quarkus.datasource.password", password);
    } else {
      config.put("quarkus.datasource.username", role);
      config.put("quarkus.datasource.password", rolePassword);
      config.put("quarkus.flyway.username", user);
      // Quarkus uses Flyway's own user only with a password, and an empty value counts as none;
      // a user without a password can only be trusted by the server, which then asks for none
      config.put("quarkus.flyway.password", password.isEmpty() ? NO_PASSWORD : password);
    }
    config.put("quarkus.datasource.reactive.url", "postgresql://" + host + ":" + port + "/" + name);
    config.put(
        "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + ":" + port + "/" + name);
    return config;
  }

  private Map<String, String> startKafka(String prefix) {
    String bootstrap = LocalInfrastructure.kafkaBootstrap();
    if (!LocalInfrastructure.kafkaReachable(bootstrap)) {
      if (!dockerAvailable()) {
        throw LocalInfrastructure.missing("Kafka", bootstrap);
      }
      KafkaContainer container = new KafkaContainer("apache/kafka:4.1.2");
      container.start();
      containers.add(container);
      bootstrap = container.getBootstrapServers();
    }
    String finalBootstrap = bootstrap;
    cleanups.add(() -> deleteTopics(finalBootstrap, prefix));
    TestKafka.createPlatformTopics(bootstrap, prefix);
    return Map.of("kafka.bootstrap.servers", bootstrap, "backtest.topic-prefix", prefix);
  }

  private Map<String, String> startRedis(String prefix) {
    String host = LocalInfrastructure.redisHost();
    int port = LocalInfrastructure.redisPort();
    if (!LocalInfrastructure.reachable(host, port)) {
      if (!dockerAvailable()) {
        throw LocalInfrastructure.missing("Redis", host + ":" + port);
      }
      GenericContainer<?> container =
          new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
      container.start();
      containers.add(container);
      host = container.getHost();
      port = container.getMappedPort(6379);
    }
    String finalHost = host;
    int finalPort = port;
    cleanups.add(() -> TestRedis.deleteKeys(finalHost, finalPort, prefix));
    return Map.of(
        "quarkus.redis.hosts", "redis://" + host + ":" + port, "backtest.key-prefix", prefix);
  }

  private Map<String, String> startKeycloak() {
    String url = LocalInfrastructure.keycloakUrl();
    if (!LocalInfrastructure.urlReachable(url)) {
      if (!dockerAvailable()) {
        throw LocalInfrastructure.missing("Keycloak", url);
      }
      GenericContainer<?> container =
          new GenericContainer<>("quay.io/keycloak/keycloak:26.5.6")
              .withExposedPorts(8080)
              .withCopyFileToContainer(
                  org.testcontainers.utility.MountableFile.forHostPath(
                      TestTokens.realmFile().toString()),
                  "/opt/keycloak/data/import/backtest-realm.json")
              .withCommand("start-dev", "--import-realm")
              .waitingFor(
                  org.testcontainers.containers.wait.strategy.Wait.forHttp(
                          "/realms/backtest/.well-known/openid-configuration")
                      .forStatusCode(200));
      container.start();
      containers.add(container);
      url = "http://" + container.getHost() + ":" + container.getMappedPort(8080);
    }
    return Map.of(
        "quarkus.oidc.auth-server-url", url + "/realms/backtest", "test.keycloak-url", url);
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static void sql(String url, String user, String password, String statement) {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    try (Connection c = DriverManager.getConnection(url, props);
        Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement + " failed: " + e.getMessage(), e);
    }
  }

  private static void deleteTopics(String bootstrap, String prefix) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Set<String> topics =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(t -> t.startsWith(prefix))
              .collect(Collectors.toSet());
      if (!topics.isEmpty()) {
        admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
      }
      LOG.infof("deleted %d topics with prefix %s", topics.size(), prefix);
    } catch (Exception e) {
      throw new IllegalStateException("deleting topics " + prefix + "* failed", e);
    }
  }
}
