#include "printer/profile.hpp"

#include <array>

#include "printer/errors.hpp"

namespace kofu::printer {
namespace {

// TM-T88IV–VII: 180 dpi, 512 dots on 80 mm; 360 on 58 mm. TM-T20II/III and TM-m30: 203 dpi, 576 dots; 384 on
// 58 mm. "-jp" are the Japanese-firmware models (resident Kanji font). Generic 58 mm printers (clones) get only
// GS v 0 rasters and no native QR, the commands they are known to understand (§1.5, §2.2).
constexpr std::array kProfiles = {
    Profile{"tm-t88", "Epson TM-T88IV/V/VI/VII, 80 mm, international firmware", 180, 512, 80, false, true, 16,
            RasterCommand::gs_l, 256, true, true, 300},
    Profile{"tm-t88-jp", "Epson TM-T88V/VI/VII Japanese models, 80 mm", 180, 512, 80, true, true, 16,
            RasterCommand::gs_l, 256, true, true, 300},
    Profile{"tm-t88-58mm", "Epson TM-T88 with 58 mm paper", 180, 360, 58, false, true, 16, RasterCommand::gs_l, 256,
            true, true, 300},
    Profile{"tm-t20", "Epson TM-T20II/III, 80 mm, international firmware", 203, 576, 80, false, true, 16,
            RasterCommand::gs_l, 256, true, true, 250},
    Profile{"tm-t20-jp", "Epson TM-T20III Japanese model, 80 mm", 203, 576, 80, true, true, 16, RasterCommand::gs_l,
            256, true, true, 250},
    Profile{"tm-t20-58mm", "Epson TM-T20 with 58 mm paper", 203, 384, 58, false, true, 16, RasterCommand::gs_l, 256,
            true, true, 250},
    Profile{"tm-m30", "Epson TM-m30/m30II/m30III, 80 mm, international firmware", 203, 576, 80, false, true, 16,
            RasterCommand::gs_l, 256, true, true, 250},
    Profile{"tm-m30-jp", "Epson TM-m30II/III Japanese models, 80 mm", 203, 576, 80, true, true, 16, RasterCommand::gs_l,
            256, true, true, 250},
    Profile{"generic-58mm", "58 mm ESC/POS printers (POS-58 clones): GS v 0 only, no native QR", 203, 384, 58, false,
            false, 0, RasterCommand::gs_v0, 128, true, false, 90},
};

}  // namespace

std::span<const Profile> profiles() {
  return kProfiles;
}

Expected<const Profile*> find_profile(std::string_view name) {
  std::string known;
  for (const Profile& profile : kProfiles) {
    if (profile.name == name) return &profile;
    known += known.empty() ? "" : ", ";
    known += profile.name;
  }
  return unexpected(Error(make_error_code(PrinterErrc::unknown_profile),
                          "no printer profile named \"" + std::string(name) + "\"; the profiles are " + known));
}

Expected<const Profile*> profile_from_printer_id(std::uint8_t paper_answer, std::uint8_t type_answer) {
  if ((paper_answer & 0x90U) != 0 || (type_answer & 0x90U) != 0) {  // a GS I answer is 0xx0xxxx
    return unexpected(Error(make_error_code(PrinterErrc::unknown_profile),
                            "the printer's ID answers are not GS I answers; give the profile by name (--profile)"));
  }
  const bool narrow = (paper_answer & 0x01U) != 0;
  const bool dpi203 = (paper_answer & 0x02U) != 0;
  const bool kanji = (type_answer & 0x01U) != 0;
  std::string_view name;
  if (dpi203) {
    name = narrow ? "tm-t20-58mm" : (kanji ? "tm-t20-jp" : "tm-t20");
  } else {
    name = narrow ? "tm-t88-58mm" : (kanji ? "tm-t88-jp" : "tm-t88");
  }
  return find_profile(name);
}

std::string printer_id_request(std::uint8_t n) {
  return std::string{'\x1d', 'I', static_cast<char>(n)};
}

}  // namespace kofu::printer
