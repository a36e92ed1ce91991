#include "printer/status.hpp"

namespace kofu::printer {
namespace {

constexpr std::uint8_t kXon = 0x11;
constexpr std::uint8_t kXoff = 0x13;
constexpr std::size_t kAutomaticSize = 4;

bool bit(std::uint8_t byte, int n) {
  return (byte >> n & 1) != 0;
}
// 0xx1xx10: the fixed bits of a DLE EOT reply.
bool is_real_time(std::uint8_t b) {
  return (b & 0x93) == 0x12;
}
// 0xx1xx00: the first byte of an ASB message.
bool is_automatic_start(std::uint8_t b) {
  return (b & 0x93) == 0x10;
}
// 0xx0xxxx: the rest of ASB, and GS r replies.
bool is_plain(std::uint8_t b) {
  return (b & 0x90) == 0x00;
}
bool is_block_start(std::uint8_t b) {
  return b == 0x5F || b == 0x35 || b == 0x37 || b == 0x3B || b == 0x3D;
}

std::uint8_t byte_at(std::string_view bytes, std::size_t i) {
  return static_cast<std::uint8_t>(bytes[i]);
}

}  // namespace

std::string real_time_status(StatusQuery query) {
  return {'\x10', '\x04', static_cast<char>(query)};
}

std::string enable_automatic_status() {
  return {'\x1D', '\x61', '\xFF'};
}

std::string paper_sensor_status() {
  return {'\x1D', '\x72', '\x31'};
}

std::string PrinterStatus::describe() const {
  std::string out;
  auto add = [&out](bool set, const char* what) {
    if (!set) return;
    if (!out.empty()) out += ", ";
    out += what;
  };
  add(offline, "offline");
  add(cover_open, "cover open");
  add(paper_end, "paper end");
  add(cutter_error, "cutter error");
  add(mechanical_error, "mechanical error");
  add(unrecoverable_error, "unrecoverable error");
  add(auto_recoverable_error, "auto-recoverable error (head overheat?)");
  add(paper_near_end, "paper near end");
  return out.empty() ? "ready" : out;
}

void StatusReader::take(std::uint8_t byte, std::vector<StatusMessage>& out) {
  using Kind = StatusMessage::Kind;
  const char c = static_cast<char>(byte);
  if (partial_kind_ == Kind::automatic) {
    if (is_plain(byte)) {
      partial_ += c;
      if (partial_.size() == kAutomaticSize) {
        out.push_back({Kind::automatic, StatusQuery::printer, std::move(partial_)});
        partial_.clear();
        partial_kind_ = Kind::unknown;
      }
      return;
    }
    // Cut short: what came so far is noise; the byte starts afresh.
    out.push_back({Kind::unknown, StatusQuery::printer, std::move(partial_)});
    partial_.clear();
    partial_kind_ = Kind::unknown;
  } else if (partial_kind_ == Kind::block) {
    partial_ += c;
    if (byte == 0x00) {
      out.push_back({Kind::block, StatusQuery::printer, std::move(partial_)});
      partial_.clear();
      partial_kind_ = Kind::unknown;
    } else if (partial_.size() >= kMaxBlock) {
      out.push_back({Kind::unknown, StatusQuery::printer, std::move(partial_)});
      partial_.clear();
      partial_kind_ = Kind::unknown;
    }
    return;
  }
  if (byte == kXon) {
    out.push_back({Kind::xon, StatusQuery::printer, std::string(1, c)});
  } else if (byte == kXoff) {
    out.push_back({Kind::xoff, StatusQuery::printer, std::string(1, c)});
  } else if (is_real_time(byte) && !real_time_.empty()) {
    out.push_back({Kind::real_time, real_time_.front(), std::string(1, c)});
    real_time_.pop_front();
  } else if (is_automatic_start(byte)) {
    partial_.assign(1, c);
    partial_kind_ = Kind::automatic;
  } else if (is_block_start(byte)) {
    partial_.assign(1, c);
    partial_kind_ = Kind::block;
  } else if (is_plain(byte) && paper_sensor_ > 0) {
    --paper_sensor_;
    out.push_back({Kind::paper_sensor, StatusQuery::printer, std::string(1, c)});
  } else {
    out.push_back({Kind::unknown, StatusQuery::printer, std::string(1, c)});
  }
}

std::vector<StatusMessage> StatusReader::feed(std::string_view bytes) {
  std::vector<StatusMessage> out;
  for (std::size_t i = 0; i < bytes.size(); ++i) take(byte_at(bytes, i), out);
  return out;
}

void apply(PrinterStatus& status, const StatusMessage& message) {
  using Kind = StatusMessage::Kind;
  if (message.bytes.empty()) return;
  const std::uint8_t b = byte_at(message.bytes, 0);
  switch (message.kind) {
    case Kind::real_time:
      switch (message.query) {
        case StatusQuery::printer:
          status.drawer_pin3_high = bit(b, 2);
          status.offline = bit(b, 3);
          break;
        case StatusQuery::offline_cause:
          status.cover_open = bit(b, 2);
          status.paper_feeding = bit(b, 3);
          status.stopped_by_paper_end = bit(b, 5);
          break;
        case StatusQuery::error_cause:
          status.mechanical_error = bit(b, 2);
          status.cutter_error = bit(b, 3);
          status.unrecoverable_error = bit(b, 5);
          status.auto_recoverable_error = bit(b, 6);
          break;
        case StatusQuery::paper:
          status.paper_near_end = (b & 0x0C) != 0;
          status.paper_end = (b & 0x60) != 0;
          break;
      }
      break;
    case Kind::automatic: {
      const std::uint8_t errors = byte_at(message.bytes, 1);
      const std::uint8_t paper = byte_at(message.bytes, 2);
      status.drawer_pin3_high = bit(b, 2);
      status.offline = bit(b, 3);
      status.cover_open = bit(b, 5);
      status.paper_feeding = bit(b, 6);
      status.mechanical_error = bit(errors, 2);
      status.cutter_error = bit(errors, 3);
      status.unrecoverable_error = bit(errors, 5);
      status.auto_recoverable_error = bit(errors, 6);
      status.paper_near_end = (paper & 0x03) != 0;
      status.paper_end = (paper & 0x0C) != 0;
      break;
    }
    case Kind::paper_sensor:
      status.paper_near_end = (b & 0x03) != 0;
      status.paper_end = (b & 0x0C) != 0;
      break;
    case Kind::xon:
    case Kind::xoff:
    case Kind::block:
    case Kind::unknown: break;
  }
}

}  // namespace kofu::printer
