package io.backtest.gateway.stub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * One stubbed service: answers each {@code METHOD path} with the answer a test gave it (404 problem
 * when none), and records every request it got.
 */
public final class StubService {
  private final String name;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  private StubService(String name, HttpServer server) {
    this.name = name;
    this.server = server;
  }

  static StubService start(String name) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      StubService stub = new StubService(name, server);
      server.createContext("/", stub::handle);
      server.setExecutor(stub.executor);
      server.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException("stub " + name + " cannot start", e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Sets the answer to {@code METHOD path} (the path without query). */
  public void answer(String method, String path, Answer answer) {
    answers.put(method + " " + path, answer);
  }

  /** Every request received for {@code METHOD path}, oldest first. */
  public List<RecordedRequest> requests(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  /** The requests received with this correlation id. */
  public List<RecordedRequest> requestsWithCorrelationId(String correlationId) {
    return requests.stream()
        .filter(r -> correlationId.equals(r.header("X-Correlation-Id")))
        .toList();
  }

  /** The one request received with this correlation id; fails unless there is exactly one. */
  public RecordedRequest onlyRequestWithCorrelationId(String correlationId) {
    List<RecordedRequest> found = requestsWithCorrelationId(correlationId);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one request with correlation id " + correlationId + " but got " + found);
    }
    return found.getFirst();
  }

  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      requests.add(
          new RecordedRequest(method, path, exchange.getRequestURI().getRawQuery(), headers, body));
      Answer answer = answers.get(method + " " + path);
      if (answer == null) {
        answer =
            Answer.problem(
                404, "Not Found", name + " stub has no answer for " + method + " " + path);
      }
      if (!answer.delay().isZero()) {
        try {
          Thread.sleep(answer.delay());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (answer.dropConnection()) {
        // closes the exchange without a status line: the caller sees the connection fail
        return;
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      if (answer.contentType() != null) {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /**
   * A canned answer.
   *
   * @param status HTTP status
   * @param contentType media type of the body, or null
   * @param body the body (empty for none)
   * @param headers extra response headers
   * @param delay how long to wait before answering
   * @param dropConnection close the connection instead of answering
   */
  public record Answer(
      int status,
      String contentType,
      String body,
      Map<String, String> headers,
      Duration delay,
      boolean dropConnection) {

    public static Answer json(int status, String body) {
      return new Answer(status, "application/json", body, Map.of(), Duration.ZERO, false);
    }

    public static Answer problem(int status, String title, String detail) {
      return new Answer(
          status,
          "application/problem+json",
          """
          {"type":"about:blank","title":"%s","status":%d,"detail":"%s","errors":[]}"""
              .formatted(title, status, detail),
          Map.of(),
          Duration.ZERO,
          false);
    }

    public static Answer dropped() {
      return new Answer(0, null, "", Map.of(), Duration.ZERO, true);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> more = new TreeMap<>(headers);
      more.put(name, value);
      return new Answer(status, contentType, body, more, delay, dropConnection);
    }

    public Answer after(Duration wait) {
      return new Answer(status, contentType, body, headers, wait, dropConnection);
    }
  }

  /**
   * A request the stub received.
   *
   * @param method HTTP method
   * @param path the path, without query
   * @param query the raw query string, or null
   * @param headers headers by case-insensitive name
   * @param body the body text
   */
  public record RecordedRequest(
      String method, String path, String query, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name);
    }

    /** The query's parameters, decoded (one value each); empty without a query. */
    public Map<String, String> queryParameters() {
      if (query == null || query.isEmpty()) {
        return Map.of();
      }
      return Arrays.stream(query.split("&"))
          .map(p -> p.split("=", 2))
          .collect(
              Collectors.toMap(
                  p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                  p -> p.length < 2 ? "" : URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
  }
}
