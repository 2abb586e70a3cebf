package io.backtest.audit.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import io.backtest.audit.AuditApi;
import io.backtest.audit.KafkaTestBase;
import io.backtest.audit.TreeHeads;
import io.backtest.audit.export.ExportLines;
import io.backtest.audit.export.ExportVerifier;
import io.backtest.audit.export.PublishedKeys;
import io.backtest.audit.merkle.KeyRing;
import io.backtest.audit.merkle.SignedTreeHead;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The export of the running service, checked by the offline verifier with nothing but the published
 * keys: the whole log and a part of it, as the archive of a partition keeps it.
 */
@QuarkusTest
class AuditExportTest extends KafkaTestBase {

  private static KeyRing publishedKeys() {
    return PublishedKeys.parse(
        given().get("/api/v1/audit/public-keys").then().statusCode(200).extract().asString());
  }

  private static Response export(Map<String, ?> query) {
    Response response = given().queryParams(query).get("/api/v1/audit/export");
    response.then().statusCode(200).contentType(ExportLines.MEDIA_TYPE);
    return response;
  }

  @Test
  void wholeLogExportVerifiesOfflineWithThePublishedKeys() {
    long last = recordBars("EXP", 5).getLast();
    SignedTreeHead head = TreeHeads.awaitCovering(last);
    long size = AuditApi.entries(Map.of()).getLong("total");

    Response response = export(Map.of());
    // streamed, not buffered into one body of known length
    assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
    String body = response.asString();
    ExportVerifier.Report report =
        ExportVerifier.verify(publishedKeys(), List.of(head), false, body);

    assertThat(report.valid()).as(report.reason()).isTrue();
    assertThat(report.fromSeq()).isEqualTo(1);
    assertThat(report.toSeq()).isGreaterThanOrEqualTo(size);
    assertThat(report.entries()).isEqualTo(report.toSeq());
    assertThat(report.headsVerified()).isGreaterThanOrEqualTo(1);
    assertThat(report.signedUpTo()).isGreaterThanOrEqualTo(head.head().treeSize());
    // the witnessed head, the latest when the export began, is inside it
    assertThat(report.witnessesChecked()).isEqualTo(1);
    assertThat(body.lines().count()).isEqualTo(report.entries() + report.headsVerified() + 2);
  }

  @Test
  void partOfTheLogVerifiesOnItsOwnThroughTheAnchor() {
    recordBars("EXP", 3);
    long first = recordBars("EXP", 3).getLast();
    long last = recordBars("EXP", 2).getLast();
    SignedTreeHead head = TreeHeads.awaitCovering(last);

    String body = export(Map.of("fromSeq", first, "toSeq", last)).asString();
    ExportVerifier.Report report = ExportVerifier.verify(publishedKeys(), List.of(), false, body);

    assertThat(report.valid()).as(report.reason()).isTrue();
    assertThat(report.fromSeq()).isEqualTo(first);
    assertThat(report.toSeq()).isEqualTo(last);
    assertThat(report.entries()).isEqualTo(last - first + 1);
    assertThat(report.anchor()).isNotNull();
    assertThat(report.anchor().head().treeSize()).isGreaterThanOrEqualTo(head.head().treeSize());
    assertThat(body.lines().findFirst().orElseThrow())
        .startsWith(
            "{\"kind\":\"start\",\"format\":\"backtest-audit-export/v1\",\"fromSeq\":"
                + first
                + ",\"toSeq\":"
                + last
                + ",");

    // one changed byte in the downloaded part is caught at its entry
    String tampered = body.replaceFirst("\"summary\":\"Bar", "\"summary\":\"Bat");
    ExportVerifier.Report broken =
        ExportVerifier.verify(publishedKeys(), List.of(), false, tampered);
    assertThat(broken.valid()).isFalse();
    assertThat(broken.firstInvalidSeq()).isBetween(first, last);
  }

  @Test
  void badRangesAreRefusedNamingTheParameter() {
    long size = recordBars("EXP", 1).getLast();
    for (Object[] bad :
        new Object[][] {
          {Map.of("fromSeq", "0"), "fromSeq"},
          {Map.of("fromSeq", "one"), "fromSeq"},
          {Map.of("toSeq", "-3"), "toSeq"},
          {Map.of("toSeq", "2.5"), "toSeq"},
          {Map.of("fromSeq", "4", "toSeq", "3"), "fromSeq"},
          {Map.of("toSeq", String.valueOf(size + 1_000_000)), "toSeq"},
          {Map.of("fromSeq", String.valueOf(size + 1_000_000)), "fromSeq"},
        }) {
      @SuppressWarnings("unchecked")
      Map<String, String> query = (Map<String, String>) bad[0];
      given()
          .queryParams(query)
          .get("/api/v1/audit/export")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", contains(bad[1]));
    }
  }
}
