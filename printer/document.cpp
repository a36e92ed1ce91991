#include "printer/document.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "iso7816/apdu.hpp"
#include "json/json_access.hpp"
#include "printer/errors.hpp"
#include "text/shift_jis.hpp"

namespace kofu::printer {
namespace {

using Json = nlohmann::json;

// The biggest document kofu reads: far above a receipt (a few kB), far below what would tie up a kiosk.
constexpr std::size_t kMaxDocumentBytes = std::size_t{4} * 1024 * 1024;
constexpr std::size_t kMaxBlocks = 2000;

Unexpected<Error> fail(const std::string& where, const std::string& what) {
  return unexpected(Error(make_error_code(PrinterErrc::bad_document), where + ": " + what));
}

// Reads the members of one JSON object, each by name, and remembers the first problem with its path.
class Fields {
 public:
  Fields(const Json& object, std::string path) : object_(object), path_(std::move(path)) {}

  const std::optional<Error>& error() const { return error_; }
  std::string path(std::string_view name) const { return path_ + "." + std::string(name); }

  bool has(const char* name) const { return object_.contains(name); }

  std::string text(const char* name, std::string fallback = {}) {
    if (!has(name)) return fallback;
    if (const auto value = string_member(object_, name)) return std::string(*value);
    note(name, "expected a string");
    return fallback;
  }

  bool flag(const char* name, bool fallback) {
    if (!has(name)) return fallback;
    const Json& value = object_.at(name);
    if (value.is_boolean()) return value.get<bool>();
    note(name, "expected true or false");
    return fallback;
  }

  int integer(const char* name, int fallback, int low, int high) {
    if (!has(name)) return fallback;
    if (const auto value = integer_member(object_, name, low, high)) return static_cast<int>(*value);
    note(name, "expected an integer from " + std::to_string(low) + " to " + std::to_string(high));
    return fallback;
  }

  double number(const char* name, double fallback, double low, double high) {
    if (!has(name)) return fallback;
    const Json& value = object_.at(name);
    if (value.is_number()) {
      const auto number = value.get<double>();
      if (number >= low && number <= high) return number;
    }
    std::ostringstream range;
    range << "expected a number from " << low << " to " << high;
    note(name, range.str());
    return fallback;
  }

  Align alignment(const char* name, Align fallback) {
    if (!has(name)) return fallback;
    const std::string value = text(name);
    if (value == "left") return Align::left;
    if (value == "center" || value == "centre") return Align::center;
    if (value == "right") return Align::right;
    note(name, "expected \"left\", \"center\" or \"right\"");
    return fallback;
  }

  void note(std::string_view name, const std::string& what) {
    if (!error_) error_ = Error(make_error_code(PrinterErrc::bad_document), path(name) + ": " + what);
  }

 private:
  const Json& object_;
  std::string path_;
  std::optional<Error> error_;
};

// Text meant as Shift_JIS bytes: every character must have a Shift_JIS code (no ■ substitutes on a receipt).
Expected<std::string> to_shift_jis(const std::string& text, const std::string& where) {
  auto encoded = text::encode_shift_jis(text);
  if (!encoded) return fail(where, encoded.error().message());
  if (!encoded->substitutions.empty()) {
    const text::Substitution& first = encoded->substitutions.front();
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(first.code_point));
    return fail(where, std::string("the character ") + code + " at byte " + std::to_string(first.utf8_offset) +
                           " has no Shift_JIS code");
  }
  return std::move(encoded->sjis);
}

Expected<QrMode> qr_mode(const std::string& name, const std::string& where) {
  if (name == "byte") return QrMode::byte;
  if (name == "numeric") return QrMode::numeric;
  if (name == "alphanumeric") return QrMode::alphanumeric;
  if (name == "kanji") return QrMode::kanji;
  return fail(where, "expected \"byte\", \"numeric\", \"alphanumeric\" or \"kanji\"");
}

// The bytes of a "data" / "data_hex" pair, in the object's "encoding".
Expected<std::string> payload_bytes(const Json& object, Fields& fields, bool kanji) {
  const bool hex = fields.has("data_hex");
  if (hex == fields.has("data")) return fail(fields.path("data"), "give exactly one of \"data\" and \"data_hex\"");
  if (hex) {
    auto bytes = iso7816::parse_hex(fields.text("data_hex"));
    if (!bytes) return fail(fields.path("data_hex"), bytes.error().message());
    return std::move(*bytes);
  }
  if (!object.at("data").is_string()) return fail(fields.path("data"), "expected a string");
  std::string data = fields.text("data");
  const std::string encoding = fields.text("encoding", kanji ? "shift_jis" : "utf-8");
  if (encoding == "shift_jis") return to_shift_jis(data, fields.path("data"));
  if (encoding != "utf-8") return fail(fields.path("encoding"), "expected \"utf-8\" or \"shift_jis\"");
  if (kanji) return fail(fields.path("encoding"), "a kanji segment is Shift_JIS");
  return data;
}

Expected<QrBlock> parse_qr(const Json& object, Fields& fields) {
  QrBlock qr;
  if (fields.has("segments")) {
    const Json& segments = object.at("segments");
    if (!segments.is_array() || segments.empty()) return fail(fields.path("segments"), "expected a non-empty array");
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const std::string where = fields.path("segments") + "[" + std::to_string(i) + "]";
      if (!segments[i].is_object()) return fail(where, "expected an object");
      Fields segment(segments[i], where);
      auto mode = qr_mode(segment.text("mode", "byte"), segment.path("mode"));
      if (!mode) return unexpected(mode.error());
      auto bytes = payload_bytes(segments[i], segment, *mode == QrMode::kanji);
      if (!bytes) return unexpected(bytes.error());
      if (segment.error()) return unexpected(*segment.error());
      qr.segments.push_back(QrSegment{*mode, std::move(*bytes)});
    }
  } else {
    auto bytes = payload_bytes(object, fields, false);
    if (!bytes) return unexpected(bytes.error());
    qr.segments = segments_for(*bytes);
  }
  const std::string ecc = fields.text("ecc", "M");
  if (ecc == "L")
    qr.options.ecc = QrEcc::low;
  else if (ecc == "M")
    qr.options.ecc = QrEcc::medium;
  else if (ecc == "Q")
    qr.options.ecc = QrEcc::quartile;
  else if (ecc == "H")
    qr.options.ecc = QrEcc::high;
  else
    fields.note("ecc", "expected \"L\", \"M\", \"Q\" or \"H\"");
  qr.options.min_version = fields.integer("min_version", 1, 1, 40);
  qr.options.max_version = fields.integer("max_version", 40, 1, 40);
  if (qr.options.min_version > qr.options.max_version) fields.note("min_version", "is above max_version");
  qr.options.max_symbols = fields.integer("max_symbols", 1, 1, 16);
  qr.module_mm = fields.number("module_mm", 0.25, 0.1, 5);
  qr.preferred_module_mm = fields.number("preferred_module_mm", std::max(qr.module_mm, 0.5), qr.module_mm, 5);
  qr.align = fields.alignment("align", Align::center);
  qr.caption = fields.text("caption");
  const std::string native = fields.text("native", "auto");
  if (native == "auto")
    qr.native = QrBlock::Native::automatic;
  else if (native == "never")
    qr.native = QrBlock::Native::never;
  else if (native == "always")
    qr.native = QrBlock::Native::always;
  else
    fields.note("native", "expected \"auto\", \"never\" or \"always\"");
  return qr;
}

Expected<ColumnsBlock> parse_columns(const Json& object, Fields& fields) {
  ColumnsBlock columns;
  const auto it = object.find("cells");
  if (it == object.end() || !it->is_array() || it->empty() || it->size() > 16) {
    return fail(fields.path("cells"), "expected an array of 1 to 16 cells");
  }
  double taken = 0;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string where = fields.path("cells") + "[" + std::to_string(i) + "]";
    const Json& cell = (*it)[i];
    ColumnsBlock::Cell parsed;
    if (cell.is_string()) {
      parsed.text = cell.get<std::string>();
    } else if (cell.is_object()) {
      Fields cell_fields(cell, where);
      parsed.text = cell_fields.text("text");
      parsed.width = cell_fields.number("width", 0, 0.01, 1);
      parsed.align = cell_fields.alignment("align", Align::left);
      if (cell_fields.error()) return unexpected(*cell_fields.error());
    } else {
      return fail(where, "expected a string or an object with \"text\"");
    }
    taken += parsed.width;
    columns.cells.push_back(std::move(parsed));
  }
  if (taken > 1.0001) return fail(fields.path("cells"), "the cell widths add up to more than 1");
  columns.scale = fields.integer("scale", 1, 1, 4);
  columns.bold = fields.flag("bold", false);
  return columns;
}

Expected<Block> parse_block(const Json& object, const std::string& where, const std::filesystem::path& base) {
  if (!object.is_object()) return fail(where, "expected an object with a \"type\"");
  Fields fields(object, where);
  const std::string type = fields.text("type");
  Block block;
  if (type == "text") {
    TextBlock text;
    if (!fields.has("text")) return fail(fields.path("text"), "missing");
    text.text = fields.text("text");
    text.scale = fields.integer("scale", 1, 1, 4);
    text.bold = fields.flag("bold", false);
    text.align = fields.alignment("align", Align::left);
    block = std::move(text);
  } else if (type == "columns") {
    auto columns = parse_columns(object, fields);
    if (!columns) return unexpected(columns.error());
    block = std::move(*columns);
  } else if (type == "rule") {
    block = RuleBlock{fields.integer("thickness", 2, 1, 64), fields.flag("dashed", false)};
  } else if (type == "space") {
    block = SpaceBlock{fields.number("mm", 0, 0, 200)};
  } else if (type == "qr") {
    auto qr = parse_qr(object, fields);
    if (!qr) return unexpected(qr.error());
    block = std::move(*qr);
  } else if (type == "image") {
    ImageBlock image;
    const std::string path = fields.text("path");
    if (path.empty()) return fail(fields.path("path"), "missing");
    image.path = std::filesystem::path(path).is_absolute() ? std::filesystem::path(path) : base / path;
    image.width_mm = fields.number("width_mm", 0, 0, 200);
    image.align = fields.alignment("align", Align::center);
    block = std::move(image);
  } else if (type == "cut") {
    block = CutBlock{};
  } else {
    return fail(fields.path("type"),
                "expected \"text\", \"columns\", \"rule\", \"space\", \"qr\", \"image\" or \"cut\"");
  }
  if (fields.error()) return unexpected(*fields.error());
  return block;
}

}  // namespace

Expected<Document> parse_document(std::string_view json, const std::filesystem::path& base) {
  if (json.size() > kMaxDocumentBytes) {
    return fail("document", "larger than " + std::to_string(kMaxDocumentBytes / 1024 / 1024) + " MiB");
  }
  std::string why;
  const Json root = parse_json<Json>(json, &why);
  if (root.is_discarded()) return fail("document", "not JSON: " + why);
  if (!root.is_object()) return fail("document", "expected an object with \"blocks\"");
  Fields fields(root, "document");
  Document document;
  document.native_text = fields.flag("native_text", false);
  document.density = fields.integer("density", 0, -6, 8);
  if (fields.has("profile")) document.profile = fields.text("profile");
  if (fields.error()) return unexpected(*fields.error());
  const auto blocks = root.find("blocks");
  if (blocks == root.end() || !blocks->is_array()) return fail("blocks", "expected an array of blocks");
  if (blocks->size() > kMaxBlocks) return fail("blocks", "more than " + std::to_string(kMaxBlocks) + " blocks");
  for (std::size_t i = 0; i < blocks->size(); ++i) {
    auto block = parse_block((*blocks)[i], "blocks[" + std::to_string(i) + "]", base);
    if (!block) return unexpected(block.error());
    document.blocks.push_back(std::move(*block));
  }
  return document;
}

Expected<Document> load_document(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(file.string(), "cannot be read");
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxDocumentBytes) break;
  }
  auto document = parse_document(text, file.parent_path());
  if (!document) return unexpected(Error(document.error().code(), file.string() + ": " + document.error().message()));
  return document;
}

}  // namespace kofu::printer
