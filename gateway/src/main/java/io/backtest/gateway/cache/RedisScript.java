package io.backtest.gateway.cache;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script of the gateway's resources, run atomically by Redis: by its SHA-1 ({@code EVALSHA}),
 * and by its text ({@code EVAL}, which also loads it) when this Redis does not know it yet (first
 * use, or after a restart).
 */
public final class RedisScript {
  private final String resource;
  private final String text;
  private final String sha;

  private RedisScript(String resource, String text) {
    this.resource = resource;
    this.text = text;
    this.sha = sha1(text);
  }

  /** The script in the class-path resource {@code resource}. */
  public static RedisScript load(String resource) {
    try (InputStream in = RedisScript.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing");
      }
      return new RedisScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The script's text, as Redis runs it. */
  public String text() {
    return text;
  }

  /** Runs the script on {@code keys} with {@code args}. */
  public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
    return call(redis, "EVALSHA", sha, keys, args)
        .onFailure(e -> String.valueOf(e.getMessage()).startsWith("NOSCRIPT"))
        .recoverWithUni(() -> call(redis, "EVAL", text, keys, args));
  }

  private static Uni<Response> call(
      ReactiveRedisDataSource redis,
      String command,
      String script,
      List<String> keys,
      List<String> args) {
    String[] all = new String[2 + keys.size() + args.size()];
    all[0] = script;
    all[1] = Integer.toString(keys.size());
    int i = 2;
    for (String key : keys) {
      all[i++] = key;
    }
    for (String arg : args) {
      all[i++] = arg;
    }
    return redis.execute(command, all);
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return resource;
  }
}
