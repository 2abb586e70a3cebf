package io.backtest.support.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every error family answers RFC 9457 problem+json naming the field and the reason. */
@QuarkusTest
class ProblemMappersTest {

  @Test
  void notFoundIsAProblemWithTheRequestPathAndCorrelationId() {
    given()
        .header("X-Correlation-Id", "corr-404")
        .get("/probe/missing/42")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .header("X-Correlation-Id", "corr-404")
        .body("status", equalTo(404))
        .body("title", equalTo("Not Found"))
        .body("detail", equalTo("Thing 42 does not exist"))
        .body("instance", equalTo("/probe/missing/42"))
        .body("correlationId", equalTo("corr-404"));
  }

  @Test
  void constraintViolationsNameEachField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"\",\"count\":11}")
        .post("/probe/validated")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors", hasSize(2))
        .body("errors[0].field", equalTo("count"))
        .body("errors[0].reason", containsString("less than or equal to 10"))
        .body("errors[1].field", equalTo("name"));
  }

  @Test
  void unreadableJsonNamesTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"x\",\"count\":\"many\"}")
        .post("/probe/validated")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("count"))
        .body("errors[0].reason", notNullValue());
  }

  @Test
  void brokenJsonIsABadRequest() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":")
        .post("/probe/validated")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("body"));
  }

  @Test
  void unexpectedErrorsDoNotLeakInternals() {
    given()
        .get("/probe/boom")
        .then()
        .statusCode(500)
        .contentType("application/problem+json")
        .body("detail", not(containsString("internal detail")))
        .body("correlationId", notNullValue());
  }

  @Test
  void unknownPathIsAProblemToo() {
    given().get("/nowhere").then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void invalidCorrelationIdIsReplaced() {
    given()
        .header("X-Correlation-Id", "has spaces and is way too long ".repeat(4))
        .get("/probe/missing/1")
        .then()
        .statusCode(404)
        .header("X-Correlation-Id", not(containsString(" ")));
  }
}
