import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The local stack's helper, so that ./stack needs nothing but a JDK (no psql, redis-cli, kafka
 * scripts or jq). Run with the JDK's source launcher; its classpath comes from
 * deploy/local/tool/pom.xml:
 *
 * <pre>java -cp ".stack/tool/libs/*" deploy/local/StackTool.java COMMAND ...</pre>
 *
 * Connection settings come from the environment (see USAGE). Exit codes: 0 done, 1 failed,
 * 2 wrong usage.
 */
public class StackTool {

  static final String USAGE =
      """
      usage: java -cp "<libs>/*" deploy/local/StackTool.java COMMAND [ARGS]

      PostgreSQL (PG_HOST=127.0.0.1 PG_PORT=5432 PG_USER=postgres PG_PASSWORD=):
        pg-check                          connect and print the server version
        pg-create-dbs DB...               create the databases that do not exist yet
        pg-drop-dbs DB...                 drop the databases (closing their connections)
      Kafka (KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092):
        kafka-roundtrip [TOPIC]           produce one record and consume it back (default stack.smoke)
        kafka-delete-topics PREFIX        delete every topic and consumer group whose name starts with PREFIX
        kafka-create-topics PREFIX FILE   create the topics FILE (deploy/k8s/kafka-topics.yaml) declares, named
                                          PREFIX + topicName, that do not exist yet; wait until every partition
                                          is online
      Redis (REDIS_HOST=127.0.0.1 REDIS_PORT=6379 REDIS_PASSWORD=):
        redis-ping                        PING
        redis-delete-keys PREFIX          SCAN + UNLINK every key that starts with PREFIX
      HTTP:
        wait-ready [--timeout S] [--pid-dir DIR] NAME=URL...
                                          wait until every URL answers 200; when DIR is given, a NAME whose
                                          process (DIR/NAME.pid) has exited counts as failed at once.
                                          Prints the names that did not become ready on stdout, exit 1.
      Keycloak (KEYCLOAK_URL=http://127.0.0.1:8180 KEYCLOAK_REALM=backtest KEYCLOAK_CLIENT=backtest-cli):
        token USER [PASSWORD]             print an access token (password grant; password defaults to USER)
        token-claims USER [PASSWORD]      print the access token's payload as JSON
      Demo:
        audit-key                         print a new Ed25519 private key (base64 PKCS#8) for audit-service
        parameter-key                     print a new 256-bit key (base64 of 32 random bytes) for strategy-service's
                                          parameters at rest (an AES-256 key or the fingerprint key)
        audit-export GATEWAY_URL DIR [FROM [TO]]
                                          download the audit log's export (entries FROM..TO, default all)
                                          to DIR/export.jsonl, the public keys to DIR/public-keys.json,
                                          and add the latest signed head to DIR/witnessed-heads.jsonl
        demo GATEWAY_URL                  run two research cycles (noise, planted edge) through the gateway,
                                          then replay a market whose edge vanishes: drift, demotion
        bench-cycle GATEWAY_URL           time a 200-candidate walk-forward cycle over 100,000 synthetic bars
      """;

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(3))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      System.err.print(USAGE);
      System.exit(args.length == 0 ? 2 : 0);
    }
    String cmd = args[0];
    List<String> rest = List.of(args).subList(1, args.length);
    int rc;
    try {
      rc =
          switch (cmd) {
            case "pg-check" -> pgCheck();
            case "pg-create-dbs" -> pgCreateDbs(rest);
            case "pg-drop-dbs" -> pgDropDbs(rest);
            case "kafka-roundtrip" -> kafkaRoundtrip(rest);
            case "kafka-delete-topics" -> kafkaDeleteTopics(rest);
            case "kafka-create-topics" -> kafkaCreateTopics(rest);
            case "redis-ping" -> redisPing();
            case "redis-delete-keys" -> redisDeleteKeys(rest);
            case "wait-ready" -> waitReady(rest);
            case "token" -> tokenCmd(rest, false);
            case "token-claims" -> tokenCmd(rest, true);
            case "demo" -> demo(rest);
            case "audit-key" -> auditKey();
            case "parameter-key" -> parameterKey();
            case "audit-export" -> auditExport(rest);
            case "bench-cycle" -> benchCycle(rest);
            default -> throw new UsageException("unknown command: " + cmd);
          };
    } catch (UsageException e) {
      System.err.println("stacktool: " + e.getMessage());
      if (e.getMessage().startsWith("unknown command")) System.err.print(USAGE);
      else System.err.println("(run it without arguments for the usage)");
      rc = 2;
    } catch (Exception e) {
      System.err.println("stacktool " + cmd + ": " + describe(e));
      rc = 1;
    }
    System.exit(rc);
  }

  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** The messages of an exception and its causes, each once. */
  static String describe(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 8; t = t.getCause()) {
      String m = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
      if (parts.stream().noneMatch(p -> p.contains(m))) parts.add(m);
    }
    return String.join(": ", parts);
  }

  static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? dflt : v;
  }

  /**
   * Downloads what the offline verifier needs, as a viewer would through the gateway: the export
   * (streamed to the file), the public keys, and the latest signed head, which is added to the
   * heads this machine has witnessed so far (one JSON line each, kept across runs): a later export
   * that rewrote history must still agree with every head kept here.
   */
  static int auditExport(List<String> args) throws Exception {
    if (args.size() < 2 || args.size() > 4) {
      throw new UsageException("audit-export needs GATEWAY_URL DIR [FROM [TO]]");
    }
    String base = args.get(0).replaceAll("/+$", "");
    Path dir = Path.of(args.get(1));
    Files.createDirectories(dir);
    String token = fetchToken("viewer", "viewer");
    StringBuilder query = new StringBuilder();
    if (args.size() > 2) query.append("?fromSeq=").append(args.get(2));
    if (args.size() > 3) query.append("&toSeq=").append(args.get(3));

    Path keys = dir.resolve("public-keys.json");
    HttpResponse<String> k = HTTP.send(get(base + "/api/v1/audit/public-keys", token, "application/json"),
        HttpResponse.BodyHandlers.ofString());
    expectHttp(k.statusCode() == 200, "GET /api/v1/audit/public-keys answered HTTP " + k.statusCode() + ": " + abbreviate(k.body(), 400));
    Files.writeString(keys, k.body());

    HttpResponse<String> h = HTTP.send(get(base + "/api/v1/audit/tree-head", token, "application/json"),
        HttpResponse.BodyHandlers.ofString());
    Path witnessed = dir.resolve("witnessed-heads.jsonl");
    if (h.statusCode() == 200) {
      String line = JSON.writeValueAsString(JSON.readTree(h.body())) + "\n";
      List<String> kept = Files.exists(witnessed)
          ? Files.readAllLines(witnessed) : List.of();
      if (!kept.contains(line.strip())) {
        Files.writeString(witnessed, line, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    } else {
      expectHttp(h.statusCode() == 404, "GET /api/v1/audit/tree-head answered HTTP " + h.statusCode() + ": " + abbreviate(h.body(), 400));
      if (!Files.exists(witnessed)) Files.writeString(witnessed, "");
    }

    Path export = dir.resolve("export.jsonl");
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/audit/export" + query))
        .timeout(Duration.ofMinutes(30))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/x-ndjson, application/problem+json")
        .GET()
        .build();
    HttpResponse<Path> e = HTTP.send(request, HttpResponse.BodyHandlers.ofFile(export));
    if (e.statusCode() != 200) {
      String body = Files.readString(export);
      Files.delete(export);
      throw new IllegalStateException("GET /api/v1/audit/export" + query + " answered HTTP " + e.statusCode() + ": " + abbreviate(body, 800));
    }
    long lines;
    try (var stream = Files.lines(export)) {
      lines = stream.count();
    }
    System.out.printf("audit export: %d lines, %d bytes in %s; keys in %s; %d witnessed head(s) in %s%n",
        lines, Files.size(export), export, keys,
        Files.readAllLines(witnessed).stream().filter(l -> !l.isBlank()).count(), witnessed);
    return 0;
  }

  static void expectHttp(boolean ok, String message) {
    if (!ok) throw new IllegalStateException(message);
  }

  static HttpRequest get(String url, String token, String accept) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Accept", accept)
        .GET()
        .build();
  }

  /** Prints a new Ed25519 private key, PKCS#8 in base64: audit-service's tree-head signing key. */
  static int auditKey() throws Exception {
    java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    System.out.println(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
    return 0;
  }

  /**
   * Prints 32 random bytes in base64: a key of strategy-service's parameters at rest (AES-256, or
   * the fingerprints' HMAC-SHA256 key), as {@code openssl rand -base64 32} would.
   */
  static int parameterKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    System.out.println(Base64.getEncoder().encodeToString(key));
    return 0;
  }

  static void require(boolean ok, String message) {
    if (!ok) throw new UsageException(message);
  }

  // ---------------------------------------------------------------- PostgreSQL

  static final Pattern DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  static Connection pg() throws SQLException {
    String url =
        "jdbc:postgresql://"
            + env("PG_HOST", "127.0.0.1")
            + ":"
            + env("PG_PORT", "5432")
            + "/postgres?connectTimeout=5&ApplicationName=stacktool";
    Properties p = new Properties();
    p.setProperty("user", env("PG_USER", "postgres"));
    String pw = System.getenv("PG_PASSWORD");
    if (pw != null && !pw.isEmpty()) p.setProperty("password", pw);
    return DriverManager.getConnection(url, p);
  }

  static List<String> dbNames(List<String> names) {
    require(!names.isEmpty(), "no database names given");
    for (String n : names) {
      require(DB_NAME.matcher(n).matches(), "not a plain database name: " + n);
    }
    return names;
  }

  static int pgCheck() throws SQLException {
    try (Connection c = pg();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      System.out.println("PostgreSQL " + rs.getString(1));
    }
    return 0;
  }

  static int pgCreateDbs(List<String> args) throws SQLException {
    List<String> names = dbNames(args);
    List<String> created = new ArrayList<>();
    try (Connection c = pg();
        PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
        Statement s = c.createStatement()) {
      for (String n : names) {
        exists.setString(1, n);
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) continue;
        }
        try {
          s.execute("CREATE DATABASE \"" + n + "\"");
          created.add(n);
        } catch (SQLException e) {
          if (!"42P04".equals(e.getSQLState())) throw e; // created meanwhile by someone else
        }
      }
    }
    System.out.println(
        created.isEmpty() ? "databases present: " + String.join(" ", names) : "created databases: " + String.join(" ", created));
    return 0;
  }

  static int pgDropDbs(List<String> args) throws SQLException {
    List<String> names = dbNames(args);
    try (Connection c = pg();
        Statement s = c.createStatement()) {
      for (String n : names) {
        s.execute("DROP DATABASE IF EXISTS \"" + n + "\" WITH (FORCE)");
      }
    }
    System.out.println("dropped databases: " + String.join(" ", names));
    return 0;
  }

  // ---------------------------------------------------------------- Kafka

  static String bootstrap() {
    return env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
  }

  static int kafkaRoundtrip(List<String> args) throws Exception {
    String topic = args.isEmpty() ? "stack.smoke" : args.get(0);
    String value = "roundtrip " + UUID.randomUUID();
    long t0 = System.nanoTime();
    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    pp.put(ProducerConfig.ACKS_CONFIG, "all");
    pp.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
    pp.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
    pp.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    RecordMetadata md;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
      md = producer.send(new ProducerRecord<>(topic, "stack", value)).get(30, TimeUnit.SECONDS);
    }
    System.out.printf(
        "produced to %s-%d at offset %d (%d ms)%n",
        md.topic(), md.partition(), md.offset(), (System.nanoTime() - t0) / 1_000_000);
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(md.topic(), md.partition());
      consumer.assign(List.of(tp));
      consumer.seek(tp, md.offset());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (value.equals(r.value())) {
            System.out.printf(
                "consumed it back from %s-%d at offset %d (%d ms in all)%n",
                r.topic(), r.partition(), r.offset(), (System.nanoTime() - t0) / 1_000_000);
            return 0;
          }
        }
      }
    }
    throw new IllegalStateException("the record produced to " + topic + " was not consumed within 30 s");
  }

  /**
   * The platform's topics, made before any service writes to them: a topic created by its first
   * producer has a leader before its partitions' logs exist, and an idempotent producer that writes
   * into that gap can wedge a partition until its delivery timeout (the broker refuses its retried
   * first batch as out of order). So the topics are made here, with the partitions the Kubernetes
   * deployment declares, and every partition is online (its end offset answers) before this returns.
   */
  static int kafkaCreateTopics(List<String> args) throws Exception {
    require(args.size() == 2, "kafka-create-topics needs PREFIX (may be empty) and FILE");
    String prefix = args.get(0);
    Map<String, Integer> declared = declaredTopics(Path.of(args.get(1)));
    require(!declared.isEmpty(), args.get(1) + " declares no topic (no spec.topicName)");
    long t0 = System.nanoTime();
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          declared.entrySet().stream()
              .filter(e -> !existing.contains(prefix + e.getKey()))
              .map(e -> new NewTopic(prefix + e.getKey(), e.getValue(), (short) 1))
              .toList();
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // another process (a service's first producer, a second ./stack) was quicker: fine
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      Map<String, TopicDescription> described =
          admin.describeTopics(declared.keySet().stream().map(t -> prefix + t).toList())
              .allTopicNames()
              .get(60, TimeUnit.SECONDS);
      described.forEach(
          (name, d) -> d.partitions().forEach(pi -> ends.put(new TopicPartition(name, pi.partition()), OffsetSpec.latest())));
      // answered once each partition is online at its leader (the admin client retries until then)
      admin.listOffsets(ends).all().get(60, TimeUnit.SECONDS);
      System.out.printf(
          "%d topic(s) declared, %d created, %d partitions online (%d ms)%n",
          declared.size(), missing.size(), ends.size(), (System.nanoTime() - t0) / 1_000_000);
    }
    return 0;
  }

  /** spec.topicName and spec.partitions of each KafkaTopic of a Strimzi manifest, in order. */
  static Map<String, Integer> declaredTopics(Path manifest) throws IOException {
    Map<String, Integer> topics = new LinkedHashMap<>();
    Pattern name = Pattern.compile("^\\s+topicName:\\s*(\\S+)\\s*$");
    Pattern partitions = Pattern.compile("^\\s+partitions:\\s*(\\d+)\\s*$");
    String current = null;
    for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
      Matcher m = name.matcher(line);
      if (m.matches()) {
        current = m.group(1);
        topics.put(current, 1);
        continue;
      }
      m = partitions.matcher(line);
      if (m.matches() && current != null) {
        topics.put(current, Integer.parseInt(m.group(1)));
        current = null;
      }
    }
    return topics;
  }

  static int kafkaDeleteTopics(List<String> args) throws Exception {
    require(args.size() == 1 && !args.get(0).isEmpty(), "kafka-delete-topics needs one non-empty PREFIX");
    String prefix = args.get(0);
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    try (Admin admin = Admin.create(p)) {
      List<String> topics =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(t -> t.startsWith(prefix))
              .sorted()
              .toList();
      if (!topics.isEmpty()) {
        admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
      }
      List<String> groups =
          admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
              .map(GroupListing::groupId)
              .filter(g -> g.startsWith(prefix))
              .sorted()
              .toList();
      int deletedGroups = 0;
      if (!groups.isEmpty()) {
        try {
          admin.deleteConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
          deletedGroups = groups.size();
        } catch (Exception e) {
          System.err.println("warning: could not delete every consumer group: " + describe(e));
        }
      }
      System.out.printf(
          "deleted %d topic(s) and %d consumer group(s) starting with '%s'%n",
          topics.size(), deletedGroups, prefix);
    }
    return 0;
  }

  // ---------------------------------------------------------------- Redis (RESP over a socket)

  static final class Resp implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Resp() throws IOException {
      socket = new Socket();
      socket.connect(
          new InetSocketAddress(env("REDIS_HOST", "127.0.0.1"), Integer.parseInt(env("REDIS_PORT", "6379"))),
          5000);
      socket.setSoTimeout(15000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
      String pw = System.getenv("REDIS_PASSWORD");
      if (pw != null && !pw.isEmpty()) call("AUTH", pw);
    }

    Object call(String... args) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      for (String a : args) {
        byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
        b.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(bytes);
        b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.write(b.toByteArray());
      out.flush();
      Object reply = read();
      if (reply instanceof RedisError e) throw new IOException("redis " + args[0] + ": " + e.message());
      return reply;
    }

    record RedisError(String message) {}

    Object read() throws IOException {
      int type = in.read();
      if (type < 0) throw new IOException("redis closed the connection");
      String line = line();
      return switch (type) {
        case '+' -> line;
        case '-' -> new RedisError(line);
        case ':' -> Long.parseLong(line);
        case '$' -> {
          int n = Integer.parseInt(line);
          if (n < 0) yield null;
          byte[] data = in.readNBytes(n);
          line();
          yield new String(data, StandardCharsets.UTF_8);
        }
        case '*' -> {
          int n = Integer.parseInt(line);
          if (n < 0) yield null;
          List<Object> items = new ArrayList<>(n);
          for (int i = 0; i < n; i++) items.add(read());
          yield items;
        }
        default -> throw new IOException("unexpected RESP type '" + (char) type + "'");
      };
    }

    String line() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != '\r') {
        if (c < 0) throw new IOException("redis closed the connection");
        b.write(c);
      }
      in.read(); // '\n'
      return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  static int redisPing() throws IOException {
    try (Resp r = new Resp()) {
      System.out.println(r.call("PING"));
    }
    return 0;
  }

  static int redisDeleteKeys(List<String> args) throws IOException {
    require(args.size() == 1 && !args.get(0).isEmpty(), "redis-delete-keys needs one non-empty PREFIX");
    String pattern = args.get(0).replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
    long deleted = 0;
    try (Resp r = new Resp()) {
      String cursor = "0";
      do {
        List<?> reply = (List<?>) r.call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
        cursor = (String) reply.get(0);
        List<?> keys = (List<?>) reply.get(1);
        if (!keys.isEmpty()) {
          String[] cmd = new String[keys.size() + 1];
          cmd[0] = "UNLINK";
          for (int i = 0; i < keys.size(); i++) cmd[i + 1] = (String) keys.get(i);
          deleted += (Long) r.call(cmd);
        }
      } while (!cursor.equals("0"));
    }
    System.out.printf("deleted %d redis key(s) starting with '%s'%n", deleted, args.get(0));
    return 0;
  }

  // ---------------------------------------------------------------- HTTP readiness

  static int waitReady(List<String> args) throws Exception {
    double timeout = 120;
    Path pidDir = null;
    Map<String, URI> targets = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--timeout") && i + 1 < args.size()) {
        timeout = Double.parseDouble(args.get(++i));
      } else if (a.equals("--pid-dir") && i + 1 < args.size()) {
        pidDir = Path.of(args.get(++i));
      } else {
        int eq = a.indexOf('=');
        String name = eq > 0 ? a.substring(0, eq) : a;
        targets.put(name, URI.create(eq > 0 ? a.substring(eq + 1) : a));
      }
    }
    require(!targets.isEmpty(), "wait-ready needs at least one NAME=URL");
    long t0 = System.nanoTime();
    long deadline = t0 + (long) (timeout * 1e9);
    Map<String, String> last = new LinkedHashMap<>();
    Map<String, String> failed = new LinkedHashMap<>();
    Map<String, URI> pending = new LinkedHashMap<>(targets);
    while (!pending.isEmpty()) {
      for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        String name = e.getKey();
        try {
          HttpResponse<String> r =
              HTTP.send(
                  HttpRequest.newBuilder(e.getValue()).timeout(Duration.ofSeconds(5)).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            System.err.printf("  ready: %s (%.1f s)%n", name, (System.nanoTime() - t0) / 1e9);
            it.remove();
            continue;
          }
          String body = r.body().replaceAll("\\s+", " ");
          last.put(name, "HTTP " + r.statusCode() + (body.isEmpty() ? "" : " " + abbreviate(body, 300)));
        } catch (IOException ex) {
          last.put(name, describe(ex));
        }
        if (pidDir != null && !processAlive(pidDir.resolve(name + ".pid"))) {
          failed.put(name, "its process exited (" + last.getOrDefault(name, "") + ")");
          it.remove();
        }
      }
      if (pending.isEmpty() || System.nanoTime() > deadline) break;
      Thread.sleep(500);
    }
    for (String name : pending.keySet()) {
      failed.put(name, String.format("not ready after %.0f s (last: %s)", timeout, last.getOrDefault(name, "no answer")));
    }
    for (var e : failed.entrySet()) {
      System.err.println("  NOT READY: " + e.getKey() + ": " + e.getValue());
      System.out.println(e.getKey());
    }
    return failed.isEmpty() ? 0 : 1;
  }

  static boolean processAlive(Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim().split("\\s+")[0]);
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  // ---------------------------------------------------------------- Keycloak

  static String keycloakUrl() {
    return env("KEYCLOAK_URL", "http://127.0.0.1:8180").replaceAll("/+$", "");
  }

  static String fetchToken(String user, String password) throws Exception {
    String realm = env("KEYCLOAK_REALM", "backtest");
    String form =
        Map.of(
                "grant_type", "password",
                "client_id", env("KEYCLOAK_CLIENT", "backtest-cli"),
                "username", user,
                "password", password,
                "scope", "openid")
            .entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    URI uri = URI.create(keycloakUrl() + "/realms/" + realm + "/protocol/openid-connect/token");
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "token request for " + user + " at " + uri + " answered HTTP " + r.statusCode() + ": " + abbreviate(r.body(), 500));
    }
    return JSON.readTree(r.body()).path("access_token").asText();
  }

  static JsonNode claims(String jwt) throws IOException {
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) throw new IOException("not a JWT");
    return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
  }

  static int tokenCmd(List<String> args, boolean claims) throws Exception {
    require(args.size() == 1 || args.size() == 2, "token needs USER [PASSWORD]");
    String user = args.get(0);
    String token = fetchToken(user, args.size() == 2 ? args.get(1) : user);
    System.out.println(claims ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(claims(token)) : token);
    return 0;
  }

  // ---------------------------------------------------------------- demo

  /** Calls the gateway with a fresh enough operator token. */
  static final class Gateway {
    final String base;
    String token;
    long tokenAt;

    Gateway(String base) {
      this.base = base.replaceAll("/+$", "");
    }

    String token() throws Exception {
      if (token == null || System.nanoTime() - tokenAt > TimeUnit.SECONDS.toNanos(200)) {
        token = fetchToken("operator", "operator");
        tokenAt = System.nanoTime();
      }
      return token;
    }

    /** A GET as user admin (verifying the audit log needs the admin role). */
    JsonNode adminCall(String path) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + fetchToken("admin", "admin"))
              .header("Accept", "application/json")
              .GET()
              .build();
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered HTTP " + r.statusCode() + ": " + abbreviate(r.body(), 800));
      }
      return JSON.readTree(r.body());
    }

    /** A CSV upload (POST, text/csv); the created resource. */
    JsonNode upload(String path, String csv) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + token())
              .header("Accept", "application/json")
              .header("Content-Type", "text/csv")
              .POST(HttpRequest.BodyPublishers.ofString(csv))
              .build();
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 && r.statusCode() != 201) {
        throw new IllegalStateException("POST " + path + " answered HTTP " + r.statusCode() + ": " + abbreviate(r.body(), 800));
      }
      return JSON.readTree(r.body());
    }

    JsonNode call(String method, String path, JsonNode body, int... expected) throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token())
              .header("Accept", "application/json");
      if (body != null) {
        b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> r;
      try {
        r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IOException(method + " " + base + path + ": " + describe(e), e);
      }
      boolean ok = false;
      for (int code : expected) ok |= r.statusCode() == code;
      if (!ok) {
        throw new IllegalStateException(
            method + " " + path + " answered HTTP " + r.statusCode() + ": " + abbreviate(r.body(), 800));
      }
      return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
  }

  static String seconds(long t0) {
    return String.format(Locale.ROOT, "%6.1f s", (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The demo: two research cycles of 200 SMA-crossover candidates with walk-forward analysis, one on
   * a driftless random walk (no edge by construction: the gates must promote nothing) and one on
   * drift regimes that trend followers exploit (a planted edge: the gates must find it), each on a
   * fresh synthetic dataset of 5,000 daily bars; then the leaderboards with their statistics, the
   * decisions with their reasons, the live set, and the audit log.
   */
  static int demo(List<String> args) throws Exception {
    require(args.size() == 1, "demo needs GATEWAY_URL");
    Gateway gw = new Gateway(args.get(0));
    long t0 = System.nanoTime();

    gw.token();
    System.out.printf("[%s] token for user operator from %s%n", seconds(t0), keycloakUrl());
    // a new seed each run: fresh datasets and a market of its own (TREND<seed>), so a second demo
    // meets neither the first one's live set nor the feed it replayed (a market's bar is known by
    // its time, and a bar already seen is not traded again)
    long seed = System.currentTimeMillis() / 1000 % 1_000_000;

    ObjectNode noise = JSON.createObjectNode();
    noise.put("bars", 5_000).put("seed", seed).put("model", "gbm").put("symbol", "NOISE")
        .put("timeframe", "1d").put("drift", 0.0).put("volatility", 0.01);
    ObjectNode trend = JSON.createObjectNode();
    trend.put("bars", 5_000).put("seed", seed).put("model", "regime-switching")
        .put("symbol", "TREND" + seed).put("timeframe", "1d");
    trend.putArray("regimes")
        .add(JSON.createObjectNode().put("name", "up").put("drift", 0.003).put("volatility", 0.01).put("meanDuration", 250))
        .add(JSON.createObjectNode().put("name", "down").put("drift", -0.003).put("volatility", 0.01).put("meanDuration", 250));

    boolean ok = true;
    System.out.printf("%n== 1. A random walk: no strategy has an edge, so nothing may go live ==%n");
    ok &= demoCycle(gw, t0, noise, seed).completed();
    System.out.printf("%n== 2. Drift regimes of +-0.3%%/bar: a planted edge trend followers exploit ==%n");
    CycleRun edge = demoCycle(gw, t0, trend, seed);
    ok &= edge.completed();
    if (edge.completed() && edge.promoted() > 0) {
      System.out.printf("%n== 3. Live: the market after the training data keeps the edge for %d bars, then loses it ==%n", DEMO_EDGE_BARS);
      ok &= demoLive(gw, t0, edge.dataset(), seed);
    }

    JsonNode live = gw.call("GET", "/api/v1/deployments", null, 200);
    System.out.printf("%nLive set now: %d of %d%n", live.path("liveCount").asInt(), live.path("cap").asInt());
    for (JsonNode l : live.path("strategies")) {
      JsonNode e = l.path("expected");
      System.out.printf(Locale.ROOT, "  %s %s %s on %s %s: expect Sharpe %.2f, annual return %.1f%%, max drawdown %.1f%%%n",
          l.path("strategyId").asText(), l.path("template").asText(), l.path("parameters"),
          l.path("symbol").asText(), l.path("timeframe").asText(), e.path("sharpe").asDouble(),
          100 * e.path("annualReturn").asDouble(), 100 * e.path("maxDrawdown").asDouble());
    }
    JsonNode verify = gw.adminCall("/api/v1/audit/verify");
    JsonNode head = gw.call("GET", "/api/v1/audit/tree-head", null, 200, 404);
    System.out.printf("Audit log: %s%n", verify.path("valid").asBoolean()
        ? "valid, " + verify.path("treeSize").asLong() + " entries, Merkle root " + abbreviate(verify.path("rootHash").asText(), 16)
            + ", " + verify.path("signedHeads").asInt() + " signed tree heads checked; latest head: size "
            + head.path("treeSize").asLong() + ", key " + head.path("keyId").asText()
        : "INVALID at " + (verify.hasNonNull("firstInvalidSeq") ? "seq " + verify.path("firstInvalidSeq").asText()
            : "the head of size " + verify.path("firstInvalidHead").asText()) + ": " + verify.path("reason").asText());
    System.out.printf("%nDemo took %.1f s.%n", (System.nanoTime() - t0) / 1e9);
    return ok ? 0 : 1;
  }

  /** What a demo cycle came to: whether it completed, what it promoted, the dataset it ran on. */
  record CycleRun(boolean completed, int promoted, JsonNode dataset) {}

  static final int DEMO_EDGE_BARS = 600;
  static final int DEMO_CHANGED_BARS = 1_400;

  /**
   * The demo's live part: a feed that continues the training data's market for {@value
   * #DEMO_EDGE_BARS} bars (drift regimes of +-0.3% a bar) and then loses the edge (a driftless walk,
   * twice as volatile), uploaded as a dataset and replayed onto market.bars; monitoring-service
   * paper-trades the live strategies on it and strategy-service demotes what drifts.
   */
  static boolean demoLive(Gateway gw, long t0, JsonNode dataset, long seed) throws Exception {
    String symbol = dataset.path("symbol").asText();
    Instant start = Instant.parse(dataset.path("to").asText()).plus(Duration.ofDays(1));
    Instant change = start.plus(Duration.ofDays(DEMO_EDGE_BARS));
    String csv = feedCsv(start, 100, seed, DEMO_EDGE_BARS, DEMO_CHANGED_BARS);
    String name = "demo-feed-" + seed;
    JsonNode feed = gw.upload("/api/v1/datasets?name=" + name + "&symbol=" + symbol + "&timeframe=1d&barsPerYear=365", csv);
    System.out.printf("[%s] feed %s: %d daily bars of %s from %s; the edge vanishes at %s%n", seconds(t0),
        feed.path("id").asText(), feed.path("barCount").asInt(), symbol, start.toString().substring(0, 10),
        change.toString().substring(0, 10));

    // the strategies live on this market now: the ones the feed is paper traded for
    List<String> watched = new ArrayList<>();
    for (JsonNode l : gw.call("GET", "/api/v1/deployments", null, 200).path("strategies")) {
      if (l.path("symbol").asText().equals(symbol)) watched.add(l.path("strategyId").asText());
    }
    System.out.printf("[%s] paper trading %d live strategies on %s%n", seconds(t0), watched.size(), symbol);

    ObjectNode request = JSON.createObjectNode();
    request.put("datasetId", feed.path("id").asText());
    JsonNode replay = gw.call("POST", "/api/v1/market/replay", request, 202);
    String replayId = replay.path("replayId").asText();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (replay.path("status").asText().equals("RUNNING") && System.nanoTime() < deadline) {
      Thread.sleep(500);
      replay = gw.call("GET", "/api/v1/market/replay/" + replayId, null, 200);
    }
    System.out.printf("[%s] replay %s: %d of %d bars published to market.bars%n", seconds(t0),
        replay.path("status").asText(), replay.path("publishedBars").asInt(), replay.path("totalBars").asInt());
    if (!replay.path("status").asText().equals("COMPLETED")) {
      System.out.printf("replay %s ended %s: %s%n", replayId, replay.path("status").asText(), replay.path("error").asText());
      return false;
    }

    // monitoring-service trades the feed a little behind it: wait until every watched strategy has
    // traded the last bar or been demoted
    String last = replay.path("lastBarTime").asText();
    long caughtUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    List<JsonNode> states = new ArrayList<>();
    while (true) {
      states.clear();
      boolean done = true;
      for (String id : watched) {
        JsonNode m = gw.call("GET", "/api/v1/monitoring/strategies/" + id + "?points=1", null, 200);
        states.add(m);
        done &= m.path("status").asText().equals("STOPPED") || last.equals(m.path("live").path("lastBarTime").asText());
      }
      if (done || System.nanoTime() > caughtUp) break;
      Thread.sleep(1000);
    }
    System.out.printf("[%s] monitoring-service has traded the feed%n", seconds(t0));
    for (JsonNode m : states) {
      JsonNode live = m.path("live");
      JsonNode detection = m.path("drift").path("detection");
      System.out.printf(Locale.ROOT, "  %s %s %s: %s, %d bars traded, return %.1f%%, max drawdown %.1f%%, %d trades%n",
          m.path("strategyId").asText(), m.path("template").asText(), m.path("parameters"), m.path("status").asText(),
          live.path("bars").asInt(), 100 * live.path("totalReturn").asDouble(), 100 * live.path("maxDrawdown").asDouble(),
          live.path("trades").asInt());
      if (detection.isObject()) {
        Instant at = Instant.parse(detection.path("barTime").asText());
        long bars = Duration.between(change, at).toDays();
        System.out.printf("      %s%n      on the bar of %s, %d bars %s the edge vanished%n", detection.path("reason").asText(),
            at.toString().substring(0, 10), Math.abs(bars), bars >= 0 ? "after" : "BEFORE");
      }
    }
    JsonNode history = gw.call("GET", "/api/v1/deployments/history?size=100", null, 200);
    System.out.printf("Demotions of them for drift (strategy-service, from monitoring's strategy.drift.detected):%n");
    for (JsonNode h : history.path("items")) {
      if (watched.contains(h.path("strategyId").asText()) && h.path("reason").asText().startsWith("drift")) {
        System.out.printf("  %s %s at %s: %s%n", h.path("strategyId").asText(), h.path("action").asText(),
            h.path("at").asText(), h.path("reason").asText());
      }
    }
    JsonNode regimes = gw.call("GET", "/api/v1/regimes/current?symbol=" + symbol, null, 200, 404);
    for (JsonNode tf : regimes.path("timeframes")) {
      System.out.printf("Regimes of %s %s after %d bars:", symbol, tf.path("timeframe").asText(), tf.path("barsObserved").asInt());
      for (JsonNode d : tf.path("detectors")) {
        System.out.printf(" %s %s;", d.path("detector").asText(),
            d.path("regime").isNull() ? "warming up (" + d.path("warmUpBars").asInt() + " bars)" : d.path("regime").asText());
      }
      System.out.println();
    }
    return true;
  }

  /** Drift regimes of +-0.3% a bar (mean length 250 bars, 1% volatility), then a driftless walk at 2%. */
  static String feedCsv(Instant start, double startPrice, long seed, int edgeBars, int changedBars) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder csv = new StringBuilder("date,open,high,low,close,volume\n");
    double close = startPrice;
    double drift = 0.003;
    for (int k = 0; k < edgeBars + changedBars; k++) {
      boolean edge = k < edgeBars;
      if (edge && random.nextDouble() < 1.0 / 250) drift = -drift;
      double mu = edge ? drift : 0;
      double sigma = edge ? 0.01 : 0.02;
      double open = close;
      close = open * Math.exp(mu - sigma * sigma / 2 + sigma * random.nextGaussian());
      double high = Math.max(open, close) * (1 + Math.abs(random.nextGaussian()) * sigma / 2);
      double low = Math.min(open, close) * (1 - Math.abs(random.nextGaussian()) * sigma / 2);
      csv.append(start.plus(Duration.ofDays(k))).append(String.format(Locale.ROOT, ",%.6f,%.6f,%.6f,%.6f,%d%n",
          open, high, low, close, 1_000 + random.nextInt(9_000)));
    }
    return csv.toString();
  }

  /** Creates the dataset, runs one cycle on it and prints what it decided. */
  static CycleRun demoCycle(Gateway gw, long t0, ObjectNode dataset, long seed) throws Exception {
    JsonNode created = gw.call("POST", "/api/v1/datasets/synthetic", dataset, 200, 201);
    String datasetId = created.path("dataset").path("id").asText();
    require(!datasetId.isEmpty(), "POST /api/v1/datasets/synthetic returned no dataset id: " + created);
    System.out.printf("[%s] dataset %s: %d daily bars (%s, seed %d)%n", seconds(t0), datasetId,
        created.path("dataset").path("barCount").asInt(), dataset.path("model").asText(), seed);

    ObjectNode request = JSON.createObjectNode();
    request.put("datasetId", datasetId).put("candidates", 200).put("seed", seed);
    request.putArray("templates").add("sma-crossover");
    request.putObject("walkForward").put("windows", "rolling").put("inSampleBars", 1_000)
        .put("outOfSampleBars", 500).put("search", "grid").put("points", 21).put("objective", "sharpe");
    request.putObject("costs").put("feeBps", 3).put("slippageBps", 2);
    JsonNode started = gw.call("POST", "/api/v1/cycles", request, 202);
    String cycleId = started.path("cycleId").asText();
    String correlationId = started.path("correlationId").asText();
    if (cycleId.isEmpty()) throw new IllegalStateException("POST /api/v1/cycles returned no cycleId: " + started);
    System.out.printf("[%s] cycle %s started (correlation id %s): 200 sma-crossover candidates,"
        + " 8-fold rolling walk-forward (1,000 in-sample, 500 out-of-sample bars, 21-point regions)%n",
        seconds(t0), cycleId, correlationId);

    long cycleStart = System.nanoTime();
    long deadline = cycleStart + TimeUnit.SECONDS.toNanos(300);
    String lastLine = null;
    JsonNode cycle;
    String status;
    while (true) {
      cycle = gw.call("GET", "/api/v1/cycles/" + cycleId, null, 200);
      status = cycle.path("status").asText("?");
      JsonNode c = cycle.path("counts");
      String line =
          String.format(
              "%-9s candidates %3d  backtested %3d  failed %3d  scored %3d  promoted %3d",
              status,
              c.path("candidates").asInt(),
              c.path("backtested").asInt(),
              c.path("failed").asInt(),
              c.path("scored").asInt(),
              c.path("promoted").asInt());
      if (!line.equals(lastLine)) {
        System.out.printf("[%s] %s%n", seconds(t0), line);
        lastLine = line;
      }
      if (status.equals("COMPLETED") || status.equals("FAILED")) break;
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("cycle " + cycleId + " still " + status + " after 300 s");
      }
      Thread.sleep(1000);
    }
    System.out.printf("cycle %s %s in %.1f s%n", cycleId, status, (System.nanoTime() - cycleStart) / 1e9);
    System.out.printf("decision: %s%n", cycle.path("summary").asText("-"));
    JsonNode counts = cycle.path("counts");

    // The leaderboard's verdicts are final once scoring has seen cycle.completed.
    String boardPath = "/api/v1/cycles/" + cycleId + "/leaderboard?size=8";
    JsonNode board = gw.call("GET", boardPath, null, 200);
    long boardDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!board.path("status").asText().equals("COMPLETED") && System.nanoTime() < boardDeadline) {
      Thread.sleep(500);
      board = gw.call("GET", boardPath, null, 200);
    }
    JsonNode d = board.path("diagnostics");
    System.out.printf(Locale.ROOT, "scoring: N = %,d trials (this cycle %,d), PBO %s, P(OOS loss) %s, degradation slope %s%n",
        d.path("trials").asLong(), d.path("cycleTrials").asLong(), number(d.path("overfitting").path("pbo")),
        number(d.path("overfitting").path("probabilityOfOosLoss")),
        number(d.path("overfitting").path("degradationSlope")));
    System.out.printf("%nLeaderboard, top %d of %d:%n", board.path("items").size(), board.path("total").asInt());
    System.out.printf("%4s  %-22s  %6s  %5s  %6s  %6s  %7s  %6s  %s%n",
        "rank", "parameters", "score", "DSR", "Sharpe", "t", "max dd", "trades", "verdict");
    for (JsonNode item : board.path("items")) {
      JsonNode st = item.path("statistics");
      System.out.printf(Locale.ROOT, "%4d  %-22s  %6.3f  %5.2f  %6.2f  %6.2f  %6.1f%%  %6d  %s%n",
          item.path("rank").asInt(),
          abbreviate(item.path("parameters").toString(), 22),
          item.path("score").asDouble(),
          st.path("deflatedSharpe").asDouble(),
          st.path("sharpe").asDouble(),
          st.path("tStatistic").asDouble(),
          100 * st.path("maxDrawdown").asDouble(),
          st.path("tradeCount").asInt(),
          item.path("verdict").asText("-"));
    }

    // The decisions, with their reasons, from strategy-service (which made them).
    List<JsonNode> promoted = new ArrayList<>();
    JsonNode best = null;
    for (int page = 0; ; page++) {
      JsonNode candidates = gw.call("GET", "/api/v1/strategies?cycleId=" + cycleId + "&size=100&page=" + page, null, 200);
      for (JsonNode s : candidates.path("items")) {
        if (!s.path("promotedAt").isNull() && !s.path("promotedAt").isMissingNode()) promoted.add(s);
        if (s.path("rank").asInt() == 1) best = s;
      }
      if ((page + 1) * 100 >= candidates.path("total").asInt()) break;
    }
    promoted.sort(java.util.Comparator.comparingInt(s -> s.path("rank").asInt()));
    System.out.printf("%nPromoted by this cycle: %d%n", promoted.size());
    for (JsonNode p : promoted) {
      System.out.printf("  %s %s%n      %s%n", p.path("id").asText(), p.path("parameters"), p.path("reason").asText());
    }
    if (promoted.isEmpty() && best != null) {
      System.out.printf("  the best candidate, %s, %s%n", best.path("parameters"), best.path("reason").asText());
    }

    // Every event of the cycle lands in the audit log, a little behind the events themselves.
    int expected = 1 + counts.path("candidates").asInt()
        + counts.path("backtested").asInt() + counts.path("failed").asInt()
        + counts.path("backtested").asInt() // one strategy.scored per completed backtest
        + 1 + counts.path("promoted").asInt() + counts.path("demoted").asInt() + 1;
    String auditPath = "/api/v1/audit/entries?size=1&correlationId=" + URLEncoder.encode(correlationId, StandardCharsets.UTF_8);
    JsonNode audit = gw.call("GET", auditPath, null, 200);
    long auditDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (audit.path("total").asInt() < expected && System.nanoTime() < auditDeadline) {
      Thread.sleep(1000);
      audit = gw.call("GET", auditPath, null, 200);
    }
    System.out.printf("Audit log: %d of the cycle's %d events under correlation id %s%n",
        audit.path("total").asInt(), expected, correlationId);
    return new CycleRun(status.equals("COMPLETED"), promoted.size(), created.path("dataset"));
  }

  static String number(JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%.2f", n.asDouble()) : "n/a";
  }

  /**
   * The end-to-end figure of the engine issue: a 200-candidate SMA-crossover cycle with a 5-fold
   * rolling walk-forward (in-sample 50,000 bars, out-of-sample 10,000, 50-point grid regions) over a
   * 100,000-bar synthetic GBM dataset, timed from the POST to COMPLETED through the gateway, Kafka,
   * the workers, scoring and the promotion gate.
   */
  static int benchCycle(List<String> args) throws Exception {
    require(args.size() == 1, "bench-cycle needs GATEWAY_URL");
    Gateway gw = new Gateway(args.get(0));
    gw.token();
    ObjectNode synthetic = JSON.createObjectNode();
    synthetic.put("bars", 100_000).put("seed", 7).put("model", "gbm");
    long t0 = System.nanoTime();
    JsonNode created = gw.call("POST", "/api/v1/datasets/synthetic", synthetic, 200, 201);
    String datasetId = created.path("dataset").path("id").asText();
    require(!datasetId.isEmpty(), "POST /api/v1/datasets/synthetic returned no dataset id: " + created);
    System.out.printf("[%s] dataset %s: %d bars%n", seconds(t0), datasetId,
        created.path("dataset").path("barCount").asInt());

    // A first, smaller cycle of another template warms every service's JVM (JIT, connection
    // pools, serializers) as a running platform is warm; being of another template, it computes
    // none of the measured cycle's in-sample windows (some moving averages are shared).
    double warmUp = timeCycle(gw, datasetId, "momentum", 40, 7);
    double measured = timeCycle(gw, datasetId, "sma-crossover", 200, 42);
    System.out.printf(Locale.ROOT,
        "%nEnd to end through Kafka: 200-candidate sma-crossover cycle, 5-fold walk-forward x 50 points"
            + " over 100,000 bars: %.1f s (POST to COMPLETED); the 40-candidate warm-up cycle before it"
            + " (the first after start-up): %.1f s%n",
        measured, warmUp);
    return 0;
  }

  /** Starts a walk-forward cycle and waits for COMPLETED; the wall time in seconds. */
  static double timeCycle(Gateway gw, String datasetId, String template, int candidates, long seed)
      throws Exception {
    ObjectNode request = JSON.createObjectNode();
    request.put("datasetId", datasetId).put("candidates", candidates).put("seed", seed);
    request.putArray("templates").add(template);
    request.putObject("walkForward")
        .put("windows", "rolling").put("inSampleBars", 50_000).put("outOfSampleBars", 10_000)
        .put("search", "grid").put("points", 50).put("objective", "sharpe");
    long start = System.nanoTime();
    JsonNode started = gw.call("POST", "/api/v1/cycles", request, 202);
    String cycleId = started.path("cycleId").asText();
    System.out.printf("[%s] cycle %s: %d %s candidates x 5-fold walk-forward x 50 points%n",
        seconds(start), cycleId, candidates, template);
    long deadline = start + TimeUnit.SECONDS.toNanos(600);
    JsonNode cycle;
    String status;
    String lastLine = null;
    while (true) {
      cycle = gw.call("GET", "/api/v1/cycles/" + cycleId, null, 200);
      status = cycle.path("status").asText("?");
      JsonNode c = cycle.path("counts");
      String line = String.format("%-9s backtested %3d  failed %3d  scored %3d  promoted %3d", status,
          c.path("backtested").asInt(), c.path("failed").asInt(), c.path("scored").asInt(), c.path("promoted").asInt());
      if (!line.equals(lastLine)) {
        System.out.printf("[%s] %s%n", seconds(start), line);
        lastLine = line;
      }
      if (status.equals("COMPLETED") || status.equals("FAILED")) break;
      if (System.nanoTime() > deadline) throw new IllegalStateException("cycle " + cycleId + " still " + status + " after 600 s");
      Thread.sleep(250);
    }
    require(status.equals("COMPLETED"), "cycle " + cycleId + " ended " + status);
    require(cycle.path("counts").path("failed").asInt() == 0, "cycle " + cycleId + " had failed backtests: " + cycle);
    return (System.nanoTime() - start) / 1e9;
  }
}
