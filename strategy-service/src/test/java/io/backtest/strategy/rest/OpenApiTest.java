package io.backtest.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes every operation of the API with a summary and its answers. */
@QuarkusTest
class OpenApiTest {

  @Test
  void everyOperationIsDocumented() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths.'/api/v1/cycles'.post.summary", equalTo("Start a cycle"))
        .body("paths.'/api/v1/cycles'.post.responses.'202'", notNullValue())
        .body("paths.'/api/v1/cycles'.post.responses.'422'", notNullValue())
        .body("paths.'/api/v1/cycles'.get.summary", notNullValue())
        .body("paths.'/api/v1/cycles/{id}'.get.responses.'404'", notNullValue())
        .body("paths.'/api/v1/datasets'.get.summary", notNullValue())
        .body("paths.'/api/v1/datasets/{id}'.get.summary", notNullValue())
        .body("paths.'/api/v1/datasets/{id}/bars'.get.summary", notNullValue())
        .body("paths.'/api/v1/templates'.get.summary", notNullValue())
        .body("paths.'/api/v1/strategies'.get.summary", notNullValue())
        .body("paths.'/api/v1/strategies/{id}'.get.summary", notNullValue())
        .body("paths.'/api/v1/strategies/{id}/promote'.post.responses.'409'", notNullValue())
        .body("paths.'/api/v1/strategies/{id}/demote'.post.responses.'409'", notNullValue())
        .body("paths.'/api/v1/deployments'.get.summary", notNullValue())
        .body("paths.'/api/v1/deployments/history'.get.summary", notNullValue())
        .body("paths.'/api/v1/deployments/rollback'.post.responses.'404'", notNullValue())
        .body("paths.'/api/v1/deployments/rollback'.post.responses.'409'", notNullValue());
  }
}
