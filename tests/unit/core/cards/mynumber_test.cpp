// The My Number card's data: commands as the reference traces show them, the 基本4情報 and 個人番号 records.
#include <doctest/doctest.h>

#include <ostream>
#include <string>

#include "cards/errors.hpp"
#include "cards/mynumber.hpp"
#include "iso7816/apdu.hpp"

using namespace kofu::cards::mynumber;
using kofu::iso7816::parse_hex;
using kofu::iso7816::to_hex;

namespace {

std::string hex_of(const kofu::iso7816::Command& command) {
  auto bytes = kofu::iso7816::encode(command);
  REQUIRE(bytes);
  return to_hex(*bytes);
}

std::string bytes_of(std::string_view hex) {
  auto bytes = parse_hex(hex);
  REQUIRE(bytes);
  return *bytes;
}

// The 基本4情報 of a J-LIS test card (synthetic holder data), as published in the card's reference notes.
constexpr const char* kBasicInfo =
    "ff2065df2108000e002000590064df220fe9bb92e6a190e38080e5b9b9e4b99fdf2336e69db1e4baace983bde6b885e780ace5b882e8a6b3"
    "e5b883e5ad90e58d97efbc91efbc92efbc8defbc97efbc8defbc92efbc90efbc92df24083139383030323137df250131";

}  // namespace

TEST_SUITE("cards.mynumber") {
  TEST_CASE("commands are byte for byte those of the card traces") {
    CHECK(hex_of(select_application(kJpkiAid)) == "00A4040C0AD392F000260100000001");
    CHECK(hex_of(select_application(kTextAid)) == "00A4040C0AD3921000310001010408");
    CHECK(hex_of(select_file(kJpkiAuthCertificate)) == "00A4020C02000A");
    CHECK(hex_of(read_binary(0, 4)) == "00B0000004");
    CHECK(hex_of(read_binary(0x100, 256)) == "00B0010000");
    CHECK(hex_of(read_binary(0x500, 0x1E)) == "00B005001E");
    CHECK(hex_of(retries_query()) == "00200080");
    CHECK(hex_of(verify_pin("1234")) == "002000800431323334");
    const std::string digest(32, '\x11');
    const std::string info = sha256_digest_info(digest);
    CHECK(info.size() == 51);
    CHECK(hex_of(sign_digest_info(info))
              .starts_with("802A008033"
                           "3031300D060960864801650304020105000420"));
    CHECK(hex_of(sign_digest_info(info)).ends_with("111100"));
  }

  TEST_CASE("the 基本4情報 of the J-LIS test card") {
    auto info = parse_basic_info(bytes_of(kBasicInfo) + std::string(40, '\xFF'));  // with the EF's filler
    REQUIRE_MESSAGE(info, (info ? "" : info.error().message()));
    CHECK(info->name == "黒桐　幹也");
    CHECK(info->address == "東京都清瀬市観布子南１２－７－２０２");
    CHECK(info->birth_date == kofu::jahis::CivilDate{1980, 2, 17});
    CHECK(info->sex == Sex::male);
  }

  TEST_CASE("damaged 基本4情報 records are errors, not guesses") {
    const std::string good = bytes_of(kBasicInfo);
    std::string wrong_tag = good;
    wrong_tag[1] = '\x21';
    std::string bad_date = good;
    bad_date.replace(bad_date.find("19800217"), 8, "19800230");
    std::string bad_sex = good;
    bad_sex.back() = '7';
    for (const std::string& record : {wrong_tag, bad_date, bad_sex, good.substr(0, 50), std::string()}) {
      auto info = parse_basic_info(record);
      REQUIRE_FALSE(info);
      CHECK(info.error().code() == kofu::cards::CardsErrc::bad_basic_info);
    }
  }

  TEST_CASE("the 個人番号 record and its check digit") {
    auto number = parse_my_number(bytes_of("FF100C353337363836363737313838FFFF"));
    REQUIRE(number);
    CHECK(*number == "537686677188");
    CHECK(my_number_check_digit("53768667718") == 8);
    CHECK(my_number_check_digit("5376866771") == -1);
    auto wrong = parse_my_number(bytes_of("FF100C353337363836363737313837FFFF"));  // check digit 7
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().code() == kofu::cards::CardsErrc::bad_my_number);
    CHECK(wrong.error().message().find("537686") == std::string::npos);  // never echoes the number
    CHECK_FALSE(parse_my_number(bytes_of("FF100B3533373638363637373138")));
  }
}
