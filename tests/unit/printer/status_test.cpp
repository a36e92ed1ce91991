// The printer's answers told apart and read, with byte values from escpos-scanners.md §1.7 (Epson TM-U220 and
// Citizen manuals): a normal DLE EOT 1 reply is 16, paper end on DLE EOT 4 is 72, and so on.
#include "printer/status.hpp"

#include <doctest/doctest.h>

#include <string>

using kofu::printer::PrinterStatus;
using kofu::printer::StatusMessage;
using kofu::printer::StatusQuery;
using kofu::printer::StatusReader;
using Kind = StatusMessage::Kind;

namespace {

PrinterStatus read_all(StatusReader& reader, std::string_view bytes, PrinterStatus status = {}) {
  for (const StatusMessage& message : reader.feed(bytes)) apply(status, message);
  return status;
}

}  // namespace

TEST_SUITE("printer.status") {
  TEST_CASE("the queries' bytes") {
    CHECK(kofu::printer::real_time_status(StatusQuery::printer) == std::string("\x10\x04\x01", 3));
    CHECK(kofu::printer::real_time_status(StatusQuery::paper) == std::string("\x10\x04\x04", 3));
    CHECK(kofu::printer::enable_automatic_status() == "\x1D\x61\xFF");
    CHECK(kofu::printer::paper_sensor_status() == "\x1D\x72\x31");
  }

  TEST_CASE("DLE EOT replies are matched to the questions in order") {
    StatusReader reader;
    reader.asked(StatusQuery::printer);
    reader.asked(StatusQuery::paper);
    const auto messages = reader.feed("\x16\x72");
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].kind == Kind::real_time);
    CHECK(messages[0].query == StatusQuery::printer);
    CHECK(messages[1].query == StatusQuery::paper);
    CHECK(reader.outstanding() == 0);
    PrinterStatus status;
    for (const auto& m : messages) apply(status, m);
    CHECK_FALSE(status.offline);
    CHECK(status.paper_end);  // 72: bits 5–6
    CHECK_FALSE(status.paper_near_end);
    CHECK_FALSE(status.ready());
    CHECK(status.describe() == "paper end");
  }

  TEST_CASE("each DLE EOT query's bits") {
    StatusReader reader;
    reader.asked(StatusQuery::printer);
    CHECK(read_all(reader, "\x1E").offline);  // bit 3
    reader.asked(StatusQuery::offline_cause);
    const PrinterStatus cover = read_all(reader, "\x16");  // bit 2
    CHECK(cover.cover_open);
    CHECK(cover.describe() == "cover open");
    reader.asked(StatusQuery::offline_cause);
    CHECK(read_all(reader, "\x32").stopped_by_paper_end);  // bit 5
    reader.asked(StatusQuery::error_cause);
    const PrinterStatus cutter = read_all(reader, "\x1A");  // bit 3
    CHECK(cutter.cutter_error);
    CHECK_FALSE(cutter.ready());
    reader.asked(StatusQuery::error_cause);
    CHECK(read_all(reader, "\x52").auto_recoverable_error);  // bit 6
    reader.asked(StatusQuery::paper);
    const PrinterStatus near = read_all(reader, "\x1E");  // bits 2–3
    CHECK(near.paper_near_end);
    CHECK(near.ready());  // near end still prints
    reader.asked(StatusQuery::printer);
    CHECK(read_all(reader, "\x12").ready());
  }

  TEST_CASE("Automatic Status Back: four bytes, even when they come one at a time") {
    StatusReader reader;
    CHECK(reader.feed("\x30").empty());
    CHECK(reader.feed(std::string("\x00", 1)).empty());
    const auto messages = reader.feed(std::string("\x0C\x00", 2));
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].kind == Kind::automatic);
    PrinterStatus status;
    apply(status, messages[0]);
    CHECK(status.cover_open);  // byte 1 bit 5
    CHECK(status.paper_end);   // byte 3 bits 2–3
    CHECK(status.describe() == "cover open, paper end");

    const PrinterStatus cleared = read_all(reader, std::string("\x10\x00\x00\x00", 4), status);
    CHECK(cleared.ready());
    CHECK(read_all(reader, std::string("\x10\x08\x00\x00", 4)).cutter_error);  // byte 2 bit 3
  }

  TEST_CASE("XON/XOFF, GS r, blocks, and what nobody asked for") {
    StatusReader reader;
    reader.asked_paper_sensor();
    const auto messages = reader.feed(std::string("\x13\x11\x0C_EPSON\x00\x12", 11));
    REQUIRE(messages.size() == 5);
    CHECK(messages[0].kind == Kind::xoff);
    CHECK(messages[1].kind == Kind::xon);
    CHECK(messages[2].kind == Kind::paper_sensor);
    CHECK(messages[3].kind == Kind::block);
    CHECK(messages[3].bytes == std::string("_EPSON\x00", 7));
    CHECK(messages[4].kind == Kind::unknown);  // a DLE EOT-like byte with no question out: not taken as an answer
    PrinterStatus status;
    apply(status, messages[2]);
    CHECK(status.paper_end);

    CHECK(reader.feed(std::string(1, '\x00')).front().kind == Kind::unknown);  // a GS r reply nobody asked for
    CHECK(reader.feed("\xFF").front().kind == Kind::unknown);
  }

  TEST_CASE("a broken ASB or an endless block is cut, and reading goes on") {
    StatusReader reader;
    reader.asked(StatusQuery::printer);
    auto messages = reader.feed(std::string("\x10\x00\x16", 3));  // ASB cut by a DLE EOT reply
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].kind == Kind::unknown);
    CHECK(messages[1].kind == Kind::real_time);

    messages = reader.feed("_" + std::string(200, 'A'));
    REQUIRE_FALSE(messages.empty());
    CHECK(messages[0].kind == Kind::unknown);
    CHECK(messages[0].bytes.size() == StatusReader::kMaxBlock);
  }
}
