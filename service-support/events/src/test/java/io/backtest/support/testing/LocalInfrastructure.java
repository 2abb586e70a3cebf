package io.backtest.support.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Where the real services of a test run are, and whether they answer. */
public final class LocalInfrastructure {
  private LocalInfrastructure() {}

  public static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public static String postgresHost() {
    return env("PG_HOST", "127.0.0.1");
  }

  public static int postgresPort() {
    return Integer.parseInt(env("PG_PORT", "5432"));
  }

  public static String postgresUser() {
    return env("PG_USER", "postgres");
  }

  public static String postgresPassword() {
    return env("PG_PASSWORD", "");
  }

  public static String kafkaBootstrap() {
    return env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
  }

  public static String redisHost() {
    return env("REDIS_HOST", "127.0.0.1");
  }

  public static int redisPort() {
    return Integer.parseInt(env("REDIS_PORT", "6379"));
  }

  public static String keycloakUrl() {
    return env("KEYCLOAK_URL", "http://127.0.0.1:8180");
  }

  /** Whether something accepts TCP connections at host:port within a second. */
  public static boolean reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the first broker of a bootstrap list answers. */
  public static boolean kafkaReachable(String bootstrap) {
    String first = bootstrap.split(",")[0].trim();
    int colon = first.lastIndexOf(':');
    return reachable(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
  }

  public static boolean urlReachable(String url) {
    URI uri = URI.create(url);
    int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
    return reachable(uri.getHost(), port);
  }

  /** A short random id naming one test run's databases, topics and keys: {@code t1a2b3c4d}. */
  public static String newRunId() {
    // 't', a digit, then hex: the digit keeps a run's prefixed topics out of production's audit
    // pattern, whose segments hold letters only.
    byte[] bytes = new byte[4];
    ThreadLocalRandom.current().nextBytes(bytes);
    return "t" + ThreadLocalRandom.current().nextInt(10) + HexFormat.of().formatHex(bytes);
  }

  /** The message for a test that finds neither the local service nor a Docker engine. */
  public static IllegalStateException missing(String what, String where) {
    return new IllegalStateException(
        what
            + " is not reachable at "
            + where
            + " and no Docker engine is available for Testcontainers. Start the local"
            + " infrastructure with `./stack infra-up` (or run the whole suite with `./stack"
            + " test`), or run a Docker engine.");
  }
}
