// A print document: the blocks a certificate or a pharmacy receipt is made of, independent of the printer.
// Layout (layout.hpp) turns it into dots for a profile. The JSON form is documented in docs/print-document.md.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "error/expected.hpp"
#include "printer/qr.hpp"
#include "printer/text.hpp"

namespace kofu::printer {

// A paragraph: wrapped to the paper width (or to its column), in the receipt font.
struct TextBlock {
  std::string text;  // UTF-8; '\n' breaks lines
  int scale = 1;     // 1–4: the height in 24-dot lines (ESC/POS font A)
  bool bold = false;
  Align align = Align::left;
};

// Cells side by side on one band, each a fraction of the width (a table row: dose, date, vaccine, lot).
struct ColumnsBlock {
  struct Cell {
    std::string text;
    double width = 0;  // fraction of the paper width; cells without one share what is left
    Align align = Align::left;
  };
  std::vector<Cell> cells;
  int scale = 1;
  bool bold = false;
};

struct RuleBlock {
  int thickness = 2;  // dots
  bool dashed = false;
};

struct SpaceBlock {
  double mm = 0;
};

struct QrBlock {
  std::vector<QrSegment> segments;  // the payload; `data` in JSON becomes segments_for(data)
  QrOptions options;
  double module_mm = 0.25;           // the smallest module allowed (a reader's limit)
  double preferred_module_mm = 0.5;  // grown up to this when it fits
  Align align = Align::center;
  std::string caption;                                                        // printed under the symbols, small
  enum class Native { automatic, never, always } native = Native::automatic;  // GS ( k: see layout.hpp
};

struct ImageBlock {
  std::filesystem::path path;  // PNG or JPEG; relative paths are relative to the document's folder
  double width_mm = 0;         // 0: one image pixel per dot, shrunk to the paper when wider
  Align align = Align::center;
};

struct CutBlock {};

using Block = std::variant<TextBlock, ColumnsBlock, RuleBlock, SpaceBlock, QrBlock, ImageBlock, CutBlock>;

struct Document {
  std::vector<Block> blocks;
  bool native_text = false;            // print text in the printer's Kanji font where the profile and the text allow
  int density = 0;                     // GS ( K: 0 the printer's own, 1–8 darker, -1 to -6 lighter
  std::optional<std::string> profile;  // the profile the document was made for, if it names one
};

// The document in a JSON text; `base` is the folder image paths are relative to. Errors name the block and the
// field ("blocks[3].scale: expected an integer from 1 to 4").
Expected<Document> parse_document(std::string_view json, const std::filesystem::path& base = {});
// The same from a file, whose folder is the base.
Expected<Document> load_document(const std::filesystem::path& file);

}  // namespace kofu::printer
