#include "scanner/card_image.hpp"

#include "scanner/qr_image.hpp"

namespace kofu::scanner {
namespace {

shc::QrEcc to_ecc(char level) {
  switch (level) {
    case 'M': return shc::QrEcc::medium;
    case 'Q': return shc::QrEcc::quartile;
    case 'H': return shc::QrEcc::high;
    default: return shc::QrEcc::low;
  }
}

}  // namespace

shc::Verdict verify_card_image(const GrayImage& image, const shc::VerifyOptions& options) {
  shc::Verdict verdict;
  verdict.input_kind = "image";
  const std::vector<QrSymbol> symbols = read_qr_symbols(image);
  if (symbols.empty()) {
    verdict.findings.push_back({shc::ShcErrc::qr_unreadable, shc::Severity::error, "image",
                                "no QR code could be read from the image (damaged, too small or absent)"});
    return verdict;
  }
  for (const QrSymbol& symbol : symbols) {
    shc::Findings symbol_findings = shc::check_qr_symbol(symbol.text, symbol.version, to_ecc(symbol.ecc));
    verdict.findings.insert(verdict.findings.end(), symbol_findings.begin(), symbol_findings.end());
    shc::Verdict text = shc::verify(symbol.text, options);
    verdict.findings.insert(verdict.findings.end(), text.findings.begin(), text.findings.end());
    for (auto& credential : text.credentials) verdict.credentials.push_back(std::move(credential));
  }
  return verdict;
}

}  // namespace kofu::scanner
