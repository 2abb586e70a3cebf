package io.backtest.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.contracts.http.Problem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the answers operations share, as problem+json with an example each: 401 (no or a bad
 * token), 403 (a missing role), 429 (a rate limit) and 503 (the service behind it cannot answer) on
 * every operation under {@value #API} that has a security requirement, 400 (bad paging, or a bad
 * sort on those that sort) on those of them that take {@link PageQuery}'s {@code page} and {@code
 * size}, and 413 on those that take a JSON body ({@link BodyLimitFilter}). An operation that
 * documents one of these statuses itself keeps its own, so that the operations document only what
 * is theirs; all their problem answers get the {@link Problem} schema. Registered with {@code
 * mp.openapi.filter}.
 */
public class ProblemResponsesFilter implements OASFilter {
  /** The public API's paths. */
  static final String API = "/api/v1/";

  /** The components schema of {@link Problem} (GatewayApplication registers it). */
  static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<StandardResponse> STANDARD =
      List.of(
          new StandardResponse(
              "401",
              "No bearer token, or an invalid or expired one",
              "unauthorized",
              ApiExamples.UNAUTHORIZED),
          new StandardResponse(
              "403",
              "The token lacks the role the operation needs",
              "forbidden",
              ApiExamples.FORBIDDEN),
          new StandardResponse(
              "429",
              "The user's rate limit for this class of operation (read, write, heavy job) is"
                  + " reached: Retry-After says when to try again",
              "too-many-requests",
              ApiExamples.TOO_MANY_REQUESTS),
          new StandardResponse(
              "503",
              "The service behind the operation is down, too slow, or its breaker is open",
              "unavailable",
              ApiExamples.UNAVAILABLE));

  private static final StandardResponse BODY_TOO_LARGE =
      new StandardResponse(
          "413",
          "The JSON body is over the limit (1 MiB by default)",
          "too-large",
          ApiExamples.BODY_TOO_LARGE);

  private static final StandardResponse BAD_PAGING =
      new StandardResponse(
          "400", "page below 0 or size outside 1..100", "size", ApiExamples.BAD_PAGE);

  private static final StandardResponse BAD_PAGING_OR_SORT =
      new StandardResponse(
          "400",
          "page below 0, size outside 1..100, or sort naming a field the list does not sort by",
          Map.of("size", ApiExamples.BAD_PAGE, "sort", ApiExamples.BAD_SORT));

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      if (!path.getKey().startsWith(API) || path.getValue().getOperations() == null) {
        continue;
      }
      for (Operation operation : path.getValue().getOperations().values()) {
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
          addStandardResponses(operation);
        }
      }
    }
  }

  private static void addStandardResponses(Operation operation) {
    if (operation.getResponses() == null) {
      operation.setResponses(OASFactory.createAPIResponses());
    }
    APIResponses responses = operation.getResponses();
    for (StandardResponse standard : STANDARD) {
      addUnlessDocumented(responses, standard);
    }
    if (takesQuery(operation, "page", "size", "sort")) {
      addUnlessDocumented(responses, BAD_PAGING_OR_SORT);
    } else if (takesQuery(operation, "page", "size")) {
      addUnlessDocumented(responses, BAD_PAGING);
    }
    if (takesJson(operation)) {
      addUnlessDocumented(responses, BODY_TOO_LARGE);
    }
    // the operations' own problem answers name only the media type: the schema is always Problem
    for (APIResponse response : responses.getAPIResponses().values()) {
      MediaType problem =
          response.getContent() == null
              ? null
              : response.getContent().getMediaType(Problem.MEDIA_TYPE);
      if (problem != null && problem.getSchema() == null) {
        problem.setSchema(problemSchema());
      }
    }
  }

  private static void addUnlessDocumented(APIResponses responses, StandardResponse standard) {
    if (!responses.hasAPIResponse(standard.status())) {
      responses.addAPIResponse(standard.status(), standard.toModel());
    }
  }

  /** Whether the operation takes a JSON body (which BodyLimitFilter bounds). */
  private static boolean takesJson(Operation operation) {
    return operation.getRequestBody() != null
        && operation.getRequestBody().getContent() != null
        && operation.getRequestBody().getContent().hasMediaType("application/json");
  }

  /** Whether the operation takes these query parameters (page and size: a list). */
  private static boolean takesQuery(Operation operation, String... names) {
    if (operation.getParameters() == null) {
      return false;
    }
    Set<String> query =
        operation.getParameters().stream()
            .filter(p -> p.getIn() == Parameter.In.QUERY)
            .map(Parameter::getName)
            .collect(Collectors.toSet());
    return query.containsAll(List.of(names));
  }

  private static Schema problemSchema() {
    return OASFactory.createSchema().ref(PROBLEM_SCHEMA);
  }

  /** One standard answer: its status, description and example problems (JSON text) by name. */
  private record StandardResponse(String status, String description, Map<String, String> examples) {
    StandardResponse(String status, String description, String exampleName, String example) {
      this(status, description, Map.of(exampleName, example));
    }

    APIResponse toModel() {
      MediaType problem = OASFactory.createMediaType().schema(problemSchema());
      new TreeMap<>(examples)
          .forEach(
              (name, example) ->
                  problem.addExample(name, OASFactory.createExample().value(parse(example))));
      return OASFactory.createAPIResponse()
          .description(description)
          .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem));
    }

    /** The example as a JSON object, as the annotations' examples are published (not a string). */
    private static Object parse(String json) {
      try {
        return JSON.readValue(json, Object.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("example is not JSON: " + json, e);
      }
    }
  }
}
