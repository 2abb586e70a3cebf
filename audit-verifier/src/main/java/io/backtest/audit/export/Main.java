package io.backtest.audit.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.audit.merkle.KeyRing;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.merkle.TreeHead;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The offline verifier's command line ({@code java -jar audit-verifier.jar}): checks an export of
 * the audit log against the keys the caller trusts, and optionally the heads the caller kept,
 * without the service or its database. Exit code 0 when the export is valid, 1 when it is not, 2
 * when it could not be checked (bad arguments, unreadable files, a keys file that lies about its
 * key ids).
 */
public final class Main {
  static final int VALID = 0;
  static final int INVALID = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT =
      """
      Usage: java -jar audit-verifier.jar --keys <public-keys.json> [--witness <heads file>]
                                          [--json] [--allow-unanchored] <export.jsonl | ->

      Verifies an export of the audit log (GET /api/v1/audit/export, JSON lines) offline: every
      entry's leaf and chain hash, the chain, every signed head against the recomputed Merkle
      root, and the anchor's consistency proof.

        --keys FILE          the trusted public keys: the JSON of GET /api/v1/audit/public-keys.
                             Keys are never taken from the export.
        --witness FILE       heads kept from audit.checkpoint or GET /api/v1/audit/tree-head (JSON
                             lines or a JSON array); each must verify and agree with the export.
        --json               print exactly one JSON object instead of the report.
        --allow-unanchored   accept an export that no signed head covers.
        -                    read the export from standard input.

      Exit code: 0 valid, 1 invalid, 2 usage or I/O error.
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the command; answers its exit code. */
  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("audit-verifier: " + e.getMessage());
      err.print(USAGE_TEXT);
      return USAGE;
    }
    if (arguments.help()) {
      out.print(USAGE_TEXT);
      return VALID;
    }
    KeyRing keys;
    List<SignedTreeHead> witnessed;
    try {
      keys = PublishedKeys.parse(Files.readString(arguments.keys()));
      witnessed =
          arguments.witness() == null
              ? List.of()
              : WitnessedHeads.parse(Files.readString(arguments.witness()));
    } catch (IOException e) {
      err.println("audit-verifier: cannot read " + describe(e));
      return USAGE;
    } catch (IllegalArgumentException e) {
      err.println("audit-verifier: " + e.getMessage());
      return USAGE;
    }
    ExportVerifier.Report report;
    try (BufferedReader reader = open(arguments.export(), stdin)) {
      report = ExportVerifier.verify(keys, witnessed, arguments.allowUnanchored(), reader);
    } catch (CharacterCodingException e) {
      // bytes that are not UTF-8 are the export's fault, not an I/O failure
      report = invalid("the export is not UTF-8");
    } catch (IOException e) {
      err.println("audit-verifier: cannot read " + describe(e));
      return USAGE;
    }
    out.println(arguments.json() ? json(report) : text(report));
    return report.valid() ? VALID : INVALID;
  }

  private static ExportVerifier.Report invalid(String reason) {
    return new ExportVerifier.Report(
        false, 0, 0, 0, null, 0, null, false, 0, 0, 0, null, null, 0, reason);
  }

  private static BufferedReader open(String export, InputStream stdin) throws IOException {
    InputStream in = "-".equals(export) ? stdin : Files.newInputStream(Path.of(export));
    return new BufferedReader(
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)),
        1 << 16);
  }

  private static String describe(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException missing
        ? missing.getFile() + ": no such file"
        : e.getMessage();
  }

  /** The one JSON object of {@code --json}. */
  static String json(ExportVerifier.Report report) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("valid", report.valid());
    if (report.valid()) {
      json.put("fromSeq", report.fromSeq());
      json.put("toSeq", report.toSeq());
      json.put("entries", report.entries());
      json.put("rootHash", report.rootHash().hex());
      json.put("headsVerified", report.headsVerified());
      json.set("anchor", report.anchor() == null ? null : ExportLines.headJson(report.anchor()));
      json.put("anchored", report.anchored());
      json.put("signedUpTo", report.signedUpTo());
      json.put("witnessesChecked", report.witnessesChecked());
      json.put("witnessesNotCheckable", report.witnessesNotCheckable());
    } else {
      json.put("firstInvalidSeq", report.firstInvalidSeq());
      json.put("firstInvalidHead", report.firstInvalidHead());
      json.put("line", report.line() == 0 ? null : report.line());
      json.put("reason", report.reason());
    }
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of JSON nodes always serialises", e);
    }
  }

  /** The short report for a person. */
  static String text(ExportVerifier.Report report) {
    if (!report.valid()) {
      String where =
          report.firstInvalidSeq() != null
              ? " at entry " + report.firstInvalidSeq()
              : report.firstInvalidHead() != null
                  ? " at the head of " + report.firstInvalidHead() + " entries"
                  : "";
      return "INVALID"
          + where
          + (report.line() > 0 ? " (line " + report.line() + ")" : "")
          + ": "
          + report.reason();
    }
    StringBuilder text = new StringBuilder();
    text.append("VALID: entries ")
        .append(report.fromSeq())
        .append("..")
        .append(report.toSeq())
        .append(" (")
        .append(report.entries())
        .append(" entries)\n");
    text.append("  root of the tree of ")
        .append(report.toSeq())
        .append(" entries: ")
        .append(report.rootHash().hex())
        .append('\n');
    text.append("  signed heads verified: ").append(report.headsVerified()).append('\n');
    if (report.anchor() != null) {
      TreeHead anchor = report.anchor().head();
      text.append("  anchor: head of ")
          .append(anchor.treeSize())
          .append(" entries signed at ")
          .append(anchor.timestamp())
          .append(" with key ")
          .append(anchor.keyId())
          .append(", consistent with the export\n");
    } else {
      text.append("  anchor: none (no head of ")
          .append(report.toSeq())
          .append(" entries or more was signed yet)\n");
    }
    if (!report.anchored()) {
      text.append("  WARNING: not anchored: no signature covers these entries\n");
    } else if (report.signedUpTo() < report.toSeq()) {
      text.append("  entries ")
          .append(report.signedUpTo() + 1)
          .append("..")
          .append(report.toSeq())
          .append(" are not covered by a signed head yet\n");
    }
    text.append("  witnessed heads: ")
        .append(report.witnessesChecked())
        .append(" checked, ")
        .append(report.witnessesNotCheckable())
        .append(" not checkable against this export");
    return text.toString();
  }

  /** The parsed command line. */
  record Arguments(
      Path keys, Path witness, boolean json, boolean allowUnanchored, String export, boolean help) {
    static Arguments parse(String[] args) {
      Path keys = null;
      Path witness = null;
      boolean json = false;
      boolean allowUnanchored = false;
      String export = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-h", "--help" -> {
            return new Arguments(null, null, false, false, null, true);
          }
          case "--keys" -> keys = Path.of(value(args, ++i, arg));
          case "--witness" -> witness = Path.of(value(args, ++i, arg));
          case "--json" -> json = true;
          case "--allow-unanchored" -> allowUnanchored = true;
          default -> {
            if (arg.startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + arg);
            }
            if (export != null) {
              throw new IllegalArgumentException("one export at a time, not " + arg);
            }
            export = arg;
          }
        }
      }
      if (keys == null) {
        throw new IllegalArgumentException("--keys is required");
      }
      if (export == null) {
        throw new IllegalArgumentException("no export given (a file, or - for standard input)");
      }
      return new Arguments(keys, witness, json, allowUnanchored, export, false);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }
}
