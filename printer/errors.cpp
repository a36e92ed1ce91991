#include "printer/errors.hpp"

#include "error/category.hpp"

namespace kofu::printer {
namespace {

const char* describe(int value) noexcept {
  switch (static_cast<PrinterErrc>(value)) {
    case PrinterErrc::bad_document: return "the print document is malformed";
    case PrinterErrc::unknown_profile: return "no such printer profile";
    case PrinterErrc::does_not_fit: return "the content does not fit the paper";
    case PrinterErrc::missing_glyph: return "the font has no glyph for a character";
    case PrinterErrc::font_unavailable: return "no usable font";
    case PrinterErrc::bad_image: return "the image cannot be read";
    case PrinterErrc::bad_address: return "the printer address is not understood";
    case PrinterErrc::connect_failed: return "the printer cannot be reached";
    case PrinterErrc::io_failed: return "talking to the printer failed";
    case PrinterErrc::timeout: return "the printer did not answer in time";
    case PrinterErrc::connection_closed: return "the printer closed the connection";
    case PrinterErrc::printer_offline: return "the printer is offline";
    case PrinterErrc::cover_open: return "the printer's cover is open";
    case PrinterErrc::paper_end: return "the printer is out of paper";
    case PrinterErrc::printer_error: return "the printer reports an error";
    case PrinterErrc::job_unconfirmed: return "the printer did not confirm that the job printed";
  }
  return nullptr;
}

}  // namespace

const std::error_category& printer_category() noexcept {
  static const ErrorCategory category("kofu.printer", describe);
  return category;
}

std::error_code make_error_code(PrinterErrc e) noexcept {
  return {static_cast<int>(e), printer_category()};
}

}  // namespace kofu::printer
