// The virtual ESC/POS receipt printer: bytes in, paper (1-bit pages) and the printer's replies out, with the
// printer's faults (paper end, cover open, offline) as switches. The contract is docs/printsim.md; the command
// facts are ../shared/reference/escpos-scanners.md §1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "printer/bitmap.hpp"
#include "printer/font.hpp"
#include "printer/profile.hpp"

namespace kofu::printsim {

// One piece of paper: from the previous cut (or power on, or paper in) to the next cut.
struct Page {
  printer::Bitmap bitmap;  // profile.width_dots wide, as many dot lines as were printed or fed
  bool cut = false;        // ended by a cut command
  bool partial_cut = false;
  std::string ended_by;  // "cut", "paper end", "connection closed", "cleared", "page too long", "end of input", …
};

struct State {
  bool paper = true;  // paper present at the paper end sensor
  bool paper_near_end = false;
  bool cover_open = false;
  bool online = true;    // false: the offline switch (DLE EOT 1 offline, no cause); DLE ENQ 1/2 put it back online
  bool offline = false;  // what DLE EOT 1 bit 3 says: no paper, cover open or the switch off
  int asb = 0;           // the GS a mask in force (0: Automatic Status Back off)
  std::int64_t dot_lines = 0;        // printed or fed since start
  std::uint64_t bytes_received = 0;  // since start
  std::size_t buffered_bytes = 0;    // received and not yet printed (or skipped)
  int pages = 0;                     // pages finished
  int dropped_pages = 0;             // finished while the page queue was full (take_pages not called)
  int unknown_commands = 0;          // ESC/GS/FS commands nobody knows, skipped as 2 bytes
  int errors = 0;                    // commands refused: absurd sizes, not at the start of a line, …
  std::string last_error;            // the latest of those, with its byte offset
};

class Interpreter {
 public:
  // The receive buffer the server keeps at most (it stops reading beyond it); one command's data must fit in it,
  // so a longer command is skipped as an error.
  static constexpr std::size_t kReceiveBufferLimit = 1 << 20;
  static constexpr std::uint64_t kMaxCommandBytes = std::uint64_t{640} * 1024;
  static constexpr int kMaxPageLines = 20000;               // a longer page is finished as "page too long"
  static constexpr std::size_t kMaxQueuedPages = 64;        // for take_pages; a page sink has no limit
  static constexpr std::size_t kMaxReplyBytes = std::size_t{64} * 1024;  // replies nobody takes beyond this are dropped

  // `font` may be null: characters are then drawn as box outlines in their cells. Both must outlive the
  // interpreter.
  Interpreter(const printer::Profile& profile, const printer::Font* font);
  ~Interpreter();
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  // Bytes as they arrive. Real-time commands (DLE EOT, DLE ENQ, DLE DC4) are executed at arrival, even inside
  // another command's data (§1.4 trap); all bytes go to the receive buffer, which is printed while the printer
  // can print.
  void receive(std::string_view bytes);
  // Bytes the printer sends back: DLE EOT replies, ASB, GS r, GS I, GS ( k fn 82, DLE DC4 fn 8.
  std::string take_replies();
  // Finished pages (when no page sink is set).
  std::vector<Page> take_pages();
  // Delivers each finished page here at once instead of queueing it (the server writes them to files).
  void set_page_sink(std::function<void(Page&&)> sink);
  // One line per notable event (paper end, refused or unknown commands, clears), for the log.
  void set_event_log(std::function<void(const std::string&)> log);

  // The input ends here: whatever is still in the receive buffer (an incomplete command, or data the printer could
  // not print) and an unprinted line are discarded, and the page so far is finished without a cut, ended by `why`.
  void finish(std::string_view why);

  // The simulated printer. Changes are reported by ASB when it is on; printing resumes when possible.
  void set_paper(bool present);  // false: paper end (the page so far is finished); true: a new roll
  void set_paper_near_end(bool near_end);
  void set_cover_open(bool open);
  void set_online(bool online);
  // Paper ends once this many more dot lines have printed or fed, in the middle of a command if need be.
  void paper_out_after(std::int64_t dot_lines);
  // The cover opens, or the printer goes offline, once this many more dot lines have printed (after the command
  // that crosses the mark).
  void cover_open_after(std::int64_t dot_lines);
  void offline_after(std::int64_t dot_lines);

  State state() const;
  // Whether the printer prints now: paper, cover closed, online.
  bool can_print() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The whole of `bytes` printed on a fresh printer of `profile`, then finished as "end of input": every page.
std::vector<Page> render_pages(const printer::Profile& profile, const printer::Font* font, std::string_view bytes);

}  // namespace kofu::printsim
