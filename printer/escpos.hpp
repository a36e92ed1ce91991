// ESC/POS command bytes for one job, for Epson TM printers and the compatible ones a profile describes.
// Facts: ../shared/reference/escpos-scanners.md §1.2 (init, align, feed), §1.3 (Kanji), §1.4 (raster), §1.5 (QR),
// §1.6 (cut). The job is kept in chunks: the job runner sends one chunk, then reads the printer's status before the
// next, so a chunk holds at most one raster strip of `profile.strip_rows` rows (§1.4: strips paced by status).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "printer/bitmap.hpp"
#include "printer/profile.hpp"
#include "printer/qr.hpp"
#include "printer/text.hpp"

namespace kofu::printer {

class EscPosEncoder {
 public:
  explicit EscPosEncoder(const Profile& profile) : profile_(&profile) {}

  // ESC @, then GS P dpi dpi where the profile allows, so that ESC J n feeds n dots.
  EscPosEncoder& initialize();
  // GS ( K fn 49: 0 the printer's standard density, 1–8 darker steps, -1 to -6 lighter (m = 256 + level).
  EscPosEncoder& density(int level);
  // ESC a n. Takes effect at the start of a line.
  EscPosEncoder& align(Align align);
  // Blank paper: ESC J n in steps of at most 255 dots, or white raster rows when the profile has no GS P.
  EscPosEncoder& feed(int dots);
  // A picture as wide as the paper or narrower (left aligned): white runs of 24 rows or more become feeds, the
  // rest goes out in strips with the profile's raster command, one chunk per strip.
  EscPosEncoder& raster(const Bitmap& picture);
  // One line of text in the printer's resident font, Shift_JIS (FS C 1), scaled 1–8 by GS !, with ESC E for bold;
  // the line spacing is the line's height plus `gap` dots. For Japanese-firmware printers only (profile.kanji).
  EscPosEncoder& kanji_line(std::string_view shift_jis, int scale, bool bold, Align align, int gap);
  // A QR code model 2 made by the printer (GS ( k): data stored and printed at `module_dots` per module.
  // The caller has checked that the symbol fits; the printer would silently print nothing otherwise (§1.5).
  EscPosEncoder& native_qr(std::string_view data, int module_dots, QrEcc ecc, Align align);
  // GS V 66 0 (feed to the cutter and cut partially) or GS V 65 0 (full).
  EscPosEncoder& cut();
  // Closes the current chunk (the next command starts a new one).
  EscPosEncoder& end_chunk();

  // The chunks so far, and the encoder emptied.
  std::vector<std::string> take_chunks();
  // All bytes so far in one piece, and the encoder emptied.
  std::string take();

 private:
  std::string& out();
  void raster_strip(const Bitmap& picture, int first_row, int rows);

  const Profile* profile_;
  std::vector<std::string> chunks_;
  bool chunk_open_ = false;
  bool kanji_mode_ = false;
};

}  // namespace kofu::printer
