package io.backtest.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backtest.audit.log.CanonicalJson;
import io.backtest.audit.merkle.Ed25519Keys;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.merkle.TreeHeadSigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on files, as a person or a script runs it: exit code and output. */
class MainTest {
  static final TreeHeadSigner KEY = new TreeHeadSigner(Ed25519Keys.generate());
  static final TestLog LOG = TestLog.of(12);
  static final List<SignedTreeHead> HEADS = List.of(LOG.head(KEY, 5, 1), LOG.head(KEY, 11, 2));

  @TempDir Path dir;

  record Run(int exit, String out, String err) {
    JsonNode json() {
      return CanonicalJson.parse(out.strip());
    }
  }

  static Run run(InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            args,
            stdin,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  Path keys() throws IOException {
    return write(
        "public-keys.json",
        "{\"algorithm\":\"Ed25519\",\"currentKeyId\":\""
            + KEY.keyId()
            + "\",\"keys\":{\""
            + KEY.keyId()
            + "\":\""
            + Ed25519Keys.encode(KEY.publicKey())
            + "\"}}");
  }

  @Test
  void validExportExitsZeroWithOneJsonObject() throws IOException {
    Path export = write("export.jsonl", TestLog.text(LOG.export(3, 9, HEADS)));

    Run run = run("--keys", keys().toString(), "--json", export.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("valid").booleanValue()).isTrue();
    assertThat(json.get("fromSeq").longValue()).isEqualTo(3);
    assertThat(json.get("toSeq").longValue()).isEqualTo(9);
    assertThat(json.get("entries").longValue()).isEqualTo(7);
    assertThat(json.get("rootHash").textValue()).isEqualTo(LOG.tree().rootHash(9).hex());
    assertThat(json.get("headsVerified").intValue()).isEqualTo(1);
    assertThat(json.get("anchor").get("treeSize").longValue()).isEqualTo(11);
    assertThat(json.get("anchor").get("keyId").textValue()).isEqualTo(KEY.keyId());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void invalidExportExitsOneNamingTheEntry() throws IOException {
    List<String> lines = new ArrayList<>(LOG.export(1, 12, HEADS));
    // line 0 is the start line, line 6 the head of 5 entries
    lines.set(8, lines.get(8).replace("Bar 7 of", "Bar 7 at"));
    Path export = write("export.jsonl", TestLog.text(lines));

    Run json = run("--keys", keys().toString(), "--json", export.toString());
    assertThat(json.exit()).isEqualTo(1);
    assertThat(json.json().get("valid").booleanValue()).isFalse();
    assertThat(json.json().get("firstInvalidSeq").longValue()).isEqualTo(7);
    assertThat(json.json().get("firstInvalidHead").isNull()).isTrue();
    assertThat(json.json().get("reason").textValue())
        .isEqualTo("leaf hash does not match the entry's content");

    Run text = run("--keys", keys().toString(), export.toString());
    assertThat(text.exit()).isEqualTo(1);
    assertThat(text.out())
        .startsWith("INVALID at entry 7 (line 9): leaf hash does not match the entry's content");
  }

  @Test
  void readsTheExportFromStandardInputAndReportsForAPerson() throws IOException {
    byte[] export = TestLog.text(LOG.export(1, 12, HEADS)).getBytes(StandardCharsets.UTF_8);

    Run run = run(new ByteArrayInputStream(export), "--keys", keys().toString(), "-");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .startsWith("VALID: entries 1..12 (12 entries)")
        .contains("signed heads verified: 2")
        .contains("entries 12..12 are not covered by a signed head yet");
  }

  @Test
  void witnessFileOfJsonLinesIsHeldAgainstTheExport() throws IOException {
    List<String> summaries = TestLog.summaries(12);
    summaries.set(3, "rewritten");
    TestLog rewritten = new TestLog(summaries);
    Path export =
        write(
            "export.jsonl",
            TestLog.text(rewritten.export(1, 12, List.of(rewritten.head(KEY, 11, 3)))));
    Path witness =
        write(
            "heads.jsonl",
            ExportLines.headJson(HEADS.get(0))
                + "\n\n"
                + ExportLines.headJson(HEADS.get(1))
                + "\n");

    Run run =
        run(
            "--keys",
            keys().toString(),
            "--witness",
            witness.toString(),
            "--json",
            export.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.json().get("firstInvalidHead").longValue()).isEqualTo(5);
    assertThat(run.json().get("reason").textValue()).contains("the log was rewritten");
  }

  @Test
  void keysFileWithAWrongKeyIdIsAUsageError() throws IOException {
    TreeHeadSigner other = new TreeHeadSigner(Ed25519Keys.generate());
    Path keys =
        write(
            "public-keys.json",
            "{\"keys\":{\""
                + KEY.keyId()
                + "\":\""
                + Ed25519Keys.encode(other.publicKey())
                + "\"}}");
    Path export = write("export.jsonl", TestLog.text(LOG.export(1, 12, HEADS)));

    Run run = run("--keys", keys.toString(), export.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("the key listed as " + KEY.keyId() + " has key id " + other.keyId());
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    assertThat(run().exit()).isEqualTo(2);
    assertThat(run("--keys", keys().toString()).err()).contains("no export given");
    Run missing = run("--keys", keys().toString(), dir.resolve("absent.jsonl").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("absent.jsonl: no such file");
    assertThat(run("--frobnicate").err()).contains("unknown option --frobnicate");
    Run help = run("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).startsWith("Usage: java -jar audit-verifier.jar --keys");
  }

  @Test
  void bytesThatAreNotUtf8MakeTheExportInvalid() throws IOException {
    Path export = dir.resolve("export.jsonl");
    Files.write(export, new byte[] {'{', (byte) 0xC3, '}', '\n'});

    Run run = run("--keys", keys().toString(), "--json", export.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.json().get("reason").textValue()).isEqualTo("the export is not UTF-8");
  }
}
