package io.backtest.audit.log;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (JCS, RFC 8785): object members sorted by the UTF-16 code units
 * of their names, no whitespace, strings escaped minimally, numbers in the ECMAScript form of their
 * IEEE 754 double value.
 */
public final class CanonicalJson {
  /**
   * Reads I-JSON (RFC 7493): duplicate member names and trailing content are errors, so that the
   * tree that is hashed is exactly the document that was received.
   */
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private CanonicalJson() {}

  /**
   * Parses a JSON text strictly (see {@link #STRICT}).
   *
   * @throws IllegalArgumentException when the text is not one valid JSON value without duplicate
   *     member names
   */
  public static JsonNode parse(String json) {
    try {
      JsonNode node = STRICT.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("empty JSON text");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /**
   * The canonical form of a JSON value.
   *
   * @throws IllegalArgumentException when the value is outside the JCS data model: a number that is
   *     not finite (RFC 8785 section 3.2.2.3), a string with a lone surrogate (section 3.2.2.2), or
   *     a node that is not JSON (binary, POJO)
   */
  public static String canonicalize(JsonNode value) {
    // an entry is typically a few hundred bytes to a few kilobytes: start big enough for most
    StringBuilder out = new StringBuilder(1024);
    write(value, out);
    return out.toString();
  }

  /** The UTF-8 bytes of the canonical form (RFC 8785 section 3.2.4), which is what is hashed. */
  public static byte[] canonicalBytes(JsonNode value) {
    return canonicalize(value).getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, out);
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), out);
        }
        out.append(']');
      }
      case STRING -> writeString(node.textValue(), out);
      case NUMBER -> out.append(number(toDouble(node)));
      case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
      case NULL -> out.append("null");
      default ->
          throw new IllegalArgumentException(
              "a " + node.getNodeType() + " node has no JSON representation");
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out) {
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.size());
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    fields.forEachRemaining(members::add);
    // RFC 8785 section 3.2.3: sort by the names' UTF-16 code units, which is String.compareTo.
    members.sort(Map.Entry.comparingByKey());
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> member : members) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(member.getKey(), out);
      out.append(':');
      write(member.getValue(), out);
    }
    out.append('}');
  }

  /** RFC 8785 section 3.2.2.2: only '"', '\' and the C0 controls are escaped. */
  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    int plain = plainPrefix(s);
    // the common case: nothing to escape and no surrogate to check, appended in one go
    out.append(s, 0, plain);
    for (int i = plain; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xf, 16));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new IllegalArgumentException(
                "string has a lone surrogate U+" + Integer.toHexString(c).toUpperCase());
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * The length of the longest prefix of {@code s} that is written as it is (no escape, no
   * surrogate).
   */
  private static int plainPrefix(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
        return i;
      }
    }
    return s.length();
  }

  /** The IEEE 754 double a JSON number denotes (I-JSON numbers are doubles, RFC 7493 2.2). */
  private static double toDouble(JsonNode node) {
    if (node.isFloat()) {
      return node.doubleValue();
    }
    if (node.isInt() || node.isLong() || node.isShort()) {
      // long to double rounds to nearest (JLS 5.1.2), as parsing the decimal text would
      return node.longValue();
    }
    // BigInteger and BigDecimal: parse the exact decimal text, which rounds correctly
    Number n = node.numberValue();
    if (n instanceof BigDecimal d) {
      return Double.parseDouble(d.toString());
    }
    if (node.isBigInteger()) {
      return Double.parseDouble(n.toString());
    }
    return node.doubleValue();
  }

  /**
   * The ECMAScript form of a number (ECMA-262 Number::toString, which RFC 8785 section 3.2.2.3
   * adopts): the shortest decimal that rounds to the double, laid out plainly between 1e-6 and
   * 1e21, in exponent form otherwise; -0 is written 0.
   *
   * @throws IllegalArgumentException for NaN and the infinities, which JSON cannot express
   */
  public static String number(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(value + " is not a valid JSON number (RFC 8785 3.2.2.3)");
    }
    if (value == 0) {
      return "0";
    }
    String sign = value < 0 ? "-" : "";
    double abs = Math.abs(value);
    // Since JDK 19 Double.toString yields the shortest decimal that rounds to the double
    // (Giulietti's Schubfach), with one twist handled below: where a 1-digit decimal exists it may
    // still print 2 digits, the closer one (4.9E-324 where ECMAScript has 5e-324).
    String text = Double.toString(abs);
    int e = text.indexOf('E');
    String mantissa = e < 0 ? text : text.substring(0, e);
    int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
    int point = mantissa.indexOf('.');
    String digits = mantissa.substring(0, point) + mantissa.substring(point + 1);
    // value = 0.<digits> x 10^n, the n of ECMA-262's definition
    int n = point + exponent;
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    digits = digits.substring(lead);
    n -= lead;
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(0, end);
    if (digits.length() == 2) {
      Decimal shorter = oneDigit(abs, digits, n);
      if (shorter != null) {
        digits = shorter.digits();
        n = shorter.n();
      }
    }
    return sign + layout(digits, n);
  }

  /** A decimal 0.{@code digits} x 10^{@code n}. */
  private record Decimal(String digits, int n) {
    BigDecimal value() {
      return new BigDecimal(digits + "E" + (n - digits.length()));
    }
  }

  /**
   * ECMA-262 picks the fewest digits k: a 1-digit decimal that rounds to the same double wins over
   * Java's 2-digit choice; if two do, the closer one, then the one with the even digit.
   */
  private static Decimal oneDigit(double abs, String digits, int n) {
    int low = digits.charAt(0) - '0';
    List<Decimal> candidates = new ArrayList<>(2);
    for (Decimal candidate :
        List.of(
            new Decimal(Integer.toString(low), n),
            low == 9 ? new Decimal("1", n + 1) : new Decimal(Integer.toString(low + 1), n))) {
      // parsing the decimal text rounds correctly to the nearest double
      if (Double.parseDouble(candidate.value().toString()) == abs) {
        candidates.add(candidate);
      }
    }
    if (candidates.size() < 2) {
      return candidates.isEmpty() ? null : candidates.getFirst();
    }
    BigDecimal exact = new BigDecimal(abs);
    Decimal a = candidates.get(0);
    Decimal b = candidates.get(1);
    int cmp = a.value().subtract(exact).abs().compareTo(b.value().subtract(exact).abs());
    if (cmp != 0) {
      return cmp < 0 ? a : b;
    }
    return (a.digits().charAt(0) - '0') % 2 == 0 ? a : b;
  }

  /** ECMA-262 Number::toString steps for digits s (k of them) and the decimal point position n. */
  private static String layout(String s, int n) {
    int k = s.length();
    if (k <= n && n <= 21) {
      return s + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return s.substring(0, n) + "." + s.substring(n);
    }
    if (-6 < n && n <= 0) {
      return "0." + "0".repeat(-n) + s;
    }
    int e = n - 1;
    String exp = (e >= 0 ? "+" : "-") + Math.abs(e);
    return k == 1 ? s + "e" + exp : s.charAt(0) + "." + s.substring(1) + "e" + exp;
  }
}
