#include "printer/printsim/page_files.hpp"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "printer/errors.hpp"

namespace kofu::printsim {
namespace {

namespace fs = std::filesystem;

Error io_error(std::string message) {
  return {make_error_code(printer::PrinterErrc::io_failed), std::move(message)};
}

// "job-0012.png" → 12; 0 for any other name.
int job_number(const std::string& name) {
  constexpr std::string_view kPrefix = "job-";
  if (name.rfind(kPrefix, 0) != 0) return 0;
  const std::size_t dot = name.find('.', kPrefix.size());
  if (dot == std::string::npos || dot == kPrefix.size() || dot - kPrefix.size() > 9) return 0;
  int number = 0;
  for (std::size_t i = kPrefix.size(); i < dot; ++i) {
    if (name[i] < '0' || name[i] > '9') return 0;
    number = number * 10 + (name[i] - '0');
  }
  return number;
}

// Written beside the target under a dot name, then renamed over it: readers see the whole file or none.
Expected<void> write_atomically(const fs::path& target, std::string_view bytes) {
  const fs::path partial = target.parent_path() / ("." + target.filename().string() + ".partial");
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush()) {
      return unexpected(io_error("cannot write " + partial.string() + "; is the --out directory writable?"));
    }
  }
  std::error_code ec;
  fs::rename(partial, target, ec);
  if (ec)
    return unexpected(io_error("cannot rename " + partial.string() + " to " + target.string() + ": " + ec.message()));
  return {};
}

}  // namespace

std::string page_json(const Page& page, std::string_view profile_name) {
  const nlohmann::json json = {{"ended_by", page.ended_by},       {"cut", page.cut},
                               {"partial_cut", page.partial_cut}, {"dot_lines", page.bitmap.height()},
                               {"width", page.bitmap.width()},    {"profile", profile_name}};
  return json.dump() + "\n";
}

Expected<PageFiles> PageFiles::open(const fs::path& directory, std::string profile_name) {
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) return unexpected(io_error("cannot create the page directory " + directory.string() + ": " + ec.message()));
  int highest = 0;
  for (fs::directory_iterator it(directory, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    highest = std::max(highest, job_number(it->path().filename().string()));
  }
  if (ec) return unexpected(io_error("cannot list the page directory " + directory.string() + ": " + ec.message()));
  return PageFiles(directory, std::move(profile_name), highest + 1);
}

Expected<fs::path> PageFiles::write(const Page& page) {
  char stem[32];
  std::snprintf(stem, sizeof stem, "job-%04d", next_);
  const fs::path png = directory_ / (std::string(stem) + ".png");
  if (auto written = write_atomically(png, printer::encode_png(page.bitmap)); !written) {
    return unexpected(written.error());
  }
  if (auto written = write_atomically(directory_ / (std::string(stem) + ".json"), page_json(page, profile_name_));
      !written) {
    return unexpected(written.error());
  }
  ++next_;
  return png;
}

}  // namespace kofu::printsim
