package io.backtest.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compose check fails when a service, port, variable, database or health condition is missing.
 */
class ComposeCheckTest {
  private static ServiceTable table;
  private static StackScript stack;
  private static JsonNode compose;

  @BeforeAll
  static void readFiles() {
    table = ServiceTable.read(RepositoryFiles.serviceTable());
    stack = StackScript.read(RepositoryFiles.stackScript());
    compose = Yaml.read(RepositoryFiles.compose());
  }

  @Test
  void aServiceOfTheTableMissingFromComposeIsReported() {
    ObjectNode changed = compose.deepCopy();
    ((ObjectNode) changed.get("services")).remove("scoring-service");

    assertThat(problems(changed))
        .contains("compose: service scoring-service of services.tsv is not declared");
  }

  @Test
  void aNewRowOfTheServiceTableIsReportedUntilComposeHasIt() {
    List<ServiceTable.Service> rows = new ArrayList<>(table.services());
    rows.add(
        new ServiceTable.Service(
            "risk-service",
            "risk-service",
            8086,
            Optional.of("risk"),
            Optional.of("RISK_SERVICE_URL")));
    ServiceTable grown = new ServiceTable(rows);

    List<String> problems =
        new ComposeCheck(grown, stack, RepositoryFiles.root()).problems(compose);

    assertThat(problems)
        .contains(
            "compose: service risk-service of services.tsv is not declared",
            "compose: service gateway: environment lacks RISK_SERVICE_URL (./stack passes it)",
            "compose: service gateway: does not depend on risk-service");
  }

  @Test
  void aPortOtherThanTheTablesIsReported() {
    ObjectNode changed = compose.deepCopy();
    ObjectNode regime = service(changed, "regime-service");
    regime.putArray("ports").add("127.0.0.1:9083:9083");
    ((ObjectNode) regime.get("environment")).put("QUARKUS_HTTP_PORT", 9083);

    assertThat(problems(changed))
        .contains(
            "compose: service regime-service: does not publish port 8083 as 8083",
            "compose: service regime-service: QUARKUS_HTTP_PORT is '9083', expected '8083'");
  }

  @Test
  void aVariableTheStackPassesMissingFromComposeIsReported() {
    ObjectNode changed = compose.deepCopy();
    ((ObjectNode) service(changed, "audit-service").get("environment")).remove("OIDC_AUDIENCE");
    ((ObjectNode) service(changed, "gateway").get("environment")).remove("MONITORING_SERVICE_URL");

    assertThat(problems(changed))
        .contains(
            "compose: service audit-service: environment lacks OIDC_AUDIENCE (./stack passes it)",
            "compose: service gateway: environment lacks MONITORING_SERVICE_URL (./stack passes it)");
  }

  @Test
  void aVariableNewInTheStackIsReportedForEveryServiceUntilComposeHasIt() {
    Set<String> every = new LinkedHashSet<>(stack.forEveryService());
    every.add("OTEL_EXPORTER_OTLP_ENDPOINT");
    StackScript grown =
        new StackScript(
            every,
            stack.forDatabaseServices(),
            stack.forGateway(),
            stack.forService(),
            stack.gatewayGetsServiceUrls(),
            stack.gateway(),
            stack.settings());

    List<String> problems =
        new ComposeCheck(table, grown, RepositoryFiles.root()).problems(compose);

    for (ServiceTable.Service service : table.services()) {
      assertThat(problems)
          .contains(
              "compose: service "
                  + service.name()
                  + ": environment lacks OTEL_EXPORTER_OTLP_ENDPOINT (./stack passes it)");
    }
  }

  @Test
  void aDatabaseTheInitScriptDoesNotCreateIsReported() {
    List<ServiceTable.Service> rows = new ArrayList<>(table.services());
    ServiceTable.Service strategy = table.find("strategy-service").orElseThrow();
    rows.set(
        rows.indexOf(strategy),
        new ServiceTable.Service(
            strategy.name(),
            strategy.module(),
            strategy.port(),
            Optional.of("research"),
            strategy.urlEnv()));
    ObjectNode changed = compose.deepCopy();
    ((ObjectNode) service(changed, "strategy-service").get("environment"))
        .put("PG_DATABASE", "research");

    List<String> problems =
        new ComposeCheck(new ServiceTable(rows), stack, RepositoryFiles.root()).problems(changed);

    assertThat(problems)
        .containsExactly(
            "compose: service strategy-service: database research is not created by the postgres"
                + " init script");
  }

  @Test
  void startingBeforeTheInfrastructureIsHealthyIsReported() {
    ObjectNode changed = compose.deepCopy();
    ObjectNode dependsOn = (ObjectNode) service(changed, "monitoring-service").get("depends_on");
    dependsOn.remove("kafka");
    ((ObjectNode) dependsOn.get("postgres")).put("condition", "service_started");
    ObjectNode gateway = service(changed, "gateway");
    ArrayNode shortForm = gateway.putArray("depends_on");
    List.of("redis", "keycloak", "strategy-service").forEach(shortForm::add);

    assertThat(problems(changed))
        .contains(
            "compose: service monitoring-service: does not depend on kafka",
            "compose: service monitoring-service: depends_on postgres without condition:"
                + " service_healthy",
            "compose: service gateway: depends_on redis without condition: service_healthy",
            "compose: service gateway: does not depend on audit-service");
  }

  @Test
  void aMissingHealthcheckIsReportedWhereItIsNeededAndWhereItIsWaitedFor() {
    ObjectNode changed = compose.deepCopy();
    service(changed, "redis").remove("healthcheck");
    service(changed, "scoring-service").remove("healthcheck");

    assertThat(problems(changed))
        .contains(
            "compose: service redis: has no healthcheck",
            "compose: service gateway: waits for redis to be healthy, which has no healthcheck",
            "compose: service scoring-service: healthcheck does not ask /q/health/ready on port"
                + " 8082",
            "compose: service gateway: waits for scoring-service to be healthy, which has no"
                + " healthcheck");
  }

  @Test
  void aBuildOutsideTheModuleIsReported() {
    ObjectNode changed = compose.deepCopy();
    ObjectNode build = (ObjectNode) service(changed, "audit-service").get("build");
    build.put("context", "./engine");
    build.put("dockerfile", "Dockerfile");

    assertThat(problems(changed))
        .contains(
            "compose: service audit-service: build.context is ./engine, expected ./audit-service",
            "compose: service audit-service: build.dockerfile is Dockerfile, expected"
                + " src/main/docker/Dockerfile.jvm");
  }

  @Test
  void anIssuerUrlOnlyTheHostCanReachIsReported() {
    ObjectNode changed = compose.deepCopy();
    ((ObjectNode) service(changed, "gateway").get("environment"))
        .put("OIDC_AUTH_SERVER_URL", "http://127.0.0.1:8180/realms/backtest");
    ((ObjectNode) service(changed, "keycloak").get("environment"))
        .remove("KC_HOSTNAME_BACKCHANNEL_DYNAMIC");

    assertThat(problems(changed))
        .contains(
            "compose: service gateway: OIDC_AUTH_SERVER_URL is http://127.0.0.1:8180/realms/backtest,"
                + " expected http://keycloak:8180/realms/backtest")
        .anyMatch(p -> p.contains("KC_HOSTNAME_BACKCHANNEL_DYNAMIC must be true"));
  }

  @Test
  void internalTopicsThatOneBrokerCannotReplicateAreReported() {
    ObjectNode changed = compose.deepCopy();
    ObjectNode kafka = (ObjectNode) service(changed, "kafka").get("environment");
    kafka.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 3);
    kafka.put("KAFKA_NUM_PARTITIONS", 1);

    assertThat(problems(changed))
        .contains(
            "compose: service kafka: KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR must be 1 on a single"
                + " broker, is 3",
            "compose: service kafka: KAFKA_NUM_PARTITIONS is 1: auto-created topics need at least 6"
                + " partitions (EventCatalog)");
  }

  private static List<String> problems(JsonNode changed) {
    return new ComposeCheck(table, stack, RepositoryFiles.root()).problems(changed);
  }

  private static ObjectNode service(JsonNode root, String name) {
    return (ObjectNode) root.get("services").get(name);
  }
}
