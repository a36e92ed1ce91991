// Shift_JIS <-> UTF-8 conversion (core/text/shift_jis.hpp).
#include "text/shift_jis.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "jahis_test_support.hpp"

namespace {

using kofu::test::to_sjis;
using kofu::text::decode_shift_jis;
using kofu::text::decode_shift_jis_lossy;
using kofu::text::encode_shift_jis;
using kofu::text::find_invalid_utf8;
using kofu::text::shift_jis_length;
using kofu::text::TextErrc;

constexpr std::string_view kBoxSjis = "\x81\xA1";  // ■
constexpr std::string_view kBoxUtf8 = "\u25A0";

}  // namespace

TEST_SUITE("text.shift_jis") {
  TEST_CASE("strict decode of ASCII, kanji and full-width characters") {
    // 鈴木 太郎 = 97 E9 96 D8 20 91 BE 98 59; Ａ = 82 60.
    auto decoded = decode_shift_jis("\x97\xE9\x96\xD8 \x91\xBE\x98\x59,\x82\x60");
    REQUIRE(decoded.has_value());
    CHECK(*decoded == "鈴木 太郎,Ａ");
  }

  TEST_CASE("strict decode of an empty input is empty") {
    auto decoded = decode_shift_jis("");
    REQUIRE(decoded.has_value());
    CHECK(decoded->empty());
  }

  TEST_CASE("0x5C and 0x7E decode to ASCII backslash and tilde, not yen and overline") {
    auto decoded = decode_shift_jis("a\\b~c");
    REQUIRE(decoded.has_value());
    CHECK(*decoded == "a\\b~c");
  }

  TEST_CASE("a 0x5C trail byte stays part of its kanji") {
    // 表 = 95 5C, ソ = 83 5C: the trail byte is not a backslash.
    auto decoded = decode_shift_jis("\x95\x5C\x83\x5C\\");
    REQUIRE(decoded.has_value());
    CHECK(*decoded == "表ソ\\");
  }

  TEST_CASE("full-width yen 0x818F is not turned into a backslash") {
    auto decoded = decode_shift_jis("\x81\x8F");
    REQUIRE(decoded.has_value());
    CHECK(*decoded == "\uFFE5");
  }

  TEST_CASE("half-width katakana decode to U+FF61..U+FF9F") {
    // ｺﾘｵﾊﾟﾝ = BA D8 B5 CA DF DD
    auto decoded = decode_shift_jis("\xBA\xD8\xB5\xCA\xDF\xDD");
    REQUIRE(decoded.has_value());
    CHECK(*decoded == "ｺﾘｵﾊﾟﾝ");
  }

  TEST_CASE("strict decode reports the offset of an invalid byte") {
    SUBCASE("0x80 is not a lead byte") {
      auto decoded = decode_shift_jis(
          "ab\x80"
          "cd");
      REQUIRE_FALSE(decoded.has_value());
      CHECK(decoded.error().code == TextErrc::invalid_shift_jis);
      CHECK(decoded.error().offset == 2u);
    }
    SUBCASE("0xFD is not a lead byte") {
      auto decoded = decode_shift_jis("\x82\xA0xyz\xFD");
      REQUIRE_FALSE(decoded.has_value());
      CHECK(decoded.error().code == TextErrc::invalid_shift_jis);
      CHECK(decoded.error().offset == 5u);
    }
    SUBCASE("a lead byte followed by a byte that cannot be a trail byte") {
      auto decoded = decode_shift_jis("abc\x93 x");
      REQUIRE_FALSE(decoded.has_value());
      CHECK(decoded.error().code == TextErrc::invalid_shift_jis);
      CHECK(decoded.error().offset == 3u);
    }
    SUBCASE("CP932 NEC special character ① (0x8740) is not JIS X 0208") {
      auto decoded = decode_shift_jis("A\x87\x40");
      REQUIRE_FALSE(decoded.has_value());
      CHECK(decoded.error().code == TextErrc::invalid_shift_jis);
      CHECK(decoded.error().offset == 1u);
    }
    SUBCASE("CP932 IBM extension 髙 (0xFBFC) is not JIS X 0208") {
      auto decoded = decode_shift_jis("\x8D\x82\xFB\xFC");  // 高髙
      REQUIRE_FALSE(decoded.has_value());
      CHECK(decoded.error().offset == 2u);
    }
  }

  TEST_CASE("strict decode reports a double-byte character cut off at the end") {
    auto decoded = decode_shift_jis("\x97\xE9\x96");  // 鈴 and the lead byte of 木
    REQUIRE_FALSE(decoded.has_value());
    CHECK(decoded.error().code == TextErrc::truncated_shift_jis);
    CHECK(decoded.error().offset == 2u);
    CHECK(decoded.error().message().find("at byte offset 2") != std::string::npos);
  }

  TEST_CASE("lossy decode replaces each bad byte with ■ and lists its offset") {
    SUBCASE("valid input has no replacements") {
      auto lossy = decode_shift_jis_lossy("\x97\xE9\x96\xD8");
      CHECK(lossy.utf8 == "鈴木");
      CHECK(lossy.replaced_offsets.empty());
    }
    SUBCASE("invalid bytes in the middle") {
      auto lossy = decode_shift_jis_lossy(
          "a\x80"
          "b\xFF"
          "c\\");
      CHECK(lossy.utf8 == "a■b■c\\");
      CHECK(lossy.replaced_offsets == std::vector<std::size_t>{1, 3});
    }
    SUBCASE("a cut final character") {
      auto lossy = decode_shift_jis_lossy("\x97\xE9\x96");
      CHECK(lossy.utf8 == "鈴■");
      CHECK(lossy.replaced_offsets == std::vector<std::size_t>{2});
    }
    SUBCASE("an invalid lead byte only swallows itself") {
      auto lossy = decode_shift_jis_lossy("\x93 ~");
      CHECK(lossy.utf8 == "■ ~");
      CHECK(lossy.replaced_offsets == std::vector<std::size_t>{0});
    }
  }

  TEST_CASE("encode of ASCII, kanji and half-width katakana") {
    auto encoded = encode_shift_jis("1,鈴木 太郎,ｺﾘｵ\\~");
    REQUIRE(encoded.has_value());
    CHECK(encoded->sjis == "1,\x97\xE9\x96\xD8 \x91\xBE\x98\x59,\xBA\xD8\xB5\\~");
    CHECK(encoded->substitutions.empty());
  }

  TEST_CASE("encode writes CP932 compatibility code points as their JIS X 0208 bytes") {
    CHECK(to_sjis("\uFF5E") == "\x81\x60");  // ～ FULLWIDTH TILDE
    CHECK(to_sjis("\u301C") == "\x81\x60");  // 〜 WAVE DASH
    CHECK(to_sjis("\uFF0D") == "\x81\x7C");  // － FULLWIDTH HYPHEN-MINUS
    CHECK(to_sjis("\u2212") == "\x81\x7C");  // − MINUS SIGN
    CHECK(to_sjis("\u2225") == "\x81\x61");  // ∥ PARALLEL TO
    CHECK(to_sjis("\u2014") == "\x81\x5C");  // — EM DASH
  }

  TEST_CASE("¥ and ‾ are written full-width, since 0x5C and 0x7E are ASCII in JAHIS data") {
    struct Case {
      const char* in;
      const char* out;
      const char* shown;
    };
    for (const Case& c : {Case{"\u00A5100",
                               "\x81\x8F"
                               "100",
                               "\uFFE5"},
                          Case{"a\u203E", "a\x81\x50", "\uFFE3"}}) {
      CAPTURE(c.in);
      const auto encoded = kofu::text::encode_shift_jis(c.in);
      REQUIRE(encoded);
      CHECK(encoded->sjis == c.out);
      REQUIRE(encoded->substitutions.size() == 1u);
      CHECK(encoded->substitutions[0].written_as == c.shown);
    }
  }

  TEST_CASE("decode gives the JIS code points for 0x8160 and 0x817C") {
    auto decoded = decode_shift_jis("\x81\x60\x81\x7C");
    REQUIRE(decoded.has_value());
    CHECK(*decoded == "\u301C\u2212");
  }

  TEST_CASE("encode substitutes ■ for characters outside JIS X 0208 and reports each") {
    SUBCASE("an emoji") {
      auto encoded = encode_shift_jis("a\U0001F600z");
      REQUIRE(encoded.has_value());
      CHECK(encoded->sjis == std::string("a") + std::string(kBoxSjis) + "z");
      REQUIRE(encoded->substitutions.size() == 1u);
      CHECK(encoded->substitutions[0].utf8_offset == 1u);
      CHECK(encoded->substitutions[0].code_point == U'\U0001F600');
    }
    SUBCASE("CP932-only characters ① and 髙, with their UTF-8 offsets") {
      // "x" (1 byte) ① (3 bytes) "高" (3 bytes) 髙 (3 bytes)
      auto encoded = encode_shift_jis("x\u2460高\u9AD9");
      REQUIRE(encoded.has_value());
      CHECK(encoded->sjis == std::string("x") + std::string(kBoxSjis) + "\x8D\x82" + std::string(kBoxSjis));
      REQUIRE(encoded->substitutions.size() == 2u);
      CHECK(encoded->substitutions[0].utf8_offset == 1u);
      CHECK(encoded->substitutions[0].code_point == U'\u2460');
      CHECK(encoded->substitutions[1].utf8_offset == 7u);
      CHECK(encoded->substitutions[1].code_point == U'\u9AD9');
    }
    SUBCASE("■ itself is representable and not a substitution") {
      auto encoded = encode_shift_jis(kBoxUtf8);
      REQUIRE(encoded.has_value());
      CHECK(encoded->sjis == kBoxSjis);
      CHECK(encoded->substitutions.empty());
    }
  }

  TEST_CASE("encode rejects invalid UTF-8 with its offset") {
    SUBCASE("overlong encoding") {
      auto encoded = encode_shift_jis("ab\xC0\x80");
      REQUIRE_FALSE(encoded.has_value());
      CHECK(encoded.error().code == TextErrc::invalid_utf8);
      CHECK(encoded.error().offset == 2u);
    }
    SUBCASE("UTF-16 surrogate") {
      auto encoded = encode_shift_jis("鈴\xED\xA0\x80");
      REQUIRE_FALSE(encoded.has_value());
      CHECK(encoded.error().offset == 3u);
    }
    SUBCASE("sequence cut off at the end") {
      auto encoded = encode_shift_jis("abc\xE3\x81");
      REQUIRE_FALSE(encoded.has_value());
      CHECK(encoded.error().code == TextErrc::invalid_utf8);
      CHECK(encoded.error().offset == 3u);
    }
    SUBCASE("a Shift_JIS byte string is not UTF-8") {
      auto encoded = encode_shift_jis("\x97\xE9");
      REQUIRE_FALSE(encoded.has_value());
      CHECK(encoded.error().offset == 0u);
    }
  }

  TEST_CASE("find_invalid_utf8") {
    CHECK(find_invalid_utf8("") == std::string_view::npos);
    CHECK(find_invalid_utf8("abc鈴木\U0001F600") == std::string_view::npos);
    CHECK(find_invalid_utf8("ab\xC0\x80") == 2u);          // overlong
    CHECK(find_invalid_utf8("ab\xC1\xBF") == 2u);          // overlong
    CHECK(find_invalid_utf8("\xE0\x80\x80") == 0u);        // overlong 3-byte
    CHECK(find_invalid_utf8("あ\xF4\x90\x80\x80") == 3u);  // above U+10FFFF
    CHECK(find_invalid_utf8("x\xED\xBF\xBF") == 1u);       // surrogate
    CHECK(find_invalid_utf8("\xE3\x81") == 0u);            // cut off
    CHECK(find_invalid_utf8("ok\x80") == 2u);              // lone continuation byte
    CHECK(find_invalid_utf8("ok\xFF") == 2u);
  }

  TEST_CASE("round trip UTF-8 -> Shift_JIS -> UTF-8 of JIS X 0208 text") {
    const std::string text = "201,1,ﾌｪﾛﾍﾞﾘﾝ配合錠,4,錠,2,620425801,1,【分２ 朝夕食後服用】（）「」■";
    auto encoded = encode_shift_jis(text);
    REQUIRE(encoded.has_value());
    CHECK(encoded->substitutions.empty());
    auto decoded = decode_shift_jis(encoded->sjis);
    REQUIRE(decoded.has_value());
    CHECK(*decoded == text);
  }

  TEST_CASE("shift_jis_length counts Shift_JIS bytes") {
    CHECK(shift_jis_length("") == 0u);
    CHECK(shift_jis_length("abc,123") == 7u);
    CHECK(shift_jis_length("鈴木 太郎") == 9u);
    CHECK(shift_jis_length("ｺﾘｵﾊﾟﾝ") == 6u);  // half-width katakana: 1 byte each
    CHECK(shift_jis_length("Ｃ") == 2u);
    CHECK(shift_jis_length("\U0001F600") == 2u);  // written as ■
    CHECK(shift_jis_length("\uFF5E") == 2u);
    // The byte count agrees with the encoder's output.
    const std::string sample = "(局)ﾀﾝﾅﾙﾋﾞﾝ「ﾎｴｲ」1.5g";
    CHECK(shift_jis_length(sample) == to_sjis(sample).size());
  }

  TEST_CASE("shift_jis_length counts each invalid byte as one") {
    // The header promises "invalid bytes count as one each". A truncated 3-byte lead (EF BD) followed by
    // ASCII is two invalid bytes and one ASCII byte = 3; the implementation counts 4, because the code point
    // left over from the failed partial decode (U+03FD) is classified as a double-byte character.
    CHECK(shift_jis_length("\xEF\xBD"
                           "A") == 3u);
    CHECK(shift_jis_length("\xE3\x81") == 2u);
  }
}
