package io.backtest.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventType;
import io.backtest.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks {@code deploy/k8s/} against the local stack and the event catalog: a Deployment and a
 * Service per service of the service table (image, port, probes, resources, heap, the environment
 * names {@code ./stack} passes), the HPA of the backtest workers, a Strimzi {@code KafkaTopic} per
 * {@link EventCatalog} topic and its dead-letter topic, and a kustomization listing every file.
 * Returns the problems found, one sentence each; none means consistent.
 */
public final class KubernetesCheck {
  static final String NAMESPACE = "backtest";
  static final String IMAGE_VERSION = "0.1.0";
  static final String WORKERS = "strategy-service";
  static final String JAVA_OPTS = "JAVA_OPTS_APPEND";

  /** Heap at most this share of the memory limit: the rest is metaspace, code, threads, buffers. */
  static final double MAX_HEAP_SHARE = 0.75;

  /** Heap at least this share of the memory limit: less wastes what the pod reserves. */
  static final double MIN_HEAP_SHARE = 0.40;

  /**
   * One document of a manifest file.
   *
   * @param file the file's path relative to {@code deploy/k8s/}
   * @param doc the document
   */
  public record Manifest(String file, JsonNode doc) {
    String kind() {
      return doc.path("kind").asText();
    }

    String name() {
      return doc.path("metadata").path("name").asText();
    }
  }

  private final ServiceTable table;
  private final StackScript stack;

  public KubernetesCheck(ServiceTable table, StackScript stack) {
    this.table = table;
    this.stack = stack;
  }

  /** Every document of every {@code *.yaml}/{@code *.yml} file under {@code dir}. */
  public static List<Manifest> load(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .flatMap(
              f ->
                  Yaml.readAll(f).stream()
                      .map(d -> new Manifest(dir.relativize(f).toString().replace('\\', '/'), d)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<String> problems(List<Manifest> manifests) {
    List<String> problems = new ArrayList<>();
    checkKustomization(manifests, problems);
    checkNamespaces(manifests, problems);
    Map<String, Map<String, String>> configMaps = keyValues(manifests, "ConfigMap");
    Map<String, Map<String, String>> secrets = keyValues(manifests, "Secret");
    for (ServiceTable.Service service : table.services()) {
      Optional<JsonNode> deployment = find(manifests, "Deployment", service.name());
      if (deployment.isEmpty()) {
        problems.add("k8s: no Deployment " + service.name());
      } else {
        checkDeployment(service, deployment.get(), configMaps, secrets, problems);
      }
      Optional<JsonNode> svc = find(manifests, "Service", service.name());
      if (svc.isEmpty()) {
        problems.add("k8s: no Service " + service.name());
      } else if (deployment.isPresent()) {
        checkService(service, svc.get(), deployment.get(), problems);
      }
    }
    Map<String, Integer> topics = topics(manifests, problems);
    checkTopics(topics, problems);
    checkAutoscaler(manifests, topics, problems);
    return problems;
  }

  private void checkDeployment(
      ServiceTable.Service service,
      JsonNode deployment,
      Map<String, Map<String, String>> configMaps,
      Map<String, Map<String, String>> secrets,
      List<String> problems) {
    String where = "k8s: Deployment " + service.name() + ": ";
    JsonNode container = container(deployment, service.name());
    if (container == null) {
      problems.add(where + "has no container");
      return;
    }
    String image = "backtest/" + service.name() + ":" + IMAGE_VERSION;
    if (!image.equals(Yaml.text(container.path("image")))) {
      problems.add(
          where + "image is " + Yaml.text(container.path("image")) + ", expected " + image);
    }
    if (!Yaml.elements(container.path("ports")).stream()
        .anyMatch(p -> p.path("containerPort").asInt() == service.port())) {
      problems.add(where + "has no containerPort " + service.port());
    }
    checkProbe(where, "readinessProbe", "/q/health/ready", container, service, problems);
    checkProbe(where, "livenessProbe", "/q/health/live", container, service, problems);
    checkProbe(where, "startupProbe", "/q/health/", container, service, problems);

    JsonNode resources = container.path("resources");
    for (String kind : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        if (Yaml.text(resources.path(kind).path(resource)) == null) {
          problems.add(where + "resources." + kind + "." + resource + " is not set");
        }
      }
    }

    // The environment: exactly the names ./stack passes, plus the JVM options.
    Environment env = environment(where, container, configMaps, secrets, problems);
    Set<String> expected = new LinkedHashSet<>(stack.environmentOf(service, table));
    expected.add(JAVA_OPTS);
    for (String name : expected) {
      if (!env.values().containsKey(name)) {
        problems.add(where + "environment lacks " + name + " (./stack passes it)");
      }
    }
    for (String name : env.values().keySet()) {
      if (!expected.contains(name)) {
        problems.add(where + "environment has " + name + ", which ./stack does not pass");
      }
    }
    for (String name : env.values().keySet()) {
      if (isSecret(name) && !env.fromSecrets().contains(name)) {
        problems.add(where + name + " must come from a Secret");
      }
    }
    expect(where, env, "QUARKUS_HTTP_PORT", String.valueOf(service.port()), problems);
    expect(where, env, "BACKTEST_TOPIC_PREFIX", "", problems);
    expect(where, env, "OIDC_AUDIENCE", stack.setting("OIDC_AUDIENCE"), problems);
    service.database().ifPresent(db -> expect(where, env, "PG_DATABASE", db, problems));
    if (service.name().equals(stack.gateway())) {
      for (ServiceTable.Service backend : table.backends()) {
        expect(
            where,
            env,
            backend.urlEnv().orElseThrow(),
            "http://" + backend.name() + ":" + backend.port(),
            problems);
      }
    }
    checkHeap(where, env.values().get(JAVA_OPTS), resources, problems);
  }

  private static void checkProbe(
      String where,
      String probe,
      String pathPrefix,
      JsonNode container,
      ServiceTable.Service service,
      List<String> problems) {
    JsonNode get = container.path(probe).path("httpGet");
    String path = Yaml.text(get.path("path"));
    if (path == null || !path.startsWith(pathPrefix)) {
      problems.add(where + probe + " does not ask " + pathPrefix + " (is " + path + ")");
      return;
    }
    Integer port = containerPort(container, get.path("port"));
    if (port == null || port != service.port()) {
      problems.add(where + probe + " asks port " + port + ", expected " + service.port());
    }
  }

  private static void checkHeap(
      String where, String javaOptions, JsonNode resources, List<String> problems) {
    Optional<Long> heap = Quantities.maxHeapBytes(javaOptions);
    String limit = Yaml.text(resources.path("limits").path("memory"));
    if (heap.isEmpty()) {
      problems.add(where + JAVA_OPTS + " sets no -Xmx sized to the memory limit");
      return;
    }
    if (limit == null) {
      return; // reported with the resources
    }
    double share = heap.get() / (double) Quantities.kubernetesBytes(limit);
    if (share > MAX_HEAP_SHARE || share < MIN_HEAP_SHARE) {
      problems.add(
          String.format(
              "%s-Xmx is %.0f %% of the memory limit %s, expected %.0f to %.0f %%",
              where, share * 100, limit, MIN_HEAP_SHARE * 100, MAX_HEAP_SHARE * 100));
    }
  }

  private static void checkService(
      ServiceTable.Service service, JsonNode svc, JsonNode deployment, List<String> problems) {
    String where = "k8s: Service " + service.name() + ": ";
    Map<String, String> selector = Yaml.scalars(svc.path("spec").path("selector"));
    Map<String, String> labels =
        Yaml.scalars(deployment.path("spec").path("template").path("metadata").path("labels"));
    if (selector.isEmpty() || !labels.entrySet().containsAll(selector.entrySet())) {
      problems.add(where + "selector " + selector + " does not select the pods " + labels);
    }
    JsonNode container = container(deployment, service.name());
    boolean port =
        Yaml.elements(svc.path("spec").path("ports")).stream()
            .anyMatch(
                p -> {
                  JsonNode target = p.path("targetPort");
                  Integer resolved =
                      target.isMissingNode()
                          ? Integer.valueOf(p.path("port").asInt())
                          : containerPort(container, target);
                  return p.path("port").asInt() == service.port()
                      && resolved != null
                      && resolved == service.port();
                });
    if (!port) {
      problems.add(where + "does not serve port " + service.port() + " from the container's port");
    }
  }

  private void checkAutoscaler(
      List<Manifest> manifests, Map<String, Integer> topics, List<String> problems) {
    List<JsonNode> hpas =
        manifests.stream()
            .filter(m -> m.kind().equals("HorizontalPodAutoscaler"))
            .map(Manifest::doc)
            .filter(
                d -> WORKERS.equals(d.path("spec").path("scaleTargetRef").path("name").asText()))
            .toList();
    if (hpas.size() != 1) {
      problems.add(
          "k8s: " + hpas.size() + " HorizontalPodAutoscalers target " + WORKERS + ", expected 1");
      return;
    }
    JsonNode hpa = hpas.getFirst();
    String where =
        "k8s: HorizontalPodAutoscaler " + hpa.path("metadata").path("name").asText() + ": ";
    if (!"autoscaling/v2".equals(hpa.path("apiVersion").asText())) {
      problems.add(
          where + "apiVersion is " + hpa.path("apiVersion").asText() + ", expected autoscaling/v2");
    }
    JsonNode spec = hpa.path("spec");
    if (!"Deployment".equals(spec.path("scaleTargetRef").path("kind").asText())) {
      problems.add(where + "does not scale the Deployment " + WORKERS);
    }
    int min = spec.path("minReplicas").asInt(1);
    int max = spec.path("maxReplicas").asInt();
    Integer partitions = topics.get(Topics.BACKTEST_REQUESTED);
    if (min < 1 || max <= min) {
      problems.add(where + "replicas " + min + ".." + max + " do not let the workers scale");
    }
    if (partitions != null && max > partitions) {
      problems.add(
          where
              + "maxReplicas "
              + max
              + " exceeds the "
              + partitions
              + " partitions of "
              + Topics.BACKTEST_REQUESTED
              + ": the extra workers would get no partition");
    }
    boolean cpu =
        Yaml.elements(spec.path("metrics")).stream()
            .anyMatch(
                m ->
                    "cpu".equals(m.path("resource").path("name").asText())
                        && m.path("resource").path("target").path("averageUtilization").asInt()
                            > 0);
    if (!cpu) {
      problems.add(where + "has no CPU utilisation target");
    }
    find(manifests, "Deployment", WORKERS)
        .filter(d -> d.path("spec").has("replicas"))
        .ifPresent(
            d ->
                problems.add(
                    "k8s: Deployment "
                        + WORKERS
                        + " fixes spec.replicas although its HPA owns the count (each apply would"
                        + " reset it)"));
  }

  /** The partition count of every KafkaTopic, by topic name. */
  private static Map<String, Integer> topics(List<Manifest> manifests, List<String> problems) {
    Map<String, Integer> topics = new LinkedHashMap<>();
    for (Manifest m : manifests) {
      if (!m.kind().equals("KafkaTopic")) {
        continue;
      }
      JsonNode spec = m.doc().path("spec");
      String topic = Yaml.text(spec.path("topicName"));
      String name = topic == null ? m.name() : topic;
      if (!m.doc().path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
        problems.add("k8s: KafkaTopic " + name + ": not a Strimzi resource");
      }
      if (Yaml.text(m.doc().path("metadata").path("labels").path("strimzi.io/cluster")) == null) {
        problems.add("k8s: KafkaTopic " + name + ": no strimzi.io/cluster label");
      }
      if (topics.put(name, spec.path("partitions").asInt(0)) != null) {
        problems.add("k8s: KafkaTopic " + name + " is declared twice");
      }
    }
    return topics;
  }

  private static void checkTopics(Map<String, Integer> topics, List<String> problems) {
    for (EventType<?> type : EventCatalog.ALL) {
      for (String topic : List.of(type.topic(), Topics.dlq(type.topic()))) {
        Integer partitions = topics.get(topic);
        if (partitions == null) {
          problems.add("k8s: no KafkaTopic " + topic + " (EventCatalog)");
        } else if (topic.equals(type.topic()) && partitions < type.partitions()) {
          problems.add(
              "k8s: KafkaTopic "
                  + topic
                  + " has "
                  + partitions
                  + " partitions, EventCatalog asks at least "
                  + type.partitions());
        } else if (partitions < 1) {
          problems.add("k8s: KafkaTopic " + topic + " has no partitions");
        }
      }
    }
  }

  private static void checkKustomization(List<Manifest> manifests, List<String> problems) {
    List<Manifest> kustomizations =
        manifests.stream().filter(m -> m.kind().equals("Kustomization")).toList();
    if (kustomizations.size() != 1) {
      problems.add("k8s: " + kustomizations.size() + " kustomization files, expected 1");
      return;
    }
    Set<String> listed =
        Yaml.elements(kustomizations.getFirst().doc().path("resources")).stream()
            .map(JsonNode::asText)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> files =
        manifests.stream()
            .filter(m -> !m.kind().equals("Kustomization"))
            .map(Manifest::file)
            .collect(Collectors.toCollection(TreeSet::new));
    for (String file : files) {
      if (!listed.contains(file)) {
        problems.add("k8s: kustomization.yaml does not list " + file);
      }
    }
    for (String file : listed) {
      if (!files.contains(file)) {
        problems.add("k8s: kustomization.yaml lists " + file + ", which holds no manifest");
      }
    }
  }

  private static void checkNamespaces(List<Manifest> manifests, List<String> problems) {
    if (find(manifests, "Namespace", NAMESPACE).isEmpty()) {
      problems.add("k8s: no Namespace " + NAMESPACE);
    }
    for (Manifest m : manifests) {
      if (Set.of("Namespace", "Kustomization").contains(m.kind())) {
        continue;
      }
      String namespace = m.doc().path("metadata").path("namespace").asText();
      if (!NAMESPACE.equals(namespace)) {
        problems.add(
            "k8s: "
                + m.kind()
                + " "
                + m.name()
                + " is in namespace '"
                + namespace
                + "', expected "
                + NAMESPACE);
      }
    }
  }

  /**
   * A container's environment as Kubernetes assembles it: {@code envFrom} ConfigMaps and Secrets
   * first, then {@code env}; the names that come from Secrets.
   */
  record Environment(Map<String, String> values, Set<String> fromSecrets) {}

  private static Environment environment(
      String where,
      JsonNode container,
      Map<String, Map<String, String>> configMaps,
      Map<String, Map<String, String>> secrets,
      List<String> problems) {
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> fromSecrets = new LinkedHashSet<>();
    for (JsonNode from : Yaml.elements(container.path("envFrom"))) {
      String prefix = from.path("prefix").asText("");
      if (from.has("configMapRef")) {
        String name = from.path("configMapRef").path("name").asText();
        Map<String, String> data = configMaps.get(name);
        if (data == null) {
          problems.add(where + "envFrom names ConfigMap " + name + ", which is not declared");
        } else {
          data.forEach((k, v) -> values.put(prefix + k, v));
        }
      } else if (from.has("secretRef")) {
        String name = from.path("secretRef").path("name").asText();
        Map<String, String> data = secrets.get(name);
        if (data == null) {
          problems.add(where + "envFrom names Secret " + name + ", which is not declared");
        } else {
          data.forEach(
              (k, v) -> {
                values.put(prefix + k, v);
                fromSecrets.add(prefix + k);
              });
        }
      }
    }
    for (JsonNode var : Yaml.elements(container.path("env"))) {
      String name = var.path("name").asText();
      JsonNode source = var.path("valueFrom");
      fromSecrets.remove(name);
      if (source.has("secretKeyRef")) {
        String secret = source.path("secretKeyRef").path("name").asText();
        String key = source.path("secretKeyRef").path("key").asText();
        boolean optional = source.path("secretKeyRef").path("optional").asBoolean(false);
        if (!optional && !secrets.getOrDefault(secret, Map.of()).containsKey(key)) {
          problems.add(
              where + name + " refers to Secret " + secret + " key " + key + ", not declared");
        }
        values.put(name, secrets.getOrDefault(secret, Map.of()).get(key));
        fromSecrets.add(name);
      } else if (source.has("configMapKeyRef")) {
        String map = source.path("configMapKeyRef").path("name").asText();
        String key = source.path("configMapKeyRef").path("key").asText();
        if (!configMaps.getOrDefault(map, Map.of()).containsKey(key)) {
          problems.add(
              where + name + " refers to ConfigMap " + map + " key " + key + ", not declared");
        }
        values.put(name, configMaps.getOrDefault(map, Map.of()).get(key));
      } else {
        values.put(name, var.path("value").asText(""));
      }
    }
    return new Environment(values, fromSecrets);
  }

  /**
   * Passwords, private keys and the keys of strategy-service's parameters at rest: never in a
   * ConfigMap or a plain value.
   */
  static boolean isSecret(String name) {
    return name.endsWith("PASSWORD")
        || name.endsWith("PRIVATE_KEY")
        || name.equals("STRATEGY_PARAMETERS_KEYS")
        || name.equals("STRATEGY_PARAMETERS_FINGERPRINT_KEY");
  }

  private static void expect(
      String where, Environment env, String name, String value, List<String> problems) {
    if (env.values().containsKey(name) && !value.equals(env.values().get(name))) {
      problems.add(where + name + " is '" + env.values().get(name) + "', expected '" + value + "'");
    }
  }

  /**
   * Data of every ConfigMap or Secret ({@code data} decoded for Secrets, {@code stringData}), by
   * name.
   */
  private static Map<String, Map<String, String>> keyValues(List<Manifest> manifests, String kind) {
    Map<String, Map<String, String>> byName = new LinkedHashMap<>();
    for (Manifest m : manifests) {
      if (!m.kind().equals(kind)) {
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      Yaml.scalars(m.doc().path("data"))
          .forEach(
              (k, v) ->
                  values.put(
                      k,
                      kind.equals("Secret")
                          ? new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)
                          : v));
      values.putAll(Yaml.scalars(m.doc().path("stringData")));
      byName.put(m.name(), values);
    }
    return byName;
  }

  private static Optional<JsonNode> find(List<Manifest> manifests, String kind, String name) {
    return manifests.stream()
        .filter(m -> m.kind().equals(kind) && m.name().equals(name))
        .map(Manifest::doc)
        .findFirst();
  }

  /** The container named like the service, else the only one. */
  private static JsonNode container(JsonNode deployment, String name) {
    List<JsonNode> containers =
        Yaml.elements(deployment.path("spec").path("template").path("spec").path("containers"));
    return containers.stream()
        .filter(c -> name.equals(c.path("name").asText()))
        .findFirst()
        .orElse(containers.size() == 1 ? containers.getFirst() : null);
  }

  /** A probe's or Service's port (a number or a container port's name) as a number. */
  private static Integer containerPort(JsonNode container, JsonNode port) {
    if (port.isInt() || (port.isTextual() && port.asText().matches("\\d+"))) {
      return port.asInt();
    }
    if (container == null) {
      return null;
    }
    return Yaml.elements(container.path("ports")).stream()
        .filter(p -> port.asText().equals(p.path("name").asText()))
        .map(p -> p.path("containerPort").asInt())
        .findFirst()
        .orElse(null);
  }
}
