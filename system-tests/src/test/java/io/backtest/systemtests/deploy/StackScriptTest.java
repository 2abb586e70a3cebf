package io.backtest.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackScriptTest {
  private static final List<String> SCRIPT =
      List.of(
          "GATEWAY=api",
          "OIDC_AUDIENCE=backtest-api",
          "KEYCLOAK_URL=http://127.0.0.1:$KEYCLOAK_PORT",
          "service_env() {",
          "  local svc=$1 other",
          "  echo \"QUARKUS_HTTP_PORT=$(svc_port \"$svc\")\"",
          "  echo \"KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BS\"",
          "  if [[ ${SVC_DB[$svc]} != - ]]; then",
          "    echo \"PG_HOST=$PG_HOST\"",
          "    echo \"PG_DATABASE=${SVC_DB[$svc]}$DB_SUFFIX\"",
          "  fi",
          "  if [[ $svc == \"$GATEWAY\" ]]; then",
          "    echo \"REDIS_HOST=$REDIS_HOST\"",
          "    for other in \"${SERVICES[@]}\"; do",
          "      [[ ${SVC_URLENV[$other]} != - ]] && echo \"${SVC_URLENV[$other]}=http://x\"",
          "    done",
          "  fi",
          "  if [[ $svc == orders ]]; then",
          "    echo \"ORDERS_SIGNING_KEY=$(orders_key)\"",
          "  fi",
          "  echo \"OIDC_AUDIENCE=$OIDC_AUDIENCE\"",
          "  return 0",
          "}",
          "echo \"NOT_AN_ENV=1\"");

  private static final ServiceTable TABLE =
      new ServiceTable(
          List.of(
              new ServiceTable.Service(
                  "orders", "orders", 9001, Optional.of("orders"), Optional.of("ORDERS_URL")),
              new ServiceTable.Service("api", "api", 9000, Optional.empty(), Optional.empty())));

  @Test
  void namesAreSortedIntoEveryServiceDatabaseServicesAndGatewayByTheirIfBlock() {
    StackScript stack = StackScript.parse(SCRIPT);

    assertThat(stack.forEveryService())
        .containsExactly("QUARKUS_HTTP_PORT", "KAFKA_BOOTSTRAP_SERVERS", "OIDC_AUDIENCE");
    assertThat(stack.forDatabaseServices()).containsExactly("PG_HOST", "PG_DATABASE");
    assertThat(stack.forGateway()).containsExactly("REDIS_HOST");
    assertThat(stack.forService()).containsOnlyKeys("orders");
    assertThat(stack.forService().get("orders")).containsExactly("ORDERS_SIGNING_KEY");
    assertThat(stack.gatewayGetsServiceUrls()).isTrue();
    assertThat(stack.gateway()).isEqualTo("api");
    assertThat(stack.setting("OIDC_AUDIENCE")).isEqualTo("backtest-api");
  }

  @Test
  void aServiceGetsTheCommonNamesPlusThoseOfItsKind() {
    StackScript stack = StackScript.parse(SCRIPT);

    assertThat(stack.environmentOf(TABLE.services().get(0), TABLE))
        .containsExactlyInAnyOrder(
            "QUARKUS_HTTP_PORT",
            "KAFKA_BOOTSTRAP_SERVERS",
            "OIDC_AUDIENCE",
            "PG_HOST",
            "PG_DATABASE",
            "ORDERS_SIGNING_KEY");
    assertThat(stack.environmentOf(TABLE.services().get(1), TABLE))
        .containsExactlyInAnyOrder(
            "QUARKUS_HTTP_PORT",
            "KAFKA_BOOTSTRAP_SERVERS",
            "OIDC_AUDIENCE",
            "REDIS_HOST",
            "ORDERS_URL");
  }

  @Test
  void settingsWithExpansionsAreNotTakenForPlainValues() {
    StackScript stack = StackScript.parse(SCRIPT);

    assertThatThrownBy(() -> stack.setting("KEYCLOAK_URL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KEYCLOAK_URL");
  }

  @Test
  void aScriptWithoutServiceEnvIsRejectedInsteadOfExpectingNothing() {
    assertThatThrownBy(() -> StackScript.parse(List.of("GATEWAY=api", "echo \"A=1\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service_env");
  }
}
