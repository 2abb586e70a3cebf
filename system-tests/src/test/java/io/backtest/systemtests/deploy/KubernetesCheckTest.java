package io.backtest.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes check fails when a Deployment, Service, port, probe, variable or topic is missing,
 * or when the workers' autoscaler outgrows their topic.
 */
class KubernetesCheckTest {
  private static KubernetesCheck check;
  private static List<KubernetesCheck.Manifest> manifests;

  @BeforeAll
  static void readFiles() {
    check =
        new KubernetesCheck(
            ServiceTable.read(RepositoryFiles.serviceTable()),
            StackScript.read(RepositoryFiles.stackScript()));
    manifests = KubernetesCheck.load(RepositoryFiles.kubernetes());
  }

  @Test
  void aMissingDeploymentOrServiceIsReported() {
    List<KubernetesCheck.Manifest> changed = copy();
    changed.removeIf(m -> m.kind().equals("Deployment") && m.name().equals("audit-service"));
    changed.removeIf(m -> m.kind().equals("Service") && m.name().equals("regime-service"));

    assertThat(check.problems(changed))
        .contains("k8s: no Deployment audit-service", "k8s: no Service regime-service");
  }

  @Test
  void aPortOtherThanTheTablesIsReportedForTheContainerAndItsProbes() {
    List<KubernetesCheck.Manifest> changed = copy();
    JsonNode container = container(changed, "monitoring-service");
    ((ObjectNode) container.get("ports").get(0)).put("containerPort", 9084);

    assertThat(check.problems(changed))
        .contains(
            "k8s: Deployment monitoring-service: has no containerPort 8084",
            "k8s: Deployment monitoring-service: readinessProbe asks port 9084, expected 8084",
            "k8s: Service monitoring-service: does not serve port 8084 from the container's port");
  }

  @Test
  void aVariableTheStackPassesMissingFromTheConfigMapsIsReportedForEveryServiceUsingThem() {
    List<KubernetesCheck.Manifest> changed = copy();
    ((ObjectNode) doc(changed, "ConfigMap", "backtest-common").get("data")).remove("OIDC_AUDIENCE");
    ((ObjectNode) doc(changed, "ConfigMap", "gateway-config").get("data"))
        .remove("AUDIT_SERVICE_URL");

    assertThat(check.problems(changed))
        .contains(
            "k8s: Deployment strategy-service: environment lacks OIDC_AUDIENCE (./stack passes it)",
            "k8s: Deployment gateway: environment lacks OIDC_AUDIENCE (./stack passes it)",
            "k8s: Deployment gateway: environment lacks AUDIT_SERVICE_URL (./stack passes it)");
  }

  @Test
  void aPasswordOutsideASecretIsReported() {
    List<KubernetesCheck.Manifest> changed = copy();
    for (JsonNode var : container(changed, "scoring-service").get("env")) {
      if (var.get("name").asText().equals("PG_PASSWORD")) {
        ((ObjectNode) var).remove("valueFrom");
        ((ObjectNode) var).put("value", "secret");
      }
    }

    assertThat(check.problems(changed))
        .containsExactly("k8s: Deployment scoring-service: PG_PASSWORD must come from a Secret");
  }

  @Test
  void theAuditSigningKeyOutsideASecretIsReported() {
    List<KubernetesCheck.Manifest> changed = copy();
    for (JsonNode var : container(changed, "audit-service").get("env")) {
      if (var.get("name").asText().equals("AUDIT_SIGNING_PRIVATE_KEY")) {
        ((ObjectNode) var).remove("valueFrom");
        ((ObjectNode) var).put("value", "MC4CAQAwBQYDK2VwBCIEI...");
      }
    }

    assertThat(check.problems(changed))
        .containsExactly(
            "k8s: Deployment audit-service: AUDIT_SIGNING_PRIVATE_KEY must come from a Secret");
  }

  @Test
  void theParameterKeysOutsideASecretAreReported() {
    List<KubernetesCheck.Manifest> changed = copy();
    for (JsonNode var : container(changed, "strategy-service").get("env")) {
      if (var.get("name").asText().startsWith("STRATEGY_PARAMETERS_")) {
        ((ObjectNode) var).remove("valueFrom");
        ((ObjectNode) var).put("value", "k1");
      }
    }

    assertThat(check.problems(changed))
        .containsExactly(
            "k8s: Deployment strategy-service: STRATEGY_PARAMETERS_KEYS must come from a Secret",
            "k8s: Deployment strategy-service: STRATEGY_PARAMETERS_FINGERPRINT_KEY must come from a"
                + " Secret");
  }

  @Test
  void aMissingProbeOrLimitIsReported() {
    List<KubernetesCheck.Manifest> changed = copy();
    ObjectNode container = container(changed, "gateway");
    container.remove("livenessProbe");
    ((ObjectNode) container.get("resources")).remove("limits");

    assertThat(check.problems(changed))
        .contains(
            "k8s: Deployment gateway: livenessProbe does not ask /q/health/live (is null)",
            "k8s: Deployment gateway: resources.limits.cpu is not set",
            "k8s: Deployment gateway: resources.limits.memory is not set");
  }

  @Test
  void aHeapThatDoesNotFitTheMemoryLimitIsReported() {
    List<KubernetesCheck.Manifest> changed = copy();
    for (JsonNode var : container(changed, "regime-service").get("env")) {
      if (var.get("name").asText().equals("JAVA_OPTS_APPEND")) {
        ((ObjectNode) var).put("value", "-Xmx1g");
      }
    }

    // 1 GiB of heap in a 512 MiB limit: 200 %.
    assertThat(check.problems(changed))
        .containsExactly(
            "k8s: Deployment regime-service: -Xmx is 200 % of the memory limit 512Mi, expected 40"
                + " to 75 %");
  }

  @Test
  void aTopicOfTheEventCatalogWithoutKafkaTopicIsReported() {
    List<KubernetesCheck.Manifest> changed = copy();
    changed.removeIf(
        m ->
            m.kind().equals("KafkaTopic")
                && m.doc().path("spec").path("topicName").asText().startsWith("strategy.scored"));

    assertThat(check.problems(changed))
        .containsExactlyInAnyOrder(
            "k8s: no KafkaTopic strategy.scored (EventCatalog)",
            "k8s: no KafkaTopic strategy.scored.dlq (EventCatalog)");
  }

  @Test
  void fewerPartitionsThanTheCatalogAndThanTheWorkersAreReported() {
    List<KubernetesCheck.Manifest> changed = copy();
    ((ObjectNode) doc(changed, "KafkaTopic", "backtest-requested").get("spec"))
        .put("partitions", 3);

    assertThat(check.problems(changed))
        .containsExactlyInAnyOrder(
            "k8s: KafkaTopic backtest.requested has 3 partitions, EventCatalog asks at least 6",
            "k8s: HorizontalPodAutoscaler strategy-service: maxReplicas 6 exceeds the 3 partitions"
                + " of backtest.requested: the extra workers would get no partition");
  }

  @Test
  void aMissingAutoscalerIsReported() {
    List<KubernetesCheck.Manifest> changed = copy();
    changed.removeIf(m -> m.kind().equals("HorizontalPodAutoscaler"));

    assertThat(check.problems(changed))
        .contains("k8s: 0 HorizontalPodAutoscalers target strategy-service, expected 1")
        .anyMatch(p -> p.contains("kustomization.yaml lists strategy-service-hpa.yaml"));
  }

  @Test
  void aManifestFileTheKustomizationDoesNotListIsReported() {
    List<KubernetesCheck.Manifest> changed = copy();
    ObjectNode extra = doc(changed, "ConfigMap", "backtest-common").deepCopy();
    ((ObjectNode) extra.get("metadata")).put("name", "extra");
    changed.add(new KubernetesCheck.Manifest("extra.yaml", extra));

    assertThat(check.problems(changed))
        .containsExactly("k8s: kustomization.yaml does not list extra.yaml");
  }

  private static List<KubernetesCheck.Manifest> copy() {
    List<KubernetesCheck.Manifest> copy = new ArrayList<>();
    manifests.forEach(m -> copy.add(new KubernetesCheck.Manifest(m.file(), m.doc().deepCopy())));
    return copy;
  }

  private static ObjectNode doc(List<KubernetesCheck.Manifest> in, String kind, String name) {
    return (ObjectNode)
        in.stream()
            .filter(m -> m.kind().equals(kind) && m.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind + " " + name))
            .doc();
  }

  private static ObjectNode container(List<KubernetesCheck.Manifest> in, String deployment) {
    return (ObjectNode)
        doc(in, "Deployment", deployment)
            .get("spec")
            .get("template")
            .get("spec")
            .get("containers")
            .get(0);
  }
}
