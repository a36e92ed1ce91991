#include "drivers/cards/mynumber_card.hpp"

#include <array>
#include <utility>

#include "drivers/cards/errors.hpp"
#include "iso7816/apdu.hpp"

namespace kofu::cards {
namespace {

constexpr std::size_t kTokenLabelSize = 32;  // the label field of the serialised CK_TOKEN_INFO, space-padded
constexpr std::size_t kSha256Size = 32;
constexpr std::size_t kSignatureSize = 256;  // RSA-2048

constexpr PinRules kAuthPin{4, 4, true, "利用者証明用 PIN (JPKI, 4 digits)", "the municipal office (市区町村の窓口)"};
constexpr PinRules kTextPin{4, 4, true, "券面事項入力補助用 PIN (4 digits)", "the municipal office (市区町村の窓口)"};

std::optional<JpkiToken> token_of(std::string_view label) {
  struct Label {
    std::string_view text;
    JpkiToken token;
  };
  static constexpr std::array<Label, 4> kLabels{{
      {"JPKIAPICCTOKEN2", JpkiToken::my_number_card},
      {"JPKIAPICCTOKEN", JpkiToken::juki_card},
      {"JPKIAPGPSETOKEN", JpkiToken::android_phone},
      {"JPKIAPIOSTOKEN", JpkiToken::iphone},
  }};
  while (!label.empty() && (label.back() == ' ' || label.back() == '\0')) label.remove_suffix(1);
  for (const Label& known : kLabels) {
    if (label == known.text) return known.token;
  }
  return std::nullopt;
}

std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text) out += c >= 0x20 && c < 0x7F ? c : '?';
  return out;
}

}  // namespace

const char* to_string(JpkiToken token) noexcept {
  switch (token) {
    case JpkiToken::my_number_card: return "My Number card";
    case JpkiToken::juki_card: return "住民基本台帳カード";
    case JpkiToken::android_phone: return "Android phone (スマホ用電子証明書)";
    case JpkiToken::iphone: return "iPhone (スマホ用電子証明書)";
  }
  return "unknown";
}

Expected<MyNumberCard> MyNumberCard::open(iso7816::Transport& transport) {
  CardSession session(transport);
  auto found = session.select_application(mynumber::kJpkiAid, "selecting the JPKI application");
  if (!found) return unexpected(found.error());
  if (!*found) {
    return unexpected(Error(CardErrc::not_my_number_card,
                            "not a My Number card: it has no JPKI application (AID D392F000260100000001)"));
  }
  if (auto selected = session.select_file(mynumber::kJpkiTokenInfo, "reading the JPKI token label"); !selected) {
    return unexpected(selected.error());
  }
  auto label = session.run_ok(mynumber::read_binary(0, kTokenLabelSize), "reading the JPKI token label (EF 0006)");
  if (!label) return unexpected(label.error());
  const auto token = token_of(label->data);
  if (!token) {
    return unexpected(Error(CardErrc::not_my_number_card,
                            "not a My Number card: its JPKI token label is \"" + printable(label->data) + "\""));
  }
  return MyNumberCard(transport, *token);
}

std::string MyNumberCard::description() const {
  return std::string(to_string(token_)) + ", JPKI 利用者証明用 key";
}

Expected<void> MyNumberCard::select_jpki() {
  auto found = session_.select_application(mynumber::kJpkiAid, "selecting the JPKI application");
  if (!found) return unexpected(found.error());
  if (!*found) return unexpected(Error(CardErrc::not_my_number_card, "the JPKI application is gone: another card?"));
  return {};
}

Expected<void> MyNumberCard::select_text() {
  auto found = session_.select_application(mynumber::kTextAid, "selecting the 券面事項入力補助AP");
  if (!found) return unexpected(found.error());
  if (!*found) {
    return unexpected(Error(CardErrc::no_application,
                            std::string(to_string(token_)) + " has no 券面事項入力補助AP (AID D3921000310001010408)"));
  }
  return {};
}

Expected<iso7816::Bytes> MyNumberCard::read_jpki_file(std::uint16_t ef, const char* what) {
  if (auto selected = select_jpki(); !selected) return unexpected(selected.error());
  if (auto selected = session_.select_file(ef, what); !selected) return unexpected(selected.error());
  return session_.read_object(what);
}

Expected<iso7816::Bytes> MyNumberCard::certificate() {
  return read_jpki_file(mynumber::kJpkiAuthCertificate, "reading the 利用者証明用 certificate (EF 000A)");
}

Expected<iso7816::Bytes> MyNumberCard::ca_certificate() {
  return read_jpki_file(mynumber::kJpkiAuthCaCertificate, "reading the 利用者証明用 CA certificate (EF 000B)");
}

Expected<PinStatus> MyNumberCard::pin_status() {
  if (auto selected = select_jpki(); !selected) return unexpected(selected.error());
  const char* what = "reading the 利用者証明用 PIN counter (EF 0018)";
  if (auto selected = session_.select_file(mynumber::kJpkiAuthPin, what); !selected) {
    return unexpected(selected.error());
  }
  return session_.pin_status(what);
}

Expected<iso7816::Bytes> MyNumberCard::sign_sha256(std::string_view sha256, const Secret& pin, PinPolicy policy) {
  if (sha256.size() != kSha256Size) {
    return unexpected(Error(std::make_error_code(std::errc::invalid_argument),
                            "a SHA-256 digest has 32 bytes, not " + std::to_string(sha256.size())));
  }
  // SELECT AP → VERIFY → sign with nothing in between: the verified state is the AP's (iccard.md §1.7).
  if (auto selected = select_jpki(); !selected) return unexpected(selected.error());
  if (auto selected = session_.select_file(mynumber::kJpkiAuthPin, "verifying the 利用者証明用 PIN"); !selected) {
    return unexpected(selected.error());
  }
  if (auto verified = session_.verify(pin, kAuthPin, policy); !verified) return unexpected(verified.error());
  const char* what = "signing with the 利用者証明用 key (EF 0017)";
  if (auto selected = session_.select_file(mynumber::kJpkiAuthKey, what); !selected) {
    return unexpected(selected.error());
  }
  auto signature = session_.run_ok(mynumber::sign_digest_info(mynumber::sha256_digest_info(sha256)), what);
  if (!signature) return unexpected(signature.error());
  if (signature->data.size() != kSignatureSize) {
    return unexpected(Error(CardErrc::bad_file, std::string(what) + ": the card returned " +
                                                    std::to_string(signature->data.size()) + " bytes, not 256"));
  }
  return std::move(signature->data);
}

Expected<PinStatus> MyNumberCard::text_pin_status() {
  if (auto selected = select_text(); !selected) return unexpected(selected.error());
  const char* what = "reading the 券面事項入力補助用 PIN counter (EF 0011)";
  if (auto selected = session_.select_file(mynumber::kTextPin, what); !selected) return unexpected(selected.error());
  return session_.pin_status(what);
}

Expected<CardText> MyNumberCard::read_text(const Secret& pin, PinPolicy policy, bool with_my_number) {
  if (auto selected = select_text(); !selected) return unexpected(selected.error());
  if (auto selected = session_.select_file(mynumber::kTextPin, "verifying the 券面事項入力補助用 PIN"); !selected) {
    return unexpected(selected.error());
  }
  if (auto verified = session_.verify(pin, kTextPin, policy); !verified) return unexpected(verified.error());
  const char* what = "reading the 基本4情報 (EF 0002)";
  if (auto selected = session_.select_file(mynumber::kTextBasicInfo, what); !selected) {
    return unexpected(selected.error());
  }
  auto record = session_.read_object(what);
  if (!record) return unexpected(record.error());
  auto basic = mynumber::parse_basic_info(*record);
  if (!basic) return unexpected(basic.error());
  CardText text{std::move(*basic), std::nullopt};
  if (with_my_number) {
    what = "reading the 個人番号 (EF 0001)";
    if (auto selected = session_.select_file(mynumber::kTextMyNumber, what); !selected) {
      return unexpected(selected.error());
    }
    auto number_record = session_.read_object(what);
    if (!number_record) return unexpected(number_record.error());
    auto number = mynumber::parse_my_number(*number_record);
    if (!number) return unexpected(number.error());
    text.my_number = std::move(*number);
  }
  return text;
}

}  // namespace kofu::cards
