// Printer profiles: what kofu must know about a receipt printer model to lay out and encode a job for it.
// Facts: ../shared/reference/escpos-scanners.md §1.1 (resolution and width), §1.3 (Kanji firmware), §1.4 (raster
// commands and strips), §1.5 (native QR), §1.7 (GS I).
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "error/expected.hpp"

namespace kofu::printer {

// How raster pictures are sent.
enum class RasterCommand {
  gs_v0,  // GS v 0: the oldest and most widely understood (clones included)
  gs_l,   // GS ( L / GS 8 L fn 112 (store) + fn 50 (print): Epson's current graphics command
};

struct Profile {
  std::string_view name;         // what --profile takes: "tm-t88", "tm-t20-jp", "generic-58mm", …
  std::string_view models;       // the printers it describes, for `kofu print profiles`
  int dpi = 0;                   // dots per inch (180 or 203)
  int width_dots = 0;            // printable width
  int paper_mm = 0;              // roll width: 80 or 58
  bool kanji = false;            // Japanese firmware with a resident Kanji font: FS C 1 (Shift_JIS) text can be sent
  bool native_qr = false;        // GS ( k QR model 2 is understood
  int max_native_qr_module = 0;  // the largest GS ( k module size, in dots
  RasterCommand raster = RasterCommand::gs_v0;
  int strip_rows = 0;        // raster rows per command: small enough for the receive buffer (§1.4)
  bool partial_cut = true;   // GS V 66 0 (feed to the cutter, partial cut) rather than a full cut
  bool motion_units = true;  // GS P is understood, so kofu sets the motion unit to one dot and feeds blank space
                             // with ESC J; otherwise blank space is sent as white raster rows
  int speed_mm_per_s = 0;    // rated print speed, for estimates

  double dots_per_mm() const noexcept { return dpi / 25.4; }
  int mm_to_dots(double mm) const noexcept { return static_cast<int>(std::lround(mm * dots_per_mm())); }
};

// Every built-in profile, the default (tm-t88) first.
std::span<const Profile> profiles();

// The profile with this name, or an error listing the known names.
Expected<const Profile*> find_profile(std::string_view name);

// The profile that matches a printer's answers to GS I 110 (paper width and resolution: bit 0 set = 58 mm, bit 1
// set = 203 dpi) and GS I 2 (type ID: bit 0 set = two-byte (Kanji) characters supported). The answer to 110 is
// documented for the TM-T70 only (§1.7); a printer that does not answer it must be given a profile by name.
Expected<const Profile*> profile_from_printer_id(std::uint8_t paper_answer, std::uint8_t type_answer);

// GS I n: ask for printer ID n (its answer is a 0xx0xxxx byte, or a block for n ≥ 65).
std::string printer_id_request(std::uint8_t n);

}  // namespace kofu::printer
