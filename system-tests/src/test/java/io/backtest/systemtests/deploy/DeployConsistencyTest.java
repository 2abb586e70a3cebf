package io.backtest.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.contracts.EventCatalog;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and deploy/k8s/ run the services exactly as the local stack does: the ports,
 * databases and environment of deploy/local/services.tsv and ./stack, and the topics of the
 * contracts' EventCatalog. ComposeCheckTest and KubernetesCheckTest show that the checks fail when
 * something is missing.
 */
class DeployConsistencyTest {
  private static ServiceTable table;
  private static StackScript stack;

  @BeforeAll
  static void readLocalStack() {
    table = ServiceTable.read(RepositoryFiles.serviceTable());
    stack = StackScript.read(RepositoryFiles.stackScript());
  }

  @Test
  void stackScriptIsReadAsTheReadmeDocumentsIt() {
    // deploy/local/README.md, "Service environment": a reader that sees less would check less.
    assertThat(stack.forEveryService())
        .contains(
            "QUARKUS_HTTP_PORT",
            "KAFKA_BOOTSTRAP_SERVERS",
            "BACKTEST_TOPIC_PREFIX",
            "OIDC_AUTH_SERVER_URL",
            "OIDC_AUDIENCE");
    assertThat(stack.forDatabaseServices())
        .contains("PG_HOST", "PG_PORT", "PG_USER", "PG_PASSWORD", "PG_DATABASE");
    assertThat(stack.forGateway()).contains("REDIS_HOST", "REDIS_PORT", "BACKTEST_KEY_PREFIX");
    assertThat(stack.gatewayGetsServiceUrls()).isTrue();
    assertThat(stack.forService().get("audit-service")).contains("AUDIT_SIGNING_PRIVATE_KEY");
    assertThat(stack.forService().get("strategy-service"))
        .contains(
            "STRATEGY_PARAMETERS_KEYS",
            "STRATEGY_PARAMETERS_CURRENT_KEY",
            "STRATEGY_PARAMETERS_FINGERPRINT_KEY");
    assertThat(table.find(stack.gateway())).isPresent();
    assertThat(table.backends()).isNotEmpty();
  }

  @Test
  void composeRunsEveryServiceOfTheLocalStackWithItsPortDatabaseAndEnvironment() {
    List<String> problems =
        new ComposeCheck(table, stack, RepositoryFiles.root())
            .problems(Yaml.read(RepositoryFiles.compose()));

    assertThat(problems).as("docker-compose.yml against services.tsv and ./stack").isEmpty();
  }

  @Test
  void kubernetesManifestsDeployEveryServiceAndEveryTopicOfTheEventCatalog() {
    List<KubernetesCheck.Manifest> manifests = KubernetesCheck.load(RepositoryFiles.kubernetes());

    List<String> problems = new KubernetesCheck(table, stack).problems(manifests);

    assertThat(problems).as("deploy/k8s against services.tsv, ./stack and EventCatalog").isEmpty();
    long topics = manifests.stream().filter(m -> m.kind().equals("KafkaTopic")).count();
    assertThat(topics).as("a topic and its .dlq per event").isEqualTo(2L * EventCatalog.ALL.size());
  }
}
