// Error codes of the receipt printer (kofu.printer): documents, layout, transports and jobs.
#pragma once

#include <system_error>

namespace kofu::printer {

enum class PrinterErrc {
  bad_document = 1,   // the document (JSON) is malformed: the message names the block and field
  unknown_profile,    // no printer profile of that name, or a GS I answer no profile matches
  does_not_fit,       // a QR code, image or line that cannot fit the paper width, or a payload too large
  missing_glyph,      // the font has no glyph for a character of the text
  font_unavailable,   // no usable font file
  bad_image,          // an image file that cannot be read
  bad_address,        // a --to address that is none of tcp://, a device file or serial:
  connect_failed,     // the printer could not be reached (refused, no such device, permission)
  io_failed,          // reading or writing the printer failed
  timeout,            // the printer did not answer or take data in time
  connection_closed,  // the printer closed the connection
  printer_offline,    // the printer says it is offline
  cover_open,         // the printer's cover is open
  paper_end,          // the printer is out of paper
  printer_error,      // cutter, mechanical or unrecoverable error
  job_unconfirmed,    // the job was sent but the printer never confirmed it printed
};

const std::error_category& printer_category() noexcept;
std::error_code make_error_code(PrinterErrc e) noexcept;

}  // namespace kofu::printer

template <>
struct std::is_error_code_enum<kofu::printer::PrinterErrc> : std::true_type {};
