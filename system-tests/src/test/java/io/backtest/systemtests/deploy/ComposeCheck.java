package io.backtest.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks {@code docker-compose.yml} against the local stack: every service of the service table
 * with its port, build, database and the environment {@code ./stack} gives it, health checks, and
 * start order on healthy infrastructure. Returns the problems found, one sentence each; none means
 * consistent.
 */
public final class ComposeCheck {
  static final String KAFKA = "kafka";
  static final String POSTGRES = "postgres";
  static final String REDIS = "redis";
  static final String KEYCLOAK = "keycloak";
  static final String DOCKERFILE = "src/main/docker/Dockerfile.jvm";
  static final String HEALTH_READY = "/q/health/ready";

  private static final String INIT_DIR = "/docker-entrypoint-initdb.d";
  private static final String KEYCLOAK_IMPORT_DIR = "/opt/keycloak/data/import/";
  private static final String REALM_FILE = "deploy/keycloak/backtest-realm.json";
  private static final Pattern CREATE_DATABASE =
      Pattern.compile("(?i)\\bcreate\\s+database\\s+\"?([A-Za-z0-9_]+)\"?");
  private static final Pattern SQL_LINE_COMMENT = Pattern.compile("--[^\n]*");
  private static final Pattern EXPOSE = Pattern.compile("(?m)^\\s*EXPOSE\\s+(\\d+)");

  private final ServiceTable table;
  private final StackScript stack;
  private final Path root;

  public ComposeCheck(ServiceTable table, StackScript stack, Path root) {
    this.table = table;
    this.stack = stack;
    this.root = root;
  }

  public List<String> problems(JsonNode compose) {
    List<String> problems = new ArrayList<>();
    JsonNode services = compose.path("services");
    if (!services.isObject()) {
      problems.add("compose: no services");
      return problems;
    }
    checkKafka(services.path(KAFKA), problems);
    Set<String> databases = checkPostgres(services.path(POSTGRES), problems);
    checkRedis(services.path(REDIS), problems);
    checkKeycloak(services.path(KEYCLOAK), problems);
    for (ServiceTable.Service service : table.services()) {
      JsonNode node = services.path(service.name());
      if (!node.isObject()) {
        problems.add("compose: service " + service.name() + " of services.tsv is not declared");
        continue;
      }
      checkService(service, node, services, databases, problems);
    }
    return problems;
  }

  private void checkService(
      ServiceTable.Service service,
      JsonNode node,
      JsonNode services,
      Set<String> databases,
      List<String> problems) {
    String where = "compose: service " + service.name() + ": ";
    String port = String.valueOf(service.port());

    // Build: the module's JVM Dockerfile, with the module as context.
    String context = Yaml.text(node.path("build").path("context"));
    if (context == null || !Path.of(context).normalize().equals(Path.of(service.module()))) {
      problems.add(where + "build.context is " + context + ", expected ./" + service.module());
    }
    String dockerfile = Yaml.text(node.path("build").path("dockerfile"));
    if (!DOCKERFILE.equals(dockerfile)) {
      problems.add(where + "build.dockerfile is " + dockerfile + ", expected " + DOCKERFILE);
    }
    checkDockerfile(service, where, problems);

    // Ports: published on the same port as the local stack, so the same URLs work.
    if (!publishes(node, service.port(), service.port())) {
      problems.add(where + "does not publish port " + port + " as " + port);
    }

    // Environment: exactly the names ./stack passes, with the values that must agree.
    Map<String, String> env = environment(node.path("environment"));
    Set<String> expected = stack.environmentOf(service, table);
    for (String name : expected) {
      if (!env.containsKey(name)) {
        problems.add(where + "environment lacks " + name + " (./stack passes it)");
      }
    }
    for (String name : env.keySet()) {
      if (!expected.contains(name)) {
        problems.add(where + "environment has " + name + ", which ./stack does not pass");
      }
    }
    expect(where, env, "QUARKUS_HTTP_PORT", port, problems);
    expect(where, env, "BACKTEST_TOPIC_PREFIX", "", problems);
    expect(where, env, "OIDC_AUDIENCE", stack.setting("OIDC_AUDIENCE"), problems);
    checkKafkaAddress(where, env.get("KAFKA_BOOTSTRAP_SERVERS"), services, problems);
    checkIssuer(where, env.get("OIDC_AUTH_SERVER_URL"), services, problems);
    if (service.database().isPresent()) {
      String database = service.database().get();
      expect(where, env, "PG_DATABASE", database, problems);
      expect(where, env, "PG_HOST", POSTGRES, problems);
      expect(where, env, "PG_PORT", "5432", problems);
      expect(where, env, "PG_USER", stack.setting("PG_USER"), problems);
      if (!databases.contains(database)) {
        problems.add(
            where + "database " + database + " is not created by the postgres init script");
      }
    }
    if (service.name().equals(stack.gateway())) {
      expect(where, env, "REDIS_HOST", REDIS, problems);
      expect(where, env, "REDIS_PORT", "6379", problems);
      expect(where, env, "BACKTEST_KEY_PREFIX", "", problems);
      for (ServiceTable.Service backend : table.backends()) {
        expect(
            where,
            env,
            backend.urlEnv().orElseThrow(),
            "http://" + backend.name() + ":" + backend.port(),
            problems);
      }
    }

    // Health: the readiness endpoint on the service's own port.
    String health = Yaml.joined(node.path("healthcheck").path("test"));
    if (!health.contains(HEALTH_READY) || !health.contains(port)) {
      problems.add(where + "healthcheck does not ask " + HEALTH_READY + " on port " + port);
    }

    // Start order: only on healthy infrastructure. The event-driven services need Kafka and their
    // database; the gateway (no Kafka, no database) needs Keycloak for the tokens, Redis, and the
    // services it calls.
    Set<String> needed = new LinkedHashSet<>();
    if (service.name().equals(stack.gateway())) {
      needed.add(KEYCLOAK);
      needed.add(REDIS);
      table.backends().forEach(b -> needed.add(b.name()));
    } else {
      needed.add(KAFKA);
    }
    if (service.database().isPresent()) {
      needed.add(POSTGRES);
    }
    checkDependsOn(where, node.path("depends_on"), needed, services, problems);
  }

  private void checkDockerfile(ServiceTable.Service service, String where, List<String> problems) {
    Path file = root.resolve(service.module()).resolve(DOCKERFILE);
    if (!Files.exists(file)) {
      problems.add(where + service.module() + "/" + DOCKERFILE + " does not exist");
      return;
    }
    Matcher expose = EXPOSE.matcher(read(file));
    if (expose.find() && !expose.group(1).equals(String.valueOf(service.port()))) {
      problems.add(
          where
              + service.module()
              + "/"
              + DOCKERFILE
              + " exposes "
              + expose.group(1)
              + ", services.tsv says "
              + service.port());
    }
  }

  private void checkKafka(JsonNode kafka, List<String> problems) {
    String where = "compose: service kafka: ";
    if (!kafka.isObject()) {
      problems.add("compose: service kafka is not declared");
      return;
    }
    String image = Yaml.text(kafka.path("image"));
    if (image == null || !image.startsWith("apache/kafka:")) {
      problems.add(where + "image is " + image + ", expected the official apache/kafka");
    }
    requireHealthcheck(where, kafka, problems);
    Map<String, String> env = environment(kafka.path("environment"));
    int partitions = EventCatalog.ALL.stream().mapToInt(EventType::partitions).max().orElseThrow();
    String configured = env.get("KAFKA_NUM_PARTITIONS");
    if (configured == null || Integer.parseInt(configured) < partitions) {
      problems.add(
          where
              + "KAFKA_NUM_PARTITIONS is "
              + configured
              + ": auto-created topics need at least "
              + partitions
              + " partitions (EventCatalog)");
    }
    // One broker: every replication factor of internal topics must be 1, or they are never created.
    for (String name :
        List.of(
            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")) {
      if (!"1".equals(env.get(name))) {
        problems.add(where + name + " must be 1 on a single broker, is " + env.get(name));
      }
    }
    env.forEach(
        (name, value) -> {
          if (name.endsWith("REPLICATION_FACTOR") && !"1".equals(value)) {
            problems.add(where + name + " must be 1 on a single broker, is " + value);
          }
        });
  }

  private Set<String> checkPostgres(JsonNode postgres, List<String> problems) {
    String where = "compose: service postgres: ";
    if (!postgres.isObject()) {
      problems.add("compose: service postgres is not declared");
      return Set.of();
    }
    String image = Yaml.text(postgres.path("image"));
    if (image == null || !image.startsWith("postgres:")) {
      problems.add(where + "image is " + image + ", expected postgres");
    }
    if (!Yaml.joined(postgres.path("healthcheck").path("test")).contains("pg_isready")) {
      problems.add(where + "healthcheck does not use pg_isready");
    }
    Set<String> databases = new HashSet<>();
    boolean mounted = false;
    for (Mount mount : mounts(postgres)) {
      if (mount.target().equals(INIT_DIR) || mount.target().startsWith(INIT_DIR + "/")) {
        mounted = true;
        databases.addAll(createdDatabases(root.resolve(mount.source()).normalize()));
      }
    }
    if (!mounted) {
      problems.add(where + "no init script is mounted into " + INIT_DIR);
    }
    return databases;
  }

  private void checkRedis(JsonNode redis, List<String> problems) {
    if (!redis.isObject()) {
      problems.add("compose: service redis is not declared");
      return;
    }
    requireHealthcheck("compose: service redis: ", redis, problems);
  }

  private void checkKeycloak(JsonNode keycloak, List<String> problems) {
    String where = "compose: service keycloak: ";
    if (!keycloak.isObject()) {
      problems.add("compose: service keycloak is not declared");
      return;
    }
    String image = Yaml.text(keycloak.path("image"));
    if (image == null || !image.startsWith("quay.io/keycloak/keycloak:")) {
      problems.add(where + "image is " + image + ", expected quay.io/keycloak/keycloak");
    }
    if (!Yaml.joined(keycloak.path("command")).contains("--import-realm")) {
      problems.add(where + "command does not import the realm (--import-realm)");
    }
    boolean realm =
        mounts(keycloak).stream()
            .anyMatch(
                m ->
                    m.source().equals(Path.of(REALM_FILE))
                        && m.target().startsWith(KEYCLOAK_IMPORT_DIR));
    if (!realm) {
      problems.add(where + "./" + REALM_FILE + " is not mounted into " + KEYCLOAK_IMPORT_DIR);
    }
    int port = Integer.parseInt(stack.setting("KEYCLOAK_PORT"));
    if (!publishes(keycloak, port, keycloakHttpPort(keycloak))) {
      problems.add(where + "does not publish its HTTP port as " + port);
    }
    requireHealthcheck(where, keycloak, problems);
    // The issuer of the tokens the host fetches is KC_HOSTNAME: the local stack's URL.
    String hostname = environment(keycloak.path("environment")).get("KC_HOSTNAME");
    String localIssuerBase = "http://127.0.0.1:" + port;
    if (!localIssuerBase.equals(hostname)) {
      problems.add(
          where
              + "KC_HOSTNAME is "
              + hostname
              + ", expected "
              + localIssuerBase
              + " so that the issuer is the same inside and outside the network");
    }
  }

  /** Services reach Keycloak by its network name, and must read the fixed issuer there. */
  private void checkIssuer(String where, String url, JsonNode services, List<String> problems) {
    if (url == null) {
      return; // reported as a missing variable
    }
    JsonNode keycloak = services.path(KEYCLOAK);
    String expected =
        "http://"
            + KEYCLOAK
            + ":"
            + keycloakHttpPort(keycloak)
            + "/realms/"
            + stack.setting("REALM");
    if (!expected.equals(url)) {
      problems.add(where + "OIDC_AUTH_SERVER_URL is " + url + ", expected " + expected);
    }
    Map<String, String> kc = environment(keycloak.path("environment"));
    String hostname = kc.get("KC_HOSTNAME");
    if (hostname != null
        && !URI.create(hostname).getHost().equals(KEYCLOAK)
        && !"true".equals(kc.get("KC_HOSTNAME_BACKCHANNEL_DYNAMIC"))) {
      problems.add(
          where
              + "reaches Keycloak as "
              + KEYCLOAK
              + " while KC_HOSTNAME is "
              + hostname
              + ": KC_HOSTNAME_BACKCHANNEL_DYNAMIC must be true, or the discovery document sends"
              + " it to "
              + hostname);
    }
  }

  private static void checkKafkaAddress(
      String where, String bootstrap, JsonNode services, List<String> problems) {
    if (bootstrap == null) {
      return; // reported as a missing variable
    }
    String advertised =
        environment(services.path(KAFKA).path("environment"))
            .getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
    boolean listed =
        Stream.of(advertised.split(","))
            .map(l -> l.substring(l.indexOf("//") + 2))
            .anyMatch(bootstrap::equals);
    if (!bootstrap.startsWith(KAFKA + ":") || !listed) {
      problems.add(
          where
              + "KAFKA_BOOTSTRAP_SERVERS is "
              + bootstrap
              + ", which is not an advertised in-network listener of kafka ("
              + advertised
              + ")");
    }
  }

  private static void checkDependsOn(
      String where,
      JsonNode dependsOn,
      Set<String> needed,
      JsonNode services,
      List<String> problems) {
    for (String dependency : needed) {
      JsonNode entry = dependsOn.path(dependency);
      if (dependsOn.isArray()
          && Yaml.elements(dependsOn).stream().anyMatch(e -> e.asText().equals(dependency))) {
        problems.add(where + "depends_on " + dependency + " without condition: service_healthy");
      } else if (!entry.isObject()) {
        problems.add(where + "does not depend on " + dependency);
      } else if (!"service_healthy".equals(Yaml.text(entry.path("condition")))) {
        problems.add(where + "depends_on " + dependency + " without condition: service_healthy");
      } else if (Yaml.joined(services.path(dependency).path("healthcheck").path("test"))
          .isBlank()) {
        problems.add(
            where + "waits for " + dependency + " to be healthy, which has no healthcheck");
      }
    }
  }

  private static void requireHealthcheck(String where, JsonNode node, List<String> problems) {
    String test = Yaml.joined(node.path("healthcheck").path("test"));
    if (test.isBlank() || test.equals("NONE")) {
      problems.add(where + "has no healthcheck");
    }
  }

  private static void expect(
      String where, Map<String, String> env, String name, String value, List<String> problems) {
    if (env.containsKey(name) && !value.equals(env.get(name))) {
      problems.add(where + name + " is '" + env.get(name) + "', expected '" + value + "'");
    }
  }

  private static int keycloakHttpPort(JsonNode keycloak) {
    String port = environment(keycloak.path("environment")).get("KC_HTTP_PORT");
    return port == null ? 8080 : Integer.parseInt(port);
  }

  /** Whether a service publishes container port {@code target} on host port {@code published}. */
  static boolean publishes(JsonNode service, int published, int target) {
    for (JsonNode port : Yaml.elements(service.path("ports"))) {
      if (port.isObject()) {
        if (port.path("target").asInt() == target
            && String.valueOf(published).equals(Yaml.text(port.path("published")))) {
          return true;
        }
        continue;
      }
      // [ip:][host:]container[/protocol]
      String[] parts = port.asText().split("/")[0].split(":");
      String container = parts[parts.length - 1];
      String host = parts.length >= 2 ? parts[parts.length - 2] : container;
      if (container.equals(String.valueOf(target)) && host.equals(String.valueOf(published))) {
        return true;
      }
    }
    return false;
  }

  /** A service's environment, from the map or the list ({@code NAME=value}) form; null as "". */
  static Map<String, String> environment(JsonNode node) {
    Map<String, String> env = new LinkedHashMap<>();
    if (node.isObject()) {
      env.putAll(Yaml.scalars(node));
    } else {
      for (JsonNode entry : Yaml.elements(node)) {
        String text = entry.asText();
        int eq = text.indexOf('=');
        env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
      }
    }
    return env;
  }

  /** One bind mount: a repository-relative source and a container path. */
  record Mount(Path source, String target) {}

  static List<Mount> mounts(JsonNode service) {
    List<Mount> mounts = new ArrayList<>();
    for (JsonNode volume : Yaml.elements(service.path("volumes"))) {
      String source;
      String target;
      if (volume.isObject()) {
        source = Yaml.text(volume.path("source"));
        target = Yaml.text(volume.path("target"));
      } else {
        String[] parts = volume.asText().split(":");
        if (parts.length < 2) {
          continue;
        }
        source = parts[0];
        target = parts[1];
      }
      if (source != null
          && target != null
          && (source.startsWith("./") || source.startsWith("../"))) {
        mounts.add(new Mount(Path.of(source).normalize(), target));
      }
    }
    return mounts;
  }

  /** The databases the SQL init scripts under {@code source} (a file or a directory) create. */
  private static Set<String> createdDatabases(Path source) {
    List<Path> scripts;
    try (Stream<Path> files = Files.isDirectory(source) ? Files.list(source) : Stream.of(source)) {
      scripts =
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"))
              .toList();
    } catch (IOException e) {
      return Set.of();
    }
    return scripts.stream()
        .map(f -> SQL_LINE_COMMENT.matcher(read(f)).replaceAll(""))
        .flatMap(sql -> CREATE_DATABASE.matcher(sql).results().map(r -> r.group(1)))
        .collect(Collectors.toSet());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
