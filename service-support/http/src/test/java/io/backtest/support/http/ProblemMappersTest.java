package io.backtest.support.http;

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
  void aMemberNamedTwiceIsABadRequestNamingIt() {
    // a record body: without strict duplicate detection Jackson's creator fails with an
    // InvalidDefinitionException, which Quarkus answers 500 without a problem
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"x\",\"count\":1,\"name\":\"y\"}")
        .post("/probe/validated")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("detail", containsString("Duplicate field 'name'"));
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

  @Test
  void malformedPathParameterIsABadRequestNamingIt() {
    given()
        .get("/probe/things/not-a-uuid")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("id"))
        .body("errors[0].reason", equalTo("must be a UUID but was 'not-a-uuid'"));
  }

  @Test
  void pagingParametersAreCheckedAndEchoed() {
    String id = "0d6f4c1e-2b1a-4c55-9a3e-6a1f0b9e7c01";
    given()
        .get("/probe/things/" + id + "?size=101")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("size"))
        .body("errors[0].reason", equalTo("must be an integer between 1 and 100 but was 101"));
    given()
        .get("/probe/things/" + id + "?page=x")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("page"));
    given()
        .get("/probe/things/" + id + "?page=2&size=5")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("page", equalTo(2))
        .body("size", equalTo(5))
        .body("total", equalTo(1));
  }
}
