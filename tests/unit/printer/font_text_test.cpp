// Glyphs and text layout with the real receipt font (Debian's fonts-noto-cjk, Noto Sans CJK JP). Without that package
// the tests say so and pass: users' machines and minimal CI images may not have it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "printer/errors.hpp"
#include "printer/font.hpp"
#include "printer/text.hpp"
#include "receipt_font.hpp"

using kofu::printer::Align;
using kofu::printer::Bitmap;
using kofu::printer::Font;
using kofu::printer::PrinterErrc;
using kofu::printer::TextStyle;
using kofu::testing::receipt_font;

namespace {

constexpr const char* kNotoFile = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

int black_dots(const Bitmap& bitmap) {
  int count = 0;
  for (int y = 0; y < bitmap.height(); ++y) {
    for (int x = 0; x < bitmap.width(); ++x) count += bitmap.at(x, y) ? 1 : 0;
  }
  return count;
}

// The first and last columns holding a black dot, or (-1, -1).
std::pair<int, int> ink_columns(const Bitmap& bitmap) {
  int first = -1;
  int last = -1;
  for (int x = 0; x < bitmap.width(); ++x) {
    for (int y = 0; y < bitmap.height(); ++y) {
      if (bitmap.at(x, y)) {
        if (first < 0) first = x;
        last = x;
        break;
      }
    }
  }
  return {first, last};
}

std::pair<int, int> ink_rows(const Bitmap& bitmap) {
  int first = -1;
  int last = -1;
  for (int y = 0; y < bitmap.height(); ++y) {
    for (int x = 0; x < bitmap.width(); ++x) {
      if (bitmap.at(x, y)) {
        if (first < 0) first = y;
        last = y;
        break;
      }
    }
  }
  return {first, last};
}

std::u32string widen(std::string_view ascii) {
  std::u32string wide;
  for (const char c : ascii) wide += static_cast<char32_t>(static_cast<unsigned char>(c));
  return wide;
}

std::string narrow(std::u32string_view ascii) {
  std::string out;
  for (const char32_t c : ascii) out += c < 0x80 ? static_cast<char>(c) : '?';
  return out;
}

std::u32string joined(const std::vector<std::u32string>& lines) {
  std::u32string all;
  for (const auto& line : lines) all += line;
  return all;
}

// Scoped KOFU_FONT, restored afterwards (the tests run on one thread).
class FontVariable {
 public:
  explicit FontVariable(const std::string& value) {
    if (const char* old = std::getenv("KOFU_FONT")) saved_ = old;  // NOLINT(concurrency-mt-unsafe)
    ::setenv("KOFU_FONT", value.c_str(), 1);                       // NOLINT(concurrency-mt-unsafe)
  }
  FontVariable(const FontVariable&) = delete;
  FontVariable& operator=(const FontVariable&) = delete;
  ~FontVariable() {
    if (saved_) {
      ::setenv("KOFU_FONT", saved_->c_str(), 1);  // NOLINT(concurrency-mt-unsafe)
    } else {
      ::unsetenv("KOFU_FONT");  // NOLINT(concurrency-mt-unsafe)
    }
  }

 private:
  std::optional<std::string> saved_;
};

}  // namespace

TEST_CASE("printer/font: the default font is Noto Sans CJK JP") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  if (std::getenv("KOFU_FONT") != nullptr) return;  // NOLINT(concurrency-mt-unsafe): someone chose another font
  CHECK(font->describe().find("Noto Sans CJK JP Regular") != std::string::npos);
  CHECK(font->describe().find("NotoSansCJK-Regular.ttc#") != std::string::npos);
}

TEST_CASE("printer/font: names outside JIS X 0208 have glyphs") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  CHECK(font->has_glyph(U'山'));
  CHECK(font->has_glyph(U'\U00020BB7'));  // 𠮷 (tsuchi-yoshi), past the BMP
  CHECK(font->has_glyph(U'髙'));          // U+9AD9 hashigo-daka
  CHECK(font->has_glyph(U'﨑'));          // U+FA11 tatsu-saki
  CHECK(font->has_glyph(U'A'));
  CHECK_FALSE(font->has_glyph(U'\U0001F600'));  // an emoji: Noto CJK has none
  CHECK_FALSE(font->has_glyph(U'\uE000'));      // private use
}

TEST_CASE("printer/font: metrics at the 24-dot receipt size") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  CHECK(font->advance(U'山', 24) == 24);  // ideographs are full-width: one em
  CHECK(font->advance(U'。', 24) == 24);
  const int latin = font->advance(U'A', 24);
  CHECK(latin > 8);
  CHECK(latin < 24);
  const int height = font->line_height(24);
  CHECK(height >= 24);
  CHECK(height <= 40);  // Noto CJK: ascender 1.16 em, descender 0.29 em
  CHECK(font->line_height(48) >= 2 * height - 2);
  CHECK(font->line_height(0) == 0);
  CHECK(font->advance(U'山', -3) == 0);
  CHECK(font->glyph(U'山', 0, false).empty());
}

TEST_CASE("printer/font: a glyph of 山 has black dots and fits its cell") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  const Bitmap glyph = font->glyph(U'山', 24, false);
  CHECK(glyph.width() == 24);
  CHECK(glyph.height() == font->line_height(24));
  CHECK(black_dots(glyph) > 40);
  const auto [left, right] = ink_columns(glyph);
  const auto [top, bottom] = ink_rows(glyph);
  // The ink sits inside the em square, with side bearings on both sides.
  CHECK(left >= 0);
  CHECK(left <= 4);
  CHECK(right >= 19);
  CHECK(right <= 23);
  CHECK(bottom - top + 1 >= 16);
  CHECK(bottom - top + 1 <= 24);
  CHECK(bottom < glyph.height());
  // 山's bottom stroke: a row with a long run of black.
  int longest = 0;
  for (int y = top; y <= bottom; ++y) {
    int run = 0;
    for (int x = 0; x < glyph.width(); ++x) {
      run = glyph.at(x, y) ? run + 1 : 0;
      longest = std::max(longest, run);
    }
  }
  CHECK(longest >= 14);
}

TEST_CASE("printer/font: bold has more black dots than regular") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  for (const char32_t c : {U'山', U'髙', U'A', U'\U00020BB7'}) {
    const Bitmap regular = font->glyph(c, 24, false);
    const Bitmap bold = font->glyph(c, 24, true);
    CAPTURE(static_cast<unsigned>(c));
    CHECK(bold.width() == regular.width());
    CHECK(bold.height() == regular.height());
    CHECK(black_dots(bold) > black_dots(regular) + 5);
  }
}

TEST_CASE("printer/font: the glyph cache gives the same picture") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  const Bitmap first = font->glyph(U'髙', 24, false);
  CHECK(font->glyph(U'髙', 24, false) == first);
  // Other sizes and weights in between must not disturb the cached glyph nor the face's current size.
  const Bitmap big = font->glyph(U'髙', 48, true);
  CHECK(big.width() == 48);
  CHECK(big != first);
  CHECK(font->glyph(U'髙', 24, false) == first);
  CHECK(font->advance(U'髙', 24) == 24);
  CHECK(font->glyph(U'髙', 48, true) == big);
}

TEST_CASE("printer/font: opening a missing file names it") {
  auto font = Font::open("/nonexistent/kofu/Missing-Font.ttc");
  REQUIRE_FALSE(font);
  CHECK(font.error().code() == PrinterErrc::font_unavailable);
  CHECK(font.error().message().find("/nonexistent/kofu/Missing-Font.ttc") != std::string::npos);
}

TEST_CASE("printer/font: a file that is not a font, and a face past the collection, are errors") {
  const auto not_font = std::filesystem::temp_directory_path() / "kofu-font-test-not-a-font.ttf";
  {
    std::FILE* file = std::fopen(not_font.c_str(), "wb");
    REQUIRE(file != nullptr);
    std::fputs("this is not a font\n", file);
    std::fclose(file);
  }
  auto bad = Font::open(not_font);
  std::filesystem::remove(not_font);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code() == PrinterErrc::font_unavailable);
  CHECK(bad.error().message().find(not_font.string()) != std::string::npos);

  if (!std::filesystem::exists(kNotoFile)) return;
  auto past = Font::open(kNotoFile, 99);
  REQUIRE_FALSE(past);
  CHECK(past.error().code() == PrinterErrc::font_unavailable);
  CHECK(past.error().message().find("face 99") != std::string::npos);
  auto korean = Font::open(kNotoFile, 1);
  REQUIRE(korean);
  CHECK(korean->describe().find("Noto Sans CJK KR") != std::string::npos);
}

TEST_CASE("printer/font: KOFU_FONT chooses the font") {
  if (!std::filesystem::exists(kNotoFile)) {
    MESSAGE("fonts-noto-cjk is not installed: KOFU_FONT test skipped");
    return;
  }
  {
    const FontVariable chosen(std::string(kNotoFile) + "#2");
    auto font = Font::open_default();
    REQUIRE(font);
    CHECK(font->describe().find("Noto Sans CJK SC") != std::string::npos);
    CHECK(font->describe().find("#2)") != std::string::npos);
  }
  {
    const FontVariable chosen("/nonexistent/kofu/font#1.otf");
    auto font = Font::open_default();
    REQUIRE_FALSE(font);
    CHECK(font.error().code() == PrinterErrc::font_unavailable);
    CHECK(font.error().message().find("KOFU_FONT") != std::string::npos);
    CHECK(font.error().message().find("/nonexistent/kofu/font#1.otf") != std::string::npos);
  }
}

TEST_CASE("printer/text: a long Japanese sentence wraps within the width") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  const std::string text =
      "本日は新型コロナワクチンの接種にお越しいただき、誠にありがとうございました。接種後十五分間は会場内でお待ちくださ"
      "い。"
      "髙橋様、𠮷田様、山﨑様の接種証明書（日本国内用）は受付でお渡しします。";
  const std::u32string expected =
      U"本日は新型コロナワクチンの接種にお越しいただき、誠にありがとうございました。接種後十五分間は会場内でお待ちくだ"
      U"さい。"
      U"髙橋様、𠮷田様、山﨑様の接種証明書（日本国内用）は受付でお渡しします。";
  const TextStyle style;
  auto lines = kofu::printer::wrap_text(*font, text, style, 240);
  REQUIRE(lines);
  CHECK(lines->size() >= 10);
  CHECK(joined(*lines) == expected);
  for (std::size_t k = 0; k < lines->size(); ++k) {
    const std::u32string& line = (*lines)[k];
    CAPTURE(k);
    CHECK(kofu::printer::text_width(*font, line, style) <= 240);
    // Greedy: a line is short only by what kinsoku moved (at most two characters here).
    if (k + 1 < lines->size()) CHECK(kofu::printer::text_width(*font, line, style) >= 240 - 2 * 24);
  }
}

TEST_CASE("printer/text: kinsoku moves characters that may not start or end a line") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  const TextStyle style;  // 24 dots: ten full-width characters fill 240 dots
  SUBCASE("。 that would start a line takes the previous character with it") {
    auto lines = kofu::printer::wrap_text(*font, "あいうえおかきくけこ。さしすせそ", style, 240);
    REQUIRE(lines);
    REQUIRE(lines->size() == 2);
    CHECK((*lines)[0] == U"あいうえおかきくけ");
    CHECK((*lines)[1] == U"こ。さしすせそ");
  }
  SUBCASE("」。 together") {
    auto lines = kofu::printer::wrap_text(*font, "あいうえおかきく「け」。さしすせそ", style, 240);
    REQUIRE(lines);
    REQUIRE(lines->size() == 2);
    CHECK((*lines)[0] == U"あいうえおかきく");
    CHECK((*lines)[1] == U"「け」。さしすせそ");
  }
  SUBCASE("small kana and ー do not start a line") {
    auto lines = kofu::printer::wrap_text(*font, "あいうえおかきくけちょっと", style, 240);
    REQUIRE(lines);
    REQUIRE(lines->size() == 2);
    CHECK((*lines)[0] == U"あいうえおかきくけ");
    CHECK((*lines)[1] == U"ちょっと");
    auto long_vowel = kofu::printer::wrap_text(*font, "あいうえおかきくけコーヒー", style, 240);
    REQUIRE(long_vowel);
    CHECK((*long_vowel)[1] == U"コーヒー");
  }
  SUBCASE("an opening bracket does not end a line") {
    auto lines = kofu::printer::wrap_text(*font, "あいうえおかきくけ「こ」", style, 240);
    REQUIRE(lines);
    REQUIRE(lines->size() == 2);
    CHECK((*lines)[0] == U"あいうえおかきくけ");
    CHECK((*lines)[1] == U"「こ」");
  }
  SUBCASE("ASCII ) after CJK") {
    auto lines = kofu::printer::wrap_text(*font, "あいうえおかきくけ山)です", style, 240);
    REQUIRE(lines);
    REQUIRE(lines->size() == 2);
    CHECK((*lines)[0] == U"あいうえおかきくけ");
    CHECK((*lines)[1] == U"山)です");
  }
  SUBCASE("a line that fits exactly is not broken") {
    auto lines = kofu::printer::wrap_text(*font, "あいうえおかきくけこ", style, 240);
    REQUIRE(lines);
    CHECK(lines->size() == 1);
  }
}

TEST_CASE("printer/text: Latin words break at spaces") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  const TextStyle style;
  const std::string text = "The quick brown fox jumps over the lazy dog again";
  auto lines = kofu::printer::wrap_text(*font, text, style, 130);
  REQUIRE(lines);
  CHECK(lines->size() >= 3);
  std::u32string rebuilt;
  for (const std::u32string& line : *lines) {
    CAPTURE(narrow(line));
    CHECK(kofu::printer::text_width(*font, line, style) <= 130);
    REQUIRE_FALSE(line.empty());
    CHECK(line.front() != U' ');
    CHECK(line.back() != U' ');
    if (!rebuilt.empty()) rebuilt += U' ';
    rebuilt += line;
  }
  CHECK(rebuilt == widen(text));  // whole words only: none was cut
}

TEST_CASE("printer/text: Latin next to Japanese breaks at the script change") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  const TextStyle style;
  auto lines = kofu::printer::wrap_text(*font, "ワクチンComirnaty接種", style, 130);
  REQUIRE(lines);
  CHECK(*lines == std::vector<std::u32string>{U"ワクチン", U"Comirnaty", U"接種"});
}

TEST_CASE("printer/text: a word longer than the line is cut where it must be") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  const TextStyle style;
  const std::string word = "Supercalifragilisticexpialidocious";
  auto lines = kofu::printer::wrap_text(*font, "a " + word, style, 100);
  REQUIRE(lines);
  REQUIRE(lines->size() >= 3);
  CHECK((*lines)[0] == U"a");
  std::u32string rest;
  for (std::size_t k = 1; k < lines->size(); ++k) {
    CHECK(kofu::printer::text_width(*font, (*lines)[k], style) <= 100);
    rest += (*lines)[k];
  }
  CHECK(rest == widen(word));
}

TEST_CASE("printer/text: '\\n' ends lines") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  const TextStyle style;
  auto lines = kofu::printer::wrap_text(*font, "山\n\nA b\n", style, 240);
  REQUIRE(lines);
  CHECK(*lines == std::vector<std::u32string>{U"山", U"", U"A b"});
  auto crlf = kofu::printer::wrap_text(*font, "a\r\nb\tc", style, 240);
  REQUIRE(crlf);
  CHECK(*crlf == std::vector<std::u32string>{U"a", U"b c"});
  auto none = kofu::printer::wrap_text(*font, "", style, 240);
  REQUIRE(none);
  CHECK(none->empty());
}

TEST_CASE("printer/text: invalid UTF-8 is bad_document with its offset") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  const TextStyle style;
  struct Case {
    std::string text;
    const char* where;
  };
  for (const Case& bad : {Case{std::string("ab\xC0\x80", 4), "at byte 2"},         // overlong NUL
                          Case{std::string("山\xED\xA0\x80", 6), "at byte 3"},     // a surrogate
                          Case{std::string("x\xF4\x90\x80\x80", 5), "at byte 1"},  // past U+10FFFF
                          Case{std::string("abc\xE5\xB1", 5), "at byte 3"}}) {     // cut off
    auto lines = kofu::printer::wrap_text(*font, bad.text, style, 240);
    REQUIRE_FALSE(lines);
    CHECK(lines.error().code() == PrinterErrc::bad_document);
    CHECK(lines.error().message().find(bad.where) != std::string::npos);
    CHECK(lines.error().message().find("UTF-8") != std::string::npos);
  }
}

TEST_CASE("printer/text: a character the font lacks is missing_glyph, named as U+XXXX") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  auto emoji = kofu::printer::render_text(*font, "山田\xF0\x9F\x98\x80様", TextStyle{}, 240);
  REQUIRE_FALSE(emoji);
  CHECK(emoji.error().code() == PrinterErrc::missing_glyph);
  CHECK(emoji.error().message().find("U+1F600") != std::string::npos);
  CHECK(emoji.error().message().find("at byte 6") != std::string::npos);
  CHECK(emoji.error().message().find("山田") != std::string::npos);
  auto private_use = kofu::printer::wrap_text(*font, "\xEE\x80\x80", TextStyle{}, 240);
  REQUIRE_FALSE(private_use);
  CHECK(private_use.error().message().find("U+E000") != std::string::npos);
}

TEST_CASE("printer/text: sizes out of range and a character wider than the line are errors") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  TextStyle zero;
  zero.size_dots = 0;
  auto bad_size = kofu::printer::wrap_text(*font, "山", zero, 240);
  REQUIRE_FALSE(bad_size);
  CHECK(bad_size.error().code() == PrinterErrc::bad_document);
  auto bad_width = kofu::printer::render_text(*font, "山", TextStyle{}, 0);
  REQUIRE_FALSE(bad_width);
  CHECK(bad_width.error().code() == PrinterErrc::bad_document);
  auto too_wide = kofu::printer::wrap_text(*font, "山", TextStyle{}, 20);
  REQUIRE_FALSE(too_wide);
  CHECK(too_wide.error().code() == PrinterErrc::does_not_fit);
  CHECK(too_wide.error().message().find("U+5C71") != std::string::npos);
}

TEST_CASE("printer/text: render_text aligns each line") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  TextStyle style;
  const int line_height = font->line_height(24);
  const int width = 240;
  const int name_width = 48;  // 山田: two full-width characters
  style.align = Align::left;
  auto left = kofu::printer::render_text(*font, "山田", style, width);
  REQUIRE(left);
  CHECK(left->width() == width);
  CHECK(left->height() == line_height);
  CHECK(ink_columns(*left).first >= 0);
  CHECK(ink_columns(*left).first <= 4);

  style.align = Align::center;
  auto centred = kofu::printer::render_text(*font, "山田", style, width);
  REQUIRE(centred);
  const auto [centre_first, centre_last] = ink_columns(*centred);
  CHECK(centre_first >= (width - name_width) / 2);
  CHECK(centre_first <= (width - name_width) / 2 + 4);
  CHECK(centre_last >= (width + name_width) / 2 - 5);
  CHECK(centre_last < (width + name_width) / 2);

  style.align = Align::right;
  auto right = kofu::printer::render_text(*font, "山田", style, width);
  REQUIRE(right);
  CHECK(ink_columns(*right).second >= width - 5);
  CHECK(ink_columns(*right).first >= width - name_width);
  // The same glyphs, moved: the dot counts agree.
  CHECK(black_dots(*left) == black_dots(*centred));
  CHECK(black_dots(*left) == black_dots(*right));
}

TEST_CASE("printer/text: lines stack at line height plus gap") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  TextStyle style;
  style.line_gap_dots = 6;
  style.bold = true;
  const int pitch = font->line_height(24) + 6;
  auto picture = kofu::printer::render_text(*font, "𠮷田\n髙橋", style, 240);
  REQUIRE(picture);
  CHECK(picture->height() == 2 * pitch);
  // Each line's ink lies in its own band.
  const Bitmap top = Bitmap::from_rows(240, pitch, picture->rows(0, pitch));
  const Bitmap bottom = Bitmap::from_rows(240, pitch, picture->rows(pitch, pitch));
  CHECK(black_dots(top) > 60);
  CHECK(black_dots(bottom) > 60);
  CHECK(black_dots(top) + black_dots(bottom) == black_dots(*picture));
  CHECK(ink_rows(top).second < font->line_height(24));
  // The first line is 𠮷 then 田, each drawn as its glyph.
  Bitmap expected(240, pitch);
  expected.draw(font->glyph(U'\U00020BB7', 24, true), 0, 0);
  expected.draw(font->glyph(U'田', 24, true), font->advance(U'\U00020BB7', 24), 0);
  CHECK(top == expected);
}

TEST_CASE("printer/text: empty text renders an empty bitmap") {
  const Font* font = receipt_font();
  if (font == nullptr) return;
  auto picture = kofu::printer::render_text(*font, "", TextStyle{}, 240);
  REQUIRE(picture);
  CHECK(picture->height() == 0);
  CHECK(picture->empty());
}
