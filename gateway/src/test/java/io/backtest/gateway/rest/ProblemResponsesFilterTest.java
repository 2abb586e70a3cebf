package io.backtest.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

/** Which operations get the shared 401/403/503 answers, on a hand-built document. */
class ProblemResponsesFilterTest {
  private final ProblemResponsesFilter filter = new ProblemResponsesFilter();

  private static Operation secured() {
    return OASFactory.createOperation()
        .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"))
        .responses(
            OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("ok")));
  }

  private static Parameter query(String name) {
    return OASFactory.createParameter().name(name).in(Parameter.In.QUERY);
  }

  private static OpenAPI document(String path, Operation operation) {
    return OASFactory.createOpenAPI()
        .paths(
            OASFactory.createPaths().addPathItem(path, OASFactory.createPathItem().GET(operation)));
  }

  @Test
  void securedApiOperationGetsTheFourProblemAnswers() {
    Operation operation = secured();

    filter.filterOpenAPI(document("/api/v1/cycles", operation));

    assertThat(operation.getResponses().getAPIResponses())
        .containsOnlyKeys("200", "401", "403", "429", "503");
    APIResponse unauthorized = operation.getResponses().getAPIResponse("401");
    var problem = unauthorized.getContent().getMediaType("application/problem+json");
    assertThat(problem.getSchema().getRef()).isEqualTo("#/components/schemas/Problem");
    assertThat(problem.getExamples()).containsOnlyKeys("unauthorized");
    assertThat(problem.getExamples().get("unauthorized").getValue())
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("status", 401)
        .containsEntry("title", "Unauthorized");
  }

  @Test
  void operationsOwnAnswerOfTheSameStatusIsKept() {
    Operation operation = secured();
    APIResponse own = OASFactory.createAPIResponse().description("only admins verify");
    operation.getResponses().addAPIResponse("403", own);

    filter.filterOpenAPI(document("/api/v1/audit/verify", operation));

    assertThat(operation.getResponses().getAPIResponse("403")).isSameAs(own);
    assertThat(operation.getResponses().getAPIResponses()).containsKeys("401", "429", "503");
  }

  @Test
  void operationsOwnProblemAnswersGetTheProblemSchema() {
    Operation operation = secured();
    operation
        .getResponses()
        .addAPIResponse(
            "404",
            OASFactory.createAPIResponse()
                .description("no such cycle")
                .content(
                    OASFactory.createContent()
                        .addMediaType("application/problem+json", OASFactory.createMediaType())));

    filter.filterOpenAPI(document("/api/v1/cycles/{id}", operation));

    assertThat(
            operation
                .getResponses()
                .getAPIResponse("404")
                .getContent()
                .getMediaType("application/problem+json")
                .getSchema()
                .getRef())
        .isEqualTo("#/components/schemas/Problem");
  }

  @Test
  void listGetsTheBadPagingAnswerUnlessItDocumentsItsOwn() {
    Operation list = secured().addParameter(query("page")).addParameter(query("size"));
    Operation listWithOwn400 =
        secured()
            .addParameter(query("page"))
            .addParameter(query("size"))
            .addParameter(query("cycleId"));
    APIResponse own = OASFactory.createAPIResponse().description("cycleId or paging");
    listWithOwn400.getResponses().addAPIResponse("400", own);
    Operation sizeOnly = secured().addParameter(query("size"));

    filter.filterOpenAPI(document("/api/v1/cycles", list));
    filter.filterOpenAPI(document("/api/v1/strategies", listWithOwn400));
    filter.filterOpenAPI(document("/api/v1/things", sizeOnly));

    assertThat(list.getResponses().getAPIResponse("400").getDescription())
        .isEqualTo("page below 0 or size outside 1..100");
    assertThat(
            list.getResponses()
                .getAPIResponse("400")
                .getContent()
                .getMediaType("application/problem+json")
                .getExamples())
        .containsOnlyKeys("size");
    assertThat(listWithOwn400.getResponses().getAPIResponse("400")).isSameAs(own);
    assertThat(sizeOnly.getResponses().hasAPIResponse("400")).isFalse();
  }

  @Test
  void openOperationsAndOtherPathsAreLeftAlone() {
    Operation open =
        OASFactory.createOperation()
            .responses(
                OASFactory.createAPIResponses()
                    .addAPIResponse("200", OASFactory.createAPIResponse().description("ok")));
    Operation management = secured();

    filter.filterOpenAPI(document("/api/v1/templates", open));
    filter.filterOpenAPI(document("/q/health", management));

    assertThat(open.getResponses().getAPIResponses()).containsOnlyKeys("200");
    assertThat(management.getResponses().getAPIResponses()).containsOnlyKeys("200");
  }
}
