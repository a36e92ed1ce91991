// Layout: a document and a printer profile → the job's ESC/POS chunks. Everything is measured and checked here,
// before a byte reaches the printer: a QR code that cannot fit the paper, a character the font lacks or an
// unreadable image is an error now, not a blank or half receipt later.
//
// Text is drawn on the host with FreeType (every character of a name prints), unless the document asks for the
// printer's own Kanji font (native_text), the profile has one, and every character of the block has a Shift_JIS
// code. QR codes are drawn on the host (libqrencode) as rasters, unless the block allows the printer's own
// generator (native "auto" or "always"), the profile has GS ( k, the payload is one symbol of printable ASCII (a
// printer may pick Kanji compaction for other bytes, §1.5) and its module size is one the printer takes.
#pragma once

#include <string>
#include <vector>

#include "error/expected.hpp"
#include "printer/document.hpp"
#include "printer/font.hpp"
#include "printer/profile.hpp"

namespace kofu::printer {

// How one QR block came out, for the CLI's report and for tests.
struct PlacedQr {
  std::size_t block = 0;  // index in the document
  int symbols = 1;        // more than one: a structured-append sequence
  int version = 0;
  int module_dots = 0;
  bool native = false;  // printed by the printer's GS ( k
};

struct PrintJob {
  std::vector<std::string> chunks;  // ESC/POS bytes: init first, each raster strip a chunk of its own
  std::vector<PlacedQr> qr_codes;
  int paper_dots = 0;  // the paper the job uses, in dot lines (feeds included, the cutter's own feed not)

  std::size_t bytes() const;
  std::string joined() const;
  // The time the printer needs at its rated speed, in seconds.
  double print_seconds(const Profile& profile) const;
};

Expected<PrintJob> compose(const Document& document, const Profile& profile, const Font& font);

}  // namespace kofu::printer
