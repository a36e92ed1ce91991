// The job runner against kofu-printsim's interpreter in process, behind a
// Transport that hands bytes across: every ending a job can have, and never
// "printed" for a job that was not. (The same runner against the real
// kofu-printsim over TCP and a pty: tests/integration/print_*_test.sh.)
#include "printer/job.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "printer/errors.hpp"
#include "printer/printsim/interpreter.hpp"

using kofu::printer::Bitmap;
using kofu::printer::JobOptions;
using kofu::printer::PrinterErrc;
using kofu::printsim::Interpreter;
using std::chrono::milliseconds;

namespace {

const kofu::printer::Profile &t88() {
  return **kofu::printer::find_profile("tm-t88");
}

// The interpreter behind a Transport. `world` runs before every read: the
// test's way to open and close the cover or refill paper while the job is under
// way. `close_after` bytes makes the connection drop there.
class SimTransport final : public kofu::printer::Transport {
 public:
  explicit SimTransport(Interpreter &printer) : printer_(printer) {}

  kofu::Expected<void> write(std::string_view bytes, milliseconds /*timeout*/) override {
    if (closed_) return closed();
    if (close_after > 0 && written_ + bytes.size() >= close_after) {
      printer_.receive(bytes.substr(0, close_after - written_));
      closed_ = true;
      return closed();
    }
    written_ += bytes.size();
    printer_.receive(bytes);
    return {};
  }

  kofu::Expected<std::string> read(milliseconds /*timeout*/) override {
    if (closed_) return closed();
    ++reads;
    if (world) world(printer_, reads);
    if (mute) return std::string();
    return printer_.take_replies();
  }

  bool bidirectional() const override { return two_way; }
  std::string describe() const override { return "printsim in process"; }

  std::function<void(Interpreter &, int)> world;
  std::size_t close_after = 0;
  bool mute = false;  // a printer that takes data and never answers
  bool two_way = true;
  int reads = 0;

 private:
  static kofu::Unexpected<kofu::Error> closed() {
    return kofu::unexpected(kofu::Error(make_error_code(PrinterErrc::connection_closed), "the printer closed"));
  }
  Interpreter &printer_;
  std::size_t written_ = 0;
  bool closed_ = false;
};

// A job of `strips` raster strips, each 256 black-and-white rows (hand-encoded
// with the real encoder's framing: init, then strips), ending in a cut.
std::vector<std::string> job_of(int strips) {
  std::vector<std::string> chunks{std::string("\x1b@\x1dP\xB4\xB4", 6)};
  Bitmap strip(t88().width_dots, 256);
  for (int y = 0; y < 256; y += 2) strip.fill(0, y, 100, 1);
  for (int i = 0; i < strips; ++i) {
    std::string chunk(
        "\x1d(L\x0a\x40"
        "0p0\x01\x01"
        "1\x00\x02\x00\x01",
        15);
    chunk += strip.data();
    chunk += std::string(
        "\x1d(L\x02\x00"
        "02",
        7);
    chunks.push_back(std::move(chunk));
  }
  chunks.emplace_back("\x1dVB\x00", 4);
  return chunks;
}

JobOptions quick() {
  JobOptions options;
  options.answer_timeout = milliseconds(200);
  options.pause_timeout = milliseconds(300);
  options.finish_timeout = milliseconds(300);
  return options;
}

int total_lines(const std::vector<kofu::printsim::Page> &pages) {
  int lines = 0;
  for (const auto &page : pages) lines += page.bitmap.height();
  return lines;
}

}  // namespace

TEST_SUITE("printer.job") {
  TEST_CASE(
      "a ready printer: printed, confirmed by the GS r answer, the whole "
      "page cut") {
    Interpreter printer(t88(), nullptr);
    SimTransport transport(printer);
    std::vector<std::string> events;
    auto report = kofu::printer::run_job(transport, job_of(3), quick(),
                                         [&events](std::string_view event) { events.emplace_back(event); });
    REQUIRE(report);
    CHECK(report->confirmed);
    CHECK(report->chunks == 5);
    CHECK(report->pauses == 0);
    CHECK(events.back() == "printed");
    const auto pages = printer.take_pages();
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].cut);
    CHECK(pages[0].bitmap.height() >= 3 * 256);
  }

  TEST_CASE("the status query: DLE EOT 1-4 read into a status") {
    Interpreter printer(t88(), nullptr);
    printer.set_paper_near_end(true);
    SimTransport transport(printer);
    auto status = kofu::printer::query_status(transport, milliseconds(200));
    REQUIRE(status);
    CHECK(status->ready());
    CHECK(status->paper_near_end);
    printer.set_cover_open(true);
    status = kofu::printer::query_status(transport, milliseconds(200));
    REQUIRE(status);
    CHECK(status->cover_open);
    CHECK(status->offline);
  }

  TEST_CASE(
      "not ready before the job (cover open, paper end, offline): "
      "nothing is sent") {
    struct Case {
      std::function<void(Interpreter &)> make;
      PrinterErrc expected;
    };
    const std::vector<Case> cases = {{[](Interpreter &p) { p.set_cover_open(true); }, PrinterErrc::cover_open},
                                     {[](Interpreter &p) { p.set_paper(false); }, PrinterErrc::paper_end},
                                     {[](Interpreter &p) { p.set_online(false); }, PrinterErrc::printer_offline}};
    for (const Case &each : cases) {
      Interpreter printer(t88(), nullptr);
      each.make(printer);
      SimTransport transport(printer);
      auto report = kofu::printer::run_job(transport, job_of(2), quick());
      REQUIRE_FALSE(report);
      CHECK(report.error().code() == each.expected);
      CHECK(report.error().message().find("nothing was sent") != std::string::npos);
      CHECK(printer.state().bytes_received == 12);  // the four DLE EOT questions only
    }
  }

  TEST_CASE(
      "paper end in the middle: the rest is cleared, the job fails, a "
      "new roll prints nothing of it") {
    Interpreter printer(t88(), nullptr);
    printer.paper_out_after(300);
    SimTransport transport(printer);
    auto report = kofu::printer::run_job(transport, job_of(4), quick());
    REQUIRE_FALSE(report);
    CHECK(report.error().code() == PrinterErrc::paper_end);
    CHECK(report.error().message().find("incomplete") != std::string::npos);
    CHECK(report.error().message().find("load paper and print it again") != std::string::npos);
    auto pages = printer.take_pages();
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].ended_by == "paper end");
    CHECK(pages[0].bitmap.height() == 300);
    printer.set_paper(true);
    printer.finish("end of test");
    CHECK(total_lines(printer.take_pages()) == 0);
  }

  TEST_CASE(
      "cover opened in the middle and closed again: the job waits, then "
      "prints whole") {
    Interpreter printer(t88(), nullptr);
    printer.cover_open_after(200);
    SimTransport transport(printer);
    int opened_at = 0;
    transport.world = [&opened_at](Interpreter &p, int reads) {
      if (p.state().cover_open && opened_at == 0) opened_at = reads;
      if (opened_at > 0 && reads == opened_at + 2) p.set_cover_open(false);
    };
    JobOptions options = quick();
    options.pause_timeout = milliseconds(5000);
    auto report = kofu::printer::run_job(transport, job_of(3), options);
    REQUIRE(report);
    CHECK(report->confirmed);
    CHECK(report->pauses >= 1);
    const auto pages = printer.take_pages();
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].cut);
    CHECK(pages[0].bitmap.height() >= 3 * 256);
  }

  TEST_CASE(
      "cover left open past the pause limit: cleared, cover_open, not "
      "printed") {
    Interpreter printer(t88(), nullptr);
    printer.cover_open_after(200);
    SimTransport transport(printer);
    auto report = kofu::printer::run_job(transport, job_of(3), quick());
    REQUIRE_FALSE(report);
    CHECK(report.error().code() == PrinterErrc::cover_open);
    printer.set_cover_open(false);
    printer.finish("end of test");
    const auto pages = printer.take_pages();
    for (const auto &page : pages) CHECK_FALSE(page.cut);  // the cut never came: cleared with the rest
  }

  TEST_CASE("offline in the middle and never back: printer_offline") {
    Interpreter printer(t88(), nullptr);
    printer.offline_after(100);
    SimTransport transport(printer);
    auto report = kofu::printer::run_job(transport, job_of(3), quick());
    REQUIRE_FALSE(report);
    CHECK(report.error().code() == PrinterErrc::printer_offline);
  }

  TEST_CASE(
      "the connection drops in the middle: connection_closed, and the "
      "message says it may be incomplete") {
    Interpreter printer(t88(), nullptr);
    SimTransport transport(printer);
    transport.close_after = 20000;
    auto report = kofu::printer::run_job(transport, job_of(3), quick());
    REQUIRE_FALSE(report);
    CHECK(report.error().code() == PrinterErrc::connection_closed);
    CHECK(report.error().message().find("may be incomplete") != std::string::npos);
  }

  TEST_CASE("a printer that never answers: timeout before anything is sent") {
    Interpreter printer(t88(), nullptr);
    SimTransport transport(printer);
    transport.mute = true;
    auto report = kofu::printer::run_job(transport, job_of(1), quick());
    REQUIRE_FALSE(report);
    CHECK(report.error().code() == PrinterErrc::timeout);
    CHECK(report.error().message().find("DLE EOT 1") != std::string::npos);
  }

  TEST_CASE("no end-of-job answer: unconfirmed, never printed") {
    Interpreter printer(t88(), nullptr);
    SimTransport transport(printer);
    transport.world = [&transport](Interpreter &, int reads) { transport.mute = reads > 4; };  // answers the probe only
    auto report = kofu::printer::run_job(transport, job_of(1), quick());
    REQUIRE_FALSE(report);
    CHECK(report.error().code() == PrinterErrc::timeout);  // the follow-up DLE EOT goes unanswered too
  }

  TEST_CASE("a transport that cannot answer: sent, not confirmed") {
    Interpreter printer(t88(), nullptr);
    SimTransport transport(printer);
    transport.two_way = false;
    auto report = kofu::printer::run_job(transport, job_of(1), quick());
    REQUIRE(report);
    CHECK_FALSE(report->confirmed);
    CHECK(report->chunks == 3);
  }

  TEST_CASE("identify_profile: GS I 110 and GS I 2 name the profile; a stopped printer does not answer") {
    for (const std::string_view name : {"tm-t20-jp", "tm-t88-58mm", "tm-t88", "tm-t20-58mm"}) {
      Interpreter printer(**kofu::printer::find_profile(name), nullptr);
      SimTransport transport(printer);
      auto profile = kofu::printer::identify_profile(transport, milliseconds(200));
      REQUIRE(profile);
      CHECK((*profile)->name == name);
    }
    Interpreter stopped(t88(), nullptr);
    stopped.set_cover_open(true);
    SimTransport transport(stopped);
    auto profile = kofu::printer::identify_profile(transport, milliseconds(100));
    REQUIRE_FALSE(profile);
    CHECK(profile.error().code() == PrinterErrc::timeout);
    CHECK(profile.error().message().find("--profile") != std::string::npos);
  }
}
