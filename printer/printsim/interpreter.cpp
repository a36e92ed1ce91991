#include "printer/printsim/interpreter.hpp"

#include <qrencode.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "printer/printsim/framing.hpp"
#include "printer/printsim/glyph_cells.hpp"
#include "text/shift_jis.hpp"

namespace kofu::printsim {
namespace {

using printer::Bitmap;

constexpr char kDle = 0x10;
constexpr char kEsc = 0x1B;
constexpr char kGs = 0x1D;

// ESC/POS limits (§1.4, §1.5): GS ( L fn 112 x ≤ 2047 dots, y ≤ 1662 (by = 1) or 831 (by = 2); GS v 0 on the TM-T81
// y ≤ 2303, and more than 4096 dots across is no receipt printer; QR fn 80 at most 7089 bytes.
constexpr int kMaxGraphicsWidth = 2047;
constexpr int kMaxGraphicsHeight = 1662;
constexpr int kMaxRasterWidthBytes = 512;
constexpr int kMaxRasterHeight = 2303;
constexpr std::size_t kMaxQrData = 7089;
constexpr int kDefaultQrModule = 3;

// Font A, font B and Kanji cells in dots (§1.2).
constexpr int kFontAWidth = 12;
constexpr int kFontAHeight = 24;
constexpr int kFontBWidth = 9;
constexpr int kFontBHeight = 17;
constexpr int kKanjiSize = 24;
constexpr int kTabColumns = 8;

// DLE DC4 fn 8, clear buffers: 10 14 08 01 03 14 01 06 02 08 (§1.7).
constexpr std::string_view kClearBuffers{"\x10\x14\x08\x01\x03\x14\x01\x06\x02\x08", 10};

unsigned at(std::string_view bytes, std::size_t i) {
  return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0U;
}

int little_endian_16(std::string_view bytes, std::size_t i) {
  return static_cast<int>(at(bytes, i) + at(bytes, i + 1) * 256U);
}

std::string hex(std::string_view bytes, std::size_t limit = 4) {
  std::string out;
  for (std::size_t i = 0; i < std::min(bytes.size(), limit); ++i) {
    char two[4];
    std::snprintf(two, sizeof two, "%02X", at(bytes, i));
    if (!out.empty()) out += ' ';
    out += two;
  }
  if (bytes.size() > limit) out += " …";
  return out;
}

// The first character of UTF-8 text (valid: it comes from the Shift_JIS decoder).
char32_t first_code_point(std::string_view utf8) {
  if (utf8.empty()) return 0;
  const unsigned lead = at(utf8, 0);
  int extra = 0;
  char32_t value = lead;
  if (lead >= 0xF0) {
    extra = 3;
    value = lead & 0x07U;
  } else if (lead >= 0xE0) {
    extra = 2;
    value = lead & 0x0FU;
  } else if (lead >= 0xC0) {
    extra = 1;
    value = lead & 0x1FU;
  }
  for (int i = 1; i <= extra; ++i) value = value << 6U | (at(utf8, static_cast<std::size_t>(i)) & 0x3FU);
  return value;
}

bool is_shift_jis_lead(unsigned b) {
  return (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC);
}
bool is_shift_jis_trail(unsigned b) {
  return (b >= 0x40 && b <= 0x7E) || (b >= 0x80 && b <= 0xFC);
}
bool is_jis_byte(unsigned b) {
  return b >= 0x21 && b <= 0x7E;
}

// JIS X 0208 row/cell bytes (FS C 0) as the Shift_JIS pair of the same character.
std::string jis_to_shift_jis(unsigned j1, unsigned j2) {
  const unsigned s1 = (j1 + 1) / 2 + (j1 <= 0x5E ? 0x70 : 0xB0);
  const unsigned s2 = (j1 % 2 == 1) ? j2 + (j2 >= 0x60 ? 0x20 : 0x1F) : j2 + 0x7E;
  return {static_cast<char>(s1), static_cast<char>(s2)};
}

// The print modes ESC @ restores.
struct Modes {
  bool font_b = false;
  bool bold = false;  // ESC E, ESC G (double-strike prints the same on a thermal head)
  int underline = 0;
  int kanji_underline = 0;
  bool reverse = false;
  bool upside_down = false;
  int align = 0;  // 0 left, 1 centre, 2 right
  int line_spacing = 0;
  int left_margin = 0;
  int area_width = 0;
  int ank_scale_x = 1;
  int ank_scale_y = 1;
  int kanji_scale_x = 1;
  int kanji_scale_y = 1;
  int code_table = 0;
  int international = 0;
  bool kanji_mode = false;  // FS & / FS .
  bool shift_jis = false;   // FS C 1: Shift_JIS code system; FS C 0: JIS
};

struct QrSettings {
  int model = 2;
  int module = kDefaultQrModule;
  QRecLevel ecc = QR_ECLEVEL_L;
  std::string data;
};

struct StoredGraphics {
  Bitmap bitmap;
  int scale_x = 1;
  int scale_y = 1;
  bool stored = false;
};

}  // namespace

struct Interpreter::Impl {
  Impl(const printer::Profile& p, const printer::Font* f)
      : profile(p), glyphs(f), page(p.width_dots, 0), default_spacing((p.dpi + 3) / 6) {
    reset_modes();
  }

  const printer::Profile& profile;
  GlyphCells glyphs;
  Bitmap page;
  const int default_spacing;  // 1/6 inch (ESC 2): 30 dots at 180 dpi, 34 at 203

  // The simulated hardware.
  bool paper = true;
  bool near_end = false;
  bool cover_open = false;
  bool online = true;
  std::optional<std::int64_t> paper_left;
  std::optional<std::int64_t> cover_open_at;
  std::optional<std::int64_t> offline_at;
  std::int64_t dot_lines = 0;

  // Input.
  std::string rx;
  std::size_t rx_head = 0;
  std::uint64_t skip = 0;  // bytes still to drop of a command too long to interpret
  std::uint64_t bytes_received = 0;
  std::uint64_t command_offset = 0;  // where the command being executed starts in the stream, for messages
  std::string real_time_pending;
  bool processing = false;

  // Output.
  std::string replies;
  bool replies_overflowed = false;
  std::vector<Page> pages;
  std::function<void(Page&&)> sink;
  std::function<void(const std::string&)> log;
  int pages_finished = 0;
  int dropped_pages = 0;
  int unknown_commands = 0;
  int errors = 0;
  std::string last_error;

  int asb_mask = 0;
  std::array<std::uint8_t, 4> asb_seen{};

  Modes modes;
  QrSettings qr;
  StoredGraphics graphics;
  std::vector<Bitmap> line;
  int line_used = 0;

  void reset_modes() {
    modes = Modes{};
    modes.line_spacing = default_spacing;
    modes.area_width = profile.width_dots;
  }

  bool can_print() const noexcept { return paper && !cover_open && online; }

  void note(const std::string& message) const {
    if (log) log(message);
  }

  void error(const std::string& message) {
    ++errors;
    last_error = "byte " + std::to_string(command_offset) + ": " + message;
    note(last_error);
  }

  void reply(std::string_view bytes) {
    if (replies.size() + bytes.size() > kMaxReplyBytes) {
      if (!replies_overflowed) note("replies not taken: the transmit buffer is full, further replies are dropped");
      replies_overflowed = true;
      return;
    }
    replies_overflowed = false;
    replies.append(bytes);
  }

  // ---- status (§1.7) ----

  // Drawer kick pin 3 reads high with no drawer, so a ready printer answers DLE EOT 1 with 16, as Epson's do.
  std::uint8_t real_time_status(unsigned n) const {
    const bool offline = !can_print();
    switch (n) {
      case 1: return static_cast<std::uint8_t>(0x16U | (offline ? 0x08U : 0U));
      case 2: return static_cast<std::uint8_t>(0x12U | (cover_open ? 0x04U : 0U) | (!paper ? 0x60U : 0U));
      case 3: return 0x12U;  // no error causes are simulated: "offline" is the plain offline state
      default: return static_cast<std::uint8_t>(0x12U | (near_end ? 0x0CU : 0U) | (!paper ? 0x60U : 0U));
    }
  }

  std::array<std::uint8_t, 4> asb_bytes() const {
    return {static_cast<std::uint8_t>(0x14U | (!can_print() ? 0x08U : 0U) | (cover_open ? 0x20U : 0U)), 0,
            paper_sensor_status(), 0};
  }

  std::uint8_t paper_sensor_status() const {
    return static_cast<std::uint8_t>((near_end ? 0x03U : 0U) | (!paper ? 0x0CU : 0U));
  }

  void send_asb(const std::array<std::uint8_t, 4>& bytes) {
    reply(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  }

  // ASB goes out when an item it is enabled for changes (GS a bits: 0 drawer, 1 online/offline, 2 error, 3 paper).
  void status_changed() {
    const auto now = asb_bytes();
    const bool changed = ((asb_mask & 0x01) != 0 && (now[0] & 0x04U) != (asb_seen[0] & 0x04U)) ||
                         ((asb_mask & 0x02) != 0 && (now[0] & 0x68U) != (asb_seen[0] & 0x68U)) ||
                         ((asb_mask & 0x04) != 0 && now[1] != asb_seen[1]) ||
                         ((asb_mask & 0x08) != 0 && now[2] != asb_seen[2]);
    if (changed) send_asb(now);
    asb_seen = now;
  }

  // ---- pages and paper ----

  void finish_page(std::string_view why, bool cut = false, bool partial = false) {
    if (page.height() == 0) return;
    Page done{std::exchange(page, Bitmap(profile.width_dots, 0)), cut, partial, std::string(why)};
    ++pages_finished;
    if (sink) {
      sink(std::move(done));
    } else if (pages.size() < kMaxQueuedPages) {
      pages.push_back(std::move(done));
    } else {
      ++dropped_pages;
      note("page dropped: " + std::to_string(kMaxQueuedPages) + " finished pages are waiting to be taken");
    }
  }

  void paper_end() {
    paper = false;
    paper_left.reset();
    note("paper end after " + std::to_string(dot_lines) + " dot lines");
    finish_page("paper end");
    status_changed();
  }

  // Prints `band` (null: `rows` blank lines are fed) at x on the next dot lines. False when the paper ended
  // before the last of them: the rest is lost.
  bool emit(const Bitmap* band, int x, int rows) {
    int done = 0;
    while (done < rows) {
      if (!paper) return false;
      if (page.height() >= kMaxPageLines) {
        note("page longer than " + std::to_string(kMaxPageLines) + " dot lines: finished");
        finish_page("page too long");
        continue;
      }
      std::int64_t n = std::min(rows - done, kMaxPageLines - page.height());
      if (paper_left) n = std::min(n, *paper_left);
      const int top = page.height();
      page.grow(static_cast<int>(n));
      if (band != nullptr) page.draw(*band, x, top - done);
      done += static_cast<int>(n);
      dot_lines += n;
      if (paper_left && (*paper_left -= n) <= 0) paper_end();
      if (cover_open_at && dot_lines >= *cover_open_at) {
        cover_open_at.reset();
        cover_open = true;
        note("cover opened after " + std::to_string(dot_lines) + " dot lines");
        status_changed();
      }
      if (offline_at && dot_lines >= *offline_at) {
        offline_at.reset();
        online = false;
        note("offline after " + std::to_string(dot_lines) + " dot lines");
        status_changed();
      }
    }
    return done == rows;
  }

  void feed(int rows) { emit(nullptr, 0, rows); }

  int area_left() const { return std::clamp(modes.left_margin, 0, profile.width_dots - 1); }
  int area_width() const { return std::clamp(modes.area_width, 1, profile.width_dots - area_left()); }

  int aligned_x(int width) const {
    const int free = std::max(area_width() - width, 0);
    switch (modes.align) {
      case 1: return area_left() + free / 2;
      case 2: return area_left() + free;
      default: return area_left();
    }
  }

  // A picture that is a line of its own (raster, QR), at the current alignment.
  void print_block(const Bitmap& block) { emit(&block, aligned_x(block.width()), block.height()); }

  // ---- text ----

  // Prints the line buffer and moves the paper `advance` dots in all (at least the line's height).
  void print_line(int advance) {
    if (line.empty()) {
      feed(advance);
      return;
    }
    int height = 0;
    for (const Bitmap& cell : line) height = std::max(height, cell.height());
    Bitmap band(profile.width_dots, height);
    int x = aligned_x(line_used);
    for (const Bitmap& cell : line) {
      band.draw(cell, x, height - cell.height());  // characters of mixed sizes share the bottom line
      x += cell.width();
    }
    line.clear();
    line_used = 0;
    if (modes.upside_down) band = rotate_half_turn(band);
    if (emit(&band, 0, height) && advance > height) feed(advance - height);
  }

  void add_cell(Bitmap cell) {
    if (cell.width() <= 0) return;
    if (!line.empty() && line_used + cell.width() > area_width()) print_line(modes.line_spacing);  // wraps
    line_used += cell.width();
    line.push_back(std::move(cell));
  }

  char32_t single_byte_character(unsigned b) const {
    if (b < 0x7F) {
      if (modes.international == 8 && b == 0x5C) return U'\u00A5';  // ESC R 8, Japan: ¥
      if (modes.international == 8 && b == 0x7E) return U'\u203E';  // and ‾ (JIS X 0201)
      return b;
    }
    // ESC t 1 Katakana: JIS X 0201 half-width katakana at A1–DF (§1.3). Other code pages are not drawn.
    if (modes.code_table == 1 && b >= 0xA1 && b <= 0xDF) return 0xFF61 + (b - 0xA1);
    return 0;
  }

  // How many bytes the character at the front takes: 2 for a Kanji pair, 0 when its second byte has not come.
  std::size_t text_length(std::string_view bytes) const {
    if (!profile.kanji) return 1;
    const unsigned b = at(bytes, 0);
    // FS C 1: Shift_JIS lead bytes make pairs whatever FS & / FS . say (the reference's inference, §1.3).
    const bool pair = modes.shift_jis ? is_shift_jis_lead(b) : (modes.kanji_mode && is_jis_byte(b));
    if (!pair) return 1;
    if (bytes.size() < 2) return 0;
    const unsigned second = at(bytes, 1);
    return (modes.shift_jis ? is_shift_jis_trail(second) : is_jis_byte(second)) ? 2 : 1;
  }

  void text(std::string_view bytes) {
    CellStyle style;
    style.bold = modes.bold;
    style.reverse = modes.reverse;
    char32_t c = 0;
    if (bytes.size() == 2) {
      const std::string sjis = modes.shift_jis ? std::string(bytes) : jis_to_shift_jis(at(bytes, 0), at(bytes, 1));
      c = first_code_point(text::decode_shift_jis_lossy(sjis).utf8);
      style.width = kKanjiSize;
      style.height = kKanjiSize;
      style.scale_x = modes.kanji_scale_x;
      style.scale_y = modes.kanji_scale_y;
      style.underline = modes.kanji_underline;
    } else {
      c = single_byte_character(at(bytes, 0));
      style.width = modes.font_b ? kFontBWidth : kFontAWidth;
      style.height = modes.font_b ? kFontBHeight : kFontAHeight;
      style.scale_x = modes.ank_scale_x;
      style.scale_y = modes.ank_scale_y;
      style.underline = modes.underline;
    }
    add_cell(glyphs.cell(c, style));
  }

  void horizontal_tab() {
    const int step = kTabColumns * (modes.font_b ? kFontBWidth : kFontAWidth) * modes.ank_scale_x;
    const int next = (line_used / step + 1) * step;
    if (next <= area_width()) add_cell(Bitmap(next - line_used, 0));
  }

  // ESC * m nL nH d…: a column-format bit image inside the line (§1.4). 8-dot images are 60 dpi vertically,
  // single density 90 dpi across, so each dot is 3 dots tall or 2 wide here.
  void column_bit_image(std::string_view command) {
    const unsigned m = at(command, 2);
    const int columns = little_endian_16(command, 3);
    const bool tall = m >= 32;
    const int column_bytes = tall ? 3 : 1;
    const int dot_width = (m == 0 || m == 32) ? 2 : 1;
    const int dot_height = tall ? 1 : 3;
    const int room = area_width() - line_used;
    const int shown = std::min(columns, room / dot_width);
    if (shown <= 0) return;
    Bitmap image(shown * dot_width, 8 * column_bytes * dot_height);
    const std::string_view data = command.substr(5);
    for (int column = 0; column < shown; ++column) {
      for (int dot = 0; dot < 8 * column_bytes; ++dot) {
        const unsigned byte = at(data, static_cast<std::size_t>(column) * static_cast<std::size_t>(column_bytes) +
                                           static_cast<std::size_t>(dot / 8));
        if ((byte & (0x80U >> static_cast<unsigned>(dot % 8))) != 0) {
          image.fill(column * dot_width, dot * dot_height, dot_width, dot_height);
        }
      }
    }
    if (columns > shown) error("ESC * bit image wider than the rest of the line: the excess is not printed");
    add_cell(std::move(image));
  }

  // ---- pictures ----

  bool at_line_start(std::string_view what) {
    if (line.empty()) return true;
    error(std::string(what) + " ignored: it works only at the start of a line (send LF first)");
    return false;
  }

  // GS v 0 m xL xH yL yH d…: x bytes across, y dots down; m bit 0 doubles the width, bit 1 the height.
  void raster(std::string_view command) {
    const unsigned m = at(command, 3);
    const int x = little_endian_16(command, 4);
    const int y = little_endian_16(command, 6);
    if (m > 3 && (m < 48 || m > 51)) {
      error("GS v 0 with mode " + std::to_string(m) + " (0–3 or 48–51) skipped");
      return;
    }
    if (x == 0 || y == 0 || x > kMaxRasterWidthBytes || y > kMaxRasterHeight) {
      error("GS v 0 raster of " + std::to_string(x) + " bytes × " + std::to_string(y) + " dots skipped (limits 1–" +
            std::to_string(kMaxRasterWidthBytes) + " × 1–" + std::to_string(kMaxRasterHeight) + ")");
      return;
    }
    if (!at_line_start("GS v 0 raster")) return;
    const Bitmap image = Bitmap::from_rows(x * 8, y, command.substr(8));
    print_block(enlarge(image, (m & 1U) != 0 ? 2 : 1, (m & 2U) != 0 ? 2 : 1));
  }

  // GS ( L / GS 8 L: m fn …, with `body` starting at m (§1.4).
  void graphics_command(std::string_view body, std::string_view name) {
    if (body.size() < 2) {
      error(std::string(name) + " too short");
      return;
    }
    switch (at(body, 1)) {
      case 112: store_graphics(body, name); return;
      case 50:
        if (!at_line_start(std::string(name) + " fn 50 (print graphics)")) return;
        if (graphics.stored) print_block(enlarge(graphics.bitmap, graphics.scale_x, graphics.scale_y));
        graphics = StoredGraphics{};  // printing empties the graphics buffer
        return;
      case 69: error(std::string(name) + " fn 69 (print NV graphics): NV graphics are not simulated"); return;
      default: return;  // density, capacity queries, NV definitions: accepted, nothing to print
    }
  }

  // fn 112: 30 70 a bx by c xL xH yL yH d…
  void store_graphics(std::string_view body, std::string_view name) {
    if (body.size() < 10) {
      error(std::string(name) + " fn 112 too short for its header");
      return;
    }
    const unsigned bx = at(body, 3);
    const unsigned by = at(body, 4);
    const unsigned colour = at(body, 5);
    const int x = little_endian_16(body, 6);
    const int y = little_endian_16(body, 8);
    const int max_y = by == 2 ? kMaxGraphicsHeight / 2 : kMaxGraphicsHeight;
    if ((bx != 1 && bx != 2) || (by != 1 && by != 2) || x < 1 || x > kMaxGraphicsWidth || y < 1 || y > max_y) {
      error(std::string(name) + " fn 112 with bx " + std::to_string(bx) + ", by " + std::to_string(by) + ", " +
            std::to_string(x) + " × " + std::to_string(y) + " dots skipped (bx, by 1 or 2; x ≤ 2047; y ≤ 1662/by)");
      return;
    }
    if (colour != 0x31) return;  // colours 2–4 of two-colour models: a monochrome head prints only colour 1
    graphics.bitmap = Bitmap::from_rows(x, y, body.substr(10));
    graphics.scale_x = static_cast<int>(bx);
    graphics.scale_y = static_cast<int>(by);
    graphics.stored = true;
  }

  // GS ( k pL pH cn fn …, QR (cn 49) only (§1.5).
  void two_dimensional_code(std::string_view command) {
    if (!profile.native_qr) {
      error("GS ( k ignored: the profile " + std::string(profile.name) + " has no native QR");
      return;
    }
    const unsigned cn = at(command, 5);
    const unsigned fn = at(command, 6);
    if (cn != 49 || command.size() < 7) return;  // PDF417, MaxiCode, DataMatrix …: accepted, not printed
    const unsigned n = at(command, 7);
    switch (fn) {
      case 65:
        if (n < 49 || n > 51) {
          error("GS ( k fn 65: model " + std::to_string(n) + " is not 49, 50 or 51");
          return;
        }
        qr.model = static_cast<int>(n - 48);
        return;
      case 67:
        if (n < 1 || static_cast<int>(n) > profile.max_native_qr_module) {
          error("GS ( k fn 67: module size " + std::to_string(n) + " outside 1–" +
                std::to_string(profile.max_native_qr_module));
          return;
        }
        qr.module = static_cast<int>(n);
        return;
      case 69:
        if (n < 48 || n > 51) {
          error("GS ( k fn 69: error correction " + std::to_string(n) + " is not 48–51");
          return;
        }
        qr.ecc = std::array{QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q, QR_ECLEVEL_H}[n - 48];
        return;
      case 80: {
        const std::string_view data = command.substr(std::min<std::size_t>(8, command.size()));
        if (data.empty() || data.size() > kMaxQrData) {
          error("GS ( k fn 80: " + std::to_string(data.size()) + " data bytes (1–7089) not stored");
          return;
        }
        qr.data.assign(data);
        return;
      }
      case 81: print_qr(); return;
      case 82: qr_size_reply(); return;
      default: return;
    }
  }

  struct QrSymbol {
    Bitmap bitmap;
    bool fits = false;
  };

  // The symbol as the printer would draw it: 8-bit byte mode, no quiet zone (the host leaves it).
  QrSymbol qr_symbol() const {
    QrSymbol symbol;
    if (qr.data.empty() || qr.model != 2) return symbol;
    QRcode* code = QRcode_encodeData(static_cast<int>(qr.data.size()),
                                     reinterpret_cast<const unsigned char*>(qr.data.data()), 0, qr.ecc);
    if (code == nullptr) return symbol;
    const int modules = code->width;
    symbol.bitmap = Bitmap(modules * qr.module, modules * qr.module);
    for (int y = 0; y < modules; ++y) {
      for (int x = 0; x < modules; ++x) {
        if ((code->data[y * modules + x] & 1U) != 0) {
          symbol.bitmap.fill(x * qr.module, y * qr.module, qr.module, qr.module);
        }
      }
    }
    QRcode_free(code);
    symbol.fits = symbol.bitmap.width() <= area_width();
    return symbol;
  }

  void print_qr() {
    if (!at_line_start("GS ( k fn 81 (print QR)")) return;
    if (qr.model != 2) {
      error("GS ( k fn 81: only QR model 2 is simulated; nothing printed");
      return;
    }
    if (qr.data.empty()) return;
    const QrSymbol symbol = qr_symbol();
    // Epson prints nothing, and reports nothing, when the data overflows or the symbol is too wide (§1.5).
    if (symbol.bitmap.empty()) {
      error("GS ( k fn 81: " + std::to_string(qr.data.size()) + " bytes do not fit a QR symbol; nothing printed");
      return;
    }
    if (!symbol.fits) {
      error("GS ( k fn 81: the symbol is " + std::to_string(symbol.bitmap.width()) +
            " dots wide, wider than the print area (" + std::to_string(area_width()) + "); nothing printed");
      return;
    }
    print_block(symbol.bitmap);
  }

  // fn 82: 37 36 width 1F height 1F 31 1F (30 printable / 31 not) 00.
  void qr_size_reply() {
    const QrSymbol symbol = qr_symbol();
    const std::string w = std::to_string(symbol.bitmap.width());
    const std::string h = std::to_string(symbol.bitmap.height());
    reply("\x37\x36" + w + "\x1F" + h + "\x1F\x31\x1F" + (symbol.fits ? "\x30" : "\x31") + std::string(1, '\0'));
  }

  // ---- printer identity (GS I) and status in the stream (GS r) ----

  void printer_id(unsigned n) {
    switch (n) {
      case 1:
      case 49: reply("\x20"); return;  // model ID
      case 2:
      case 50: {  // type ID: bit 0 two-byte characters, bit 1 autocutter
        reply(std::string(1, static_cast<char>(0x02U | (profile.kanji ? 0x01U : 0U))));
        return;
      }
      case 3:
      case 51: reply("\x01"); return;  // ROM version ID
      case 65: reply(std::string("_1.00 ESC/POS") + '\0'); return;
      case 66: reply(std::string("_EPSON") + '\0'); return;
      case 67: {
        std::string model = "_";
        for (const char c : profile.name) model += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        reply(model + '\0');
        return;
      }
      case 110:  // bit 0: 58 mm paper, bit 1: 203 dpi (TM-T70 style, §1.1)
        reply(std::string(
            1, static_cast<char>((profile.paper_mm == 58 ? 0x01U : 0U) | (profile.dpi == 203 ? 0x02U : 0U))));
        return;
      default: return;
    }
  }

  // ---- commands ----

  void cut(unsigned m, unsigned n) {
    if (!at_line_start("GS V (cut)")) return;
    if (m >= 65) feed(static_cast<int>(n));  // feed n motion units (a dot here), then cut
    const bool partial = m == 1 || m == 49 || m == 66 || m == 98 || m == 104;
    finish_page("cut", true, partial);
  }

  void esc(std::string_view command) {
    const unsigned n = at(command, 2);
    switch (at(command, 1)) {
      case '@':  // modes, the line, QR settings, stored graphics and ASB back to power-on (receiptio resends GS a)
        reset_modes();
        line.clear();
        line_used = 0;
        qr = QrSettings{};
        graphics = StoredGraphics{};
        asb_mask = 0;
        return;
      case '!':
        modes.font_b = (n & 0x01U) != 0;
        modes.bold = (n & 0x08U) != 0;
        modes.ank_scale_y = (n & 0x10U) != 0 ? 2 : 1;
        modes.ank_scale_x = (n & 0x20U) != 0 ? 2 : 1;
        modes.underline = (n & 0x80U) != 0 ? 1 : 0;
        return;
      case 'E':
      case 'G': modes.bold = (n & 0x01U) != 0; return;
      case '-':
        if (n < 3 || (n >= 48 && n <= 50)) modes.underline = static_cast<int>(n % 48);
        return;
      case 'M': modes.font_b = n == 1 || n == 49 || n == 2 || n == 50; return;
      case 'a':
        if (line.empty() && (n < 3 || (n >= 48 && n <= 50))) modes.align = static_cast<int>(n % 48);
        return;
      case '{':
        if (line.empty()) modes.upside_down = (n & 0x01U) != 0;
        return;
      case '2': modes.line_spacing = default_spacing; return;
      case '3': modes.line_spacing = static_cast<int>(n); return;
      case 'J': print_line(static_cast<int>(n)); return;
      case 'd': print_line(static_cast<int>(n) * modes.line_spacing); return;
      case 't': modes.code_table = static_cast<int>(n); return;
      case 'R': modes.international = static_cast<int>(n); return;
      case 'i':
      case 'm': cut(1, 0); return;
      case '*': column_bit_image(command); return;
      case 'L': error("ESC L (page mode) ignored: page mode is not simulated"); return;
      default: return;  // accepted: drawer pulse, tabs, peripherals, positions, user-defined characters …
    }
  }

  void gs(std::string_view command) {
    const unsigned n = at(command, 2);
    switch (at(command, 1)) {
      case '!':
        if ((n >> 4U) > 7 || (n & 0x0FU) > 7) {
          error("GS ! " + std::to_string(n) + ": a size above 8 is ignored");
          return;
        }
        modes.ank_scale_x = modes.kanji_scale_x = static_cast<int>(n >> 4U) + 1;
        modes.ank_scale_y = modes.kanji_scale_y = static_cast<int>(n & 0x0FU) + 1;
        return;
      case 'B': modes.reverse = (n & 0x01U) != 0; return;
      case 'L': modes.left_margin = little_endian_16(command, 2); return;
      case 'W': modes.area_width = little_endian_16(command, 2); return;
      case 'a':
        asb_mask = static_cast<int>(n & 0x0FU);
        asb_seen = asb_bytes();
        if (asb_mask != 0) send_asb(asb_seen);
        return;
      case 'r':
        if (n == 1 || n == 49) reply(std::string(1, static_cast<char>(paper_sensor_status())));
        if (n == 2 || n == 50) reply("\x01");  // drawer kick pin 3 high, as DLE EOT 1 says
        return;
      case 'I': printer_id(n); return;
      case 'V': cut(n, at(command, 3)); return;
      case 'v': raster(command); return;
      case '(':
        if (n == 'k') two_dimensional_code(command);
        if (n == 'L') graphics_command(command.substr(5), "GS ( L");
        return;  // GS ( K density, GS ( E settings, GS ( H responses, …: accepted
      case '8': graphics_command(command.substr(7), "GS 8 L"); return;
      default: return;
    }
  }

  void fs(std::string_view command) {
    const unsigned n = at(command, 2);
    switch (at(command, 1)) {
      case '&': modes.kanji_mode = true; return;
      case '.': modes.kanji_mode = false; return;
      case 'C': modes.shift_jis = n == 1 || n == 49 || n == 2 || n == 50; return;
      case '!':
        modes.kanji_scale_x = (n & 0x04U) != 0 ? 2 : 1;
        modes.kanji_scale_y = (n & 0x08U) != 0 ? 2 : 1;
        modes.kanji_underline = (n & 0x80U) != 0 ? 1 : 0;
        return;
      case '-':
        if (n < 3 || (n >= 48 && n <= 50)) modes.kanji_underline = static_cast<int>(n % 48);
        return;
      default: return;
    }
  }

  void control(unsigned byte) {
    switch (byte) {
      case 0x0A: print_line(modes.line_spacing); return;
      case 0x09: horizontal_tab(); return;
      default: return;  // CR (no auto line feed), FF and CAN (page mode), NUL …
    }
  }

  void execute(const Frame& frame, std::string_view command) {
    switch (frame.kind) {
      case Frame::Kind::text: text(command); return;
      case Frame::Kind::control: control(at(command, 0)); return;
      case Frame::Kind::real_time: return;  // done at arrival
      case Frame::Kind::unknown:
        ++unknown_commands;
        note("byte " + std::to_string(command_offset) + ": unknown command " + hex(command) + " skipped");
        return;
      case Frame::Kind::command:
        if (command[0] == kEsc) {
          esc(command);
        } else if (command[0] == kGs) {
          gs(command);
        } else {
          fs(command);
        }
        return;
    }
  }

  // ---- the receive buffer ----

  std::size_t buffered() const { return rx.size() - rx_head; }

  // Interprets what the receive buffer holds, for as long as the printer can print.
  void process() {
    if (processing) return;
    processing = true;
    while (can_print()) {
      if (skip > 0) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(skip, buffered()));
        rx_head += n;
        skip -= n;
        if (skip > 0) break;
        continue;
      }
      const std::string_view view(rx.data() + rx_head, buffered());
      if (view.empty()) break;
      const std::optional<Frame> frame = frame_command(view);
      if (!frame) break;
      command_offset = bytes_received - buffered();
      if (frame->length > kMaxCommandBytes) {
        error("command " + hex(view) + " of " + std::to_string(frame->length) + " bytes is longer than " +
              std::to_string(kMaxCommandBytes) + ": skipped");
        skip = frame->length;
        continue;
      }
      std::size_t length = static_cast<std::size_t>(frame->length);
      if (frame->kind == Frame::Kind::text) length = text_length(view);
      if (length == 0 || length > view.size()) break;
      rx_head += length;
      execute(*frame, view.substr(0, length));
    }
    if (rx_head == rx.size()) {
      rx.clear();
      rx_head = 0;
    } else if (rx_head > std::size_t{64} * 1024 && rx_head > rx.size() / 2) {
      rx.erase(0, rx_head);
      rx_head = 0;
    }
    processing = false;
  }

  void clear_buffers() {
    rx.clear();
    rx_head = 0;
    skip = 0;
    line.clear();
    line_used = 0;
  }

  // Accumulates a possible real-time command; returns it once complete.
  std::optional<std::string> scan_real_time(char byte) {
    if (real_time_pending.empty()) {
      if (byte == kDle) real_time_pending.push_back(byte);
      return std::nullopt;
    }
    real_time_pending.push_back(byte);
    const std::optional<std::size_t> length = real_time_length(real_time_pending);
    if (!length) return std::nullopt;
    if (*length == 0) {
      real_time_pending.clear();
      if (byte == kDle) real_time_pending.push_back(byte);
      return std::nullopt;
    }
    if (real_time_pending.size() < *length) return std::nullopt;
    return std::exchange(real_time_pending, std::string());
  }

  void real_time(std::string_view command) {
    const unsigned kind = at(command, 1);
    const unsigned n = at(command, 2);
    if (kind == 0x04) {
      if (n >= 1 && n <= 4) reply(std::string(1, static_cast<char>(real_time_status(n))));
      return;
    }
    if (kind == 0x05) {
      // DLE ENQ 1 / 2 recover from a recoverable error; the only one simulated is the offline switch. 2 clears the
      // buffers first.
      if ((n != 1 && n != 2) || online) return;
      if (n == 2) {
        note("DLE ENQ 2: buffers cleared, recovered");
        clear_buffers();
      } else {
        note("DLE ENQ 1: recovered");
      }
      online = true;
      status_changed();
      return;
    }
    if (command == kClearBuffers) {
      note("DLE DC4 fn 8: buffers cleared");
      clear_buffers();
      finish_page("cleared");
      reply(std::string("\x37\x25", 2) + '\0');
    }
  }

  void receive(std::string_view bytes) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      const std::optional<std::string> command = scan_real_time(bytes[i]);
      if (!command) continue;
      // What came before it is printed first when the printer can print; otherwise the command overtakes it.
      rx.append(bytes.substr(start, i + 1 - start));
      bytes_received += i + 1 - start;
      start = i + 1;
      process();
      real_time(*command);
    }
    rx.append(bytes.substr(start));
    bytes_received += bytes.size() - start;
    process();
  }
};

Interpreter::Interpreter(const printer::Profile& profile, const printer::Font* font)
    : impl_(std::make_unique<Impl>(profile, font)) {}

Interpreter::~Interpreter() = default;

void Interpreter::receive(std::string_view bytes) {
  impl_->receive(bytes);
}

std::string Interpreter::take_replies() {
  impl_->replies_overflowed = false;
  return std::exchange(impl_->replies, std::string());
}

std::vector<Page> Interpreter::take_pages() {
  return std::exchange(impl_->pages, std::vector<Page>());
}

void Interpreter::set_page_sink(std::function<void(Page&&)> sink) {
  impl_->sink = std::move(sink);
}

void Interpreter::set_event_log(std::function<void(const std::string&)> log) {
  impl_->log = std::move(log);
}

void Interpreter::finish(std::string_view why) {
  Impl& m = *impl_;
  if (const std::size_t left = m.buffered(); left > 0 || m.skip > 0) {
    m.command_offset = m.bytes_received - left;
    if (m.can_print()) {
      m.error("input ended inside a command (" + hex(std::string_view(m.rx).substr(m.rx_head)) + "): discarded");
    } else {
      m.note(std::to_string(left) + " bytes not printed (the printer was stopped) discarded");
    }
  }
  if (!m.line.empty()) m.note("a line not ended by LF was not printed");
  m.clear_buffers();
  m.real_time_pending.clear();
  m.finish_page(why);
}

void Interpreter::set_paper(bool present) {
  Impl& m = *impl_;
  if (present == m.paper) return;
  if (!present) {
    m.paper_end();
    return;
  }
  m.paper = true;
  m.near_end = false;
  m.status_changed();
  m.process();
}

void Interpreter::set_paper_near_end(bool near_end) {
  impl_->near_end = near_end;
  impl_->status_changed();
}

void Interpreter::set_cover_open(bool open) {
  impl_->cover_open = open;
  impl_->status_changed();
  impl_->process();
}

void Interpreter::set_online(bool online) {
  impl_->online = online;
  impl_->status_changed();
  impl_->process();
}

void Interpreter::paper_out_after(std::int64_t dot_lines) {
  if (dot_lines <= 0) {
    set_paper(false);
    return;
  }
  impl_->paper_left = dot_lines;
}

void Interpreter::cover_open_after(std::int64_t dot_lines) {
  if (dot_lines <= 0) {
    set_cover_open(true);
    return;
  }
  impl_->cover_open_at = impl_->dot_lines + dot_lines;
}

void Interpreter::offline_after(std::int64_t dot_lines) {
  if (dot_lines <= 0) {
    set_online(false);
    return;
  }
  impl_->offline_at = impl_->dot_lines + dot_lines;
}

State Interpreter::state() const {
  const Impl& m = *impl_;
  State s;
  s.paper = m.paper;
  s.paper_near_end = m.near_end;
  s.cover_open = m.cover_open;
  s.online = m.online;
  s.offline = !m.can_print();
  s.asb = m.asb_mask;
  s.dot_lines = m.dot_lines;
  s.bytes_received = m.bytes_received;
  s.buffered_bytes = m.buffered();
  s.pages = m.pages_finished;
  s.dropped_pages = m.dropped_pages;
  s.unknown_commands = m.unknown_commands;
  s.errors = m.errors;
  s.last_error = m.last_error;
  return s;
}

bool Interpreter::can_print() const noexcept {
  return impl_->can_print();
}

std::vector<Page> render_pages(const printer::Profile& profile, const printer::Font* font, std::string_view bytes) {
  std::vector<Page> pages;
  Interpreter printer(profile, font);
  printer.set_page_sink([&pages](Page&& page) { pages.push_back(std::move(page)); });
  printer.receive(bytes);
  printer.finish("end of input");
  return pages;
}

}  // namespace kofu::printsim
