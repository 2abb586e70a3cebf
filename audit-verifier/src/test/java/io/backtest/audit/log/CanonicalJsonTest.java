package io.backtest.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785 (JCS) against the RFC's own examples. */
class CanonicalJsonTest {

  /** RFC 8785 section 3.2.2: input with every primitive; its canonical form is in section 3.2.3. */
  private static final String PRIMITIVES_INPUT =
      """
      {
        "numbers": [333333333.33333329, 1E30, 4.50,
                    2e-3, 0.000000000000000000000000001],
        "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
        "literals": [null, true, false]
      }
      """;

  @Test
  void primitivesExampleOfSection322IsSerialisedAsTheRfcShows() {
    String expected =
        "{\"literals\":[null,true,false],"
            + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

    assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(PRIMITIVES_INPUT)))
        .isEqualTo(expected);
  }

  @Test
  void primitivesExampleIsTheUtf8BytesOfSection324() {
    // RFC 8785 section 3.2.4 lists these bytes for the example of section 3.2.2
    String rfcBytes =
        """
        7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
        75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
        5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
        65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
        5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
        30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d
        """;

    byte[] canonical = CanonicalJson.canonicalBytes(CanonicalJson.parse(PRIMITIVES_INPUT));

    assertThat(canonical).isEqualTo(HexFormat.of().parseHex(rfcBytes.replaceAll("\\s", "")));
  }

  @Test
  void membersAreSortedByUtf16CodeUnitsAsInSection323() {
    String input =
        """
        {
          "\\u20ac": "Euro Sign",
          "\\r": "Carriage Return",
          "\\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\\ud83d\\ude00": "Emoji: Grinning Face",
          "\\u0080": "Control",
          "\\u00f6": "Latin Small Letter O With Diaeresis"
        }
        """;
    String expected =
        "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
            + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
            + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
            + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

    assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(input))).isEqualTo(expected);
  }

  @Test
  void nestedObjectsAndArraysKeepArrayOrderAndSortEveryObject() {
    String input = "{ \"b\": [3, {\"z\": 1, \"a\": 2}], \"a\": {} }";

    assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(input)))
        .isEqualTo("{\"a\":{},\"b\":[3,{\"a\":2,\"z\":1}]}");
  }

  /** RFC 8785 appendix B: IEEE 754 doubles (as hex bits) and their canonical text. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void numbersOfAppendixBAreSerialisedAsTheRfcShows(String bits, String expected) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

    assertThat(CanonicalJson.number(value)).isEqualTo(expected);
    assertThat(CanonicalJson.canonicalize(JsonNodeFactory.instance.numberNode(value)))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"})
  void nanAndInfinitiesOfAppendixBAreRejected(String bits) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

    assertThatThrownBy(() -> CanonicalJson.number(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid JSON number");
  }

  @Test
  void numbersWrittenDifferentlyButDenotingOneDoubleHaveOneForm() {
    String input = "[10, 1e1, 10.0, 1.0E+1, 100e-1, 12345678901234567890, 0.1e-6, -0]";

    assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(input)))
        .isEqualTo("[10,10,10,10,10,12345678901234567000,1e-7,0]");
  }

  @Test
  void controlCharactersUseShortEscapesOrLowercaseHex() {
    String input = "\"\\u0000\\u0008\\u0009\\u000a\\u000c\\u000d\\u001f\\u007f\"";

    assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(input)))
        .isEqualTo("\"\\u0000\\b\\t\\n\\f\\r\\u001f\u007f\"");
  }

  @Test
  void loneSurrogateIsRejected() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize(CanonicalJson.parse("\"\\ud800x\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lone surrogate U+D800");
  }

  @Test
  void duplicateMemberNamesAreRejectedWhenParsing() {
    assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void trailingContentIsRejectedWhenParsing() {
    assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1} {\"b\":2}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void canonicalBytesAreUtf8() {
    assertThat(CanonicalJson.canonicalBytes(CanonicalJson.parse("\"\u20ac\"")))
        .isEqualTo("\"\u20ac\"".getBytes(StandardCharsets.UTF_8))
        .hasSize(5);
  }
}
