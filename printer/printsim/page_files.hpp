// Finished pages as files a test can wait for: DIR/job-0001.png (1 pixel per dot) and DIR/job-0001.json, each
// written under a temporary name and renamed, the JSON last, so that a reader never sees half a page.
#pragma once

#include <filesystem>
#include <string>

#include "error/expected.hpp"
#include "printer/printsim/interpreter.hpp"

namespace kofu::printsim {

class PageFiles {
 public:
  // Numbering continues after the highest job-NNNN file already in `directory` (1 in an empty one), so that files
  // of an earlier run are never overwritten. The directory is created if need be.
  static Expected<PageFiles> open(const std::filesystem::path& directory, std::string profile_name);

  // Writes the page; returns the PNG's path.
  Expected<std::filesystem::path> write(const Page& page);

  int next_number() const noexcept { return next_; }

 private:
  PageFiles(std::filesystem::path directory, std::string profile_name, int next)
      : directory_(std::move(directory)), profile_name_(std::move(profile_name)), next_(next) {}

  std::filesystem::path directory_;
  std::string profile_name_;
  int next_ = 1;
};

// The page's metadata: {"ended_by", "cut", "partial_cut", "dot_lines", "width", "profile"}.
std::string page_json(const Page& page, std::string_view profile_name);

}  // namespace kofu::printsim
