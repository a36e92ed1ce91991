// What an ESC/POS printer says about itself: the bytes it sends back (DLE EOT replies, Automatic Status Back, GS r
// replies, XON/XOFF, block data) told apart by their bit patterns, and the typed status they add up to.
// Facts: ../shared/reference/escpos-scanners.md §1.7 (Epson TM-U220 and Citizen manuals, receiptio's dispatch).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace kofu::printer {

// DLE EOT n (10 04 n): real-time status, answered at once even when the printer is offline.
enum class StatusQuery : std::uint8_t { printer = 1, offline_cause = 2, error_cause = 3, paper = 4 };

std::string real_time_status(StatusQuery query);  // 10 04 n
std::string enable_automatic_status();            // GS a FF: ASB for drawer, online, error and paper changes
std::string paper_sensor_status();                // GS r 1: queued behind the job, so its answer marks the job's end

// The picture of the printer that the replies build up. Each field is what the last reply that covers it said.
struct PrinterStatus {
  bool offline = false;
  bool cover_open = false;
  bool paper_feeding = false;  // the FEED button is feeding paper
  bool paper_near_end = false;
  bool paper_end = false;
  bool stopped_by_paper_end = false;
  bool cutter_error = false;
  bool mechanical_error = false;  // recoverable (ESC/POS: recoverable error)
  bool unrecoverable_error = false;
  bool auto_recoverable_error = false;  // e.g. head overheat; clears itself
  bool drawer_pin3_high = false;

  // Fit to take paper and print: online, cover closed, paper present, no error.
  bool ready() const noexcept {
    return !offline && !cover_open && !paper_end && !cutter_error && !mechanical_error && !unrecoverable_error &&
           !auto_recoverable_error;
  }
  // "cover open, paper end" — the conditions that stop printing, for messages and logs; "ready" when none.
  std::string describe() const;
};

struct StatusMessage {
  enum class Kind {
    real_time,     // a DLE EOT reply: 1 byte, 0xx1xx10; `query` says which
    automatic,     // Automatic Status Back: 4 bytes, 0xx1xx00 then 3 × 0xx0xxxx
    paper_sensor,  // the reply to GS r 1: 1 byte, 0xx0xxxx
    xon,           // 11: serial flow control, go on
    xoff,          // 13: serial flow control, wait
    block,         // block data (GS I 65–69 and others): 5F or 35/37/3B/3D, text, NUL
    unknown,       // a byte that fits nothing expected: noise, or a reply nobody asked for
  };
  Kind kind = Kind::unknown;
  StatusQuery query = StatusQuery::printer;  // for real_time
  std::string bytes;
};

// Reads the printer's byte stream in whatever pieces the transport delivers. The caller says what it asked for
// (a DLE EOT reply carries no query number, so replies are matched to questions in order), and gets each complete
// message once. Unsolicited bytes are reported as unknown, never taken for an answer.
class StatusReader {
 public:
  // A block longer than this without its NUL is cut and reported as unknown (no printer ID is this long).
  static constexpr std::size_t kMaxBlock = 80;

  void asked(StatusQuery query) { real_time_.push_back(query); }
  void asked_paper_sensor() { ++paper_sensor_; }

  std::vector<StatusMessage> feed(std::string_view bytes);

  // How many questions still wait for their answer.
  std::size_t outstanding() const noexcept { return real_time_.size() + paper_sensor_; }

 private:
  void take(std::uint8_t byte, std::vector<StatusMessage>& out);

  std::deque<StatusQuery> real_time_;
  std::size_t paper_sensor_ = 0;
  std::string partial_;  // an ASB or block message in progress
  StatusMessage::Kind partial_kind_ = StatusMessage::Kind::unknown;
};

// Folds a message into the status (XON, XOFF, blocks and unknown bytes change nothing).
void apply(PrinterStatus& status, const StatusMessage& message);

}  // namespace kofu::printer
