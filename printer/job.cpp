#include "printer/job.hpp"

#include <optional>

#include "printer/errors.hpp"

namespace kofu::printer {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// DLE DC4 fn 8: clear the receive and print buffers (§1.7), a real-time command, so it overtakes queued data.
const std::string kClearBuffers("\x10\x14\x08\x01\x03\x14\x01\x06\x02\x08", 10);

// How long one read waits while chunks are going out: long enough to catch an ASB, short enough not to slow a job.
constexpr milliseconds kPoll{0};
constexpr milliseconds kWaitStep{100};

Unexpected<Error> fail(PrinterErrc code, std::string message) {
  return unexpected(Error(make_error_code(code), std::move(message)));
}

// What the printer's state means for a job in progress: nothing (printing), wait, or give up.
enum class Stop { none, wait, abandon };

Stop stop_for(const PrinterStatus& status) {
  if (status.paper_end || status.stopped_by_paper_end) return Stop::abandon;
  if (status.cutter_error || status.mechanical_error || status.unrecoverable_error) return Stop::abandon;
  if (status.offline || status.cover_open || status.auto_recoverable_error) return Stop::wait;
  return Stop::none;
}

PrinterErrc code_for(const PrinterStatus& status) {
  if (status.paper_end || status.stopped_by_paper_end) return PrinterErrc::paper_end;
  if (status.cover_open) return PrinterErrc::cover_open;
  if (status.cutter_error || status.mechanical_error || status.unrecoverable_error || status.auto_recoverable_error) {
    return PrinterErrc::printer_error;
  }
  return PrinterErrc::printer_offline;
}

// One job on one transport: the status as the printer's messages build it up, and the questions outstanding.
class Runner {
 public:
  Runner(Transport& transport, const JobOptions& options, const JobEvents& events)
      : transport_(transport), options_(options), events_(events) {}

  Expected<PrinterStatus> probe() {
    for (const StatusQuery query :
         {StatusQuery::printer, StatusQuery::offline_cause, StatusQuery::error_cause, StatusQuery::paper}) {
      reader_.asked(query);
      if (auto sent = transport_.write(real_time_status(query), options_.write_timeout); !sent) {
        return unexpected(sent.error());
      }
      const auto deadline = Clock::now() + options_.answer_timeout;
      while (reader_.outstanding() > 0) {
        const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
        if (left <= milliseconds::zero()) {
          return fail(PrinterErrc::timeout, transport_.describe() + " did not answer DLE EOT " +
                                                std::to_string(static_cast<int>(query)) + " within " +
                                                std::to_string(options_.answer_timeout.count()) +
                                                " ms: is it on, and is this the printer's address?");
        }
        if (auto read = take(std::min(left, kWaitStep)); !read) return unexpected(read.error());
      }
    }
    return status_;
  }

  // Stale bytes from before this job (a late reply to someone else's question) must not answer ours.
  Expected<void> drain() {
    for (int i = 0; i < 64; ++i) {
      auto stale = transport_.read(kPoll);
      if (!stale) return unexpected(stale.error());
      if (stale->empty()) return {};
    }
    return {};
  }

  // The answer to GS I n: one 0xx0xxxx byte, read as the reader reads a GS r answer (the same pattern).
  Expected<std::uint8_t> printer_id(std::uint8_t n) {
    reader_.asked_paper_sensor();
    if (auto sent = transport_.write(printer_id_request(n), options_.write_timeout); !sent) {
      return unexpected(sent.error());
    }
    const auto deadline = Clock::now() + options_.answer_timeout;
    while (!answer_) {
      const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
      if (left <= milliseconds::zero()) {
        return fail(PrinterErrc::timeout, transport_.describe() + " did not answer GS I " + std::to_string(n) +
                                              " within " + std::to_string(options_.answer_timeout.count()) +
                                              " ms (a stopped printer does not); give the profile by name (--profile)");
      }
      if (auto read = take(std::min(left, kWaitStep)); !read) return unexpected(read.error());
    }
    const std::uint8_t value = *answer_;
    answer_.reset();
    return value;
  }

  Expected<JobReport> run(std::span<const std::string> chunks) {
    if (!transport_.bidirectional()) return send_blind(chunks);
    if (auto drained = drain(); !drained) return unexpected(drained.error());
    auto initial = probe();
    if (!initial) return unexpected(initial.error());
    if (!initial->ready()) {
      return fail(code_for(*initial), "the printer is not ready (" + initial->describe() + "); nothing was sent");
    }
    note("printer ready");
    total_ = chunks.size();
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      if (auto read = take(kPoll); !read) return lost(read.error());
      if (auto ok = check(); !ok) return unexpected(ok.error());
      std::string bytes = chunks[i];
      if (i == 0) bytes += enable_automatic_status();
      if (auto sent = transport_.write(bytes, options_.write_timeout); !sent) return lost(sent.error());
      ++report_.chunks;
      report_.bytes += bytes.size();
    }
    reader_.asked_paper_sensor();
    if (auto sent = transport_.write(paper_sensor_status(), options_.write_timeout); !sent) return lost(sent.error());
    note("sent " + std::to_string(report_.bytes) + " bytes; waiting for the printer to finish");
    return finish();
  }

 private:
  Expected<JobReport> send_blind(std::span<const std::string> chunks) {
    for (const std::string& chunk : chunks) {
      if (auto sent = transport_.write(chunk, options_.write_timeout); !sent) return unexpected(sent.error());
      ++report_.chunks;
      report_.bytes += chunk.size();
    }
    note("sent " + std::to_string(report_.bytes) + " bytes to " + transport_.describe() +
         ", which cannot answer: the job is not confirmed");
    return report_;
  }

  // Reads what the printer has sent (waiting up to `wait`) and folds it into the status.
  Expected<void> take(milliseconds wait) {
    auto bytes = transport_.read(wait);
    if (!bytes) return unexpected(bytes.error());
    for (const StatusMessage& message : reader_.feed(*bytes)) {
      if (message.kind == StatusMessage::Kind::paper_sensor) {
        finished_ = true;
        answer_ = static_cast<std::uint8_t>(message.bytes.front());
      }
      apply(status_, message);
    }
    report_.status = status_;
    return {};
  }

  // Between chunks and while waiting: go on, wait for the printer, or give the job up.
  Expected<void> check() {
    const Stop stop = stop_for(status_);
    if (stop == Stop::none) return {};
    if (stop == Stop::wait) {
      ++report_.pauses;
      note("paused: " + status_.describe());
      const auto deadline = Clock::now() + options_.pause_timeout;
      while (stop_for(status_) == Stop::wait && Clock::now() < deadline) {
        if (auto read = take(kWaitStep); !read) return unexpected(lost(read.error()).error());
      }
      if (stop_for(status_) == Stop::none) {
        note("resumed");
        return {};
      }
    }
    return abandon();
  }

  Unexpected<Error> abandon() {
    const PrinterStatus seen = status_;
    (void)transport_.write(kClearBuffers, options_.write_timeout);
    note("job abandoned: " + seen.describe() + "; printer buffers cleared");
    std::string what = "the printer stopped (" + seen.describe() + ")";
    if (report_.chunks <= 1) {
      what += " before printing anything of the job; nothing was printed";
    } else {
      what += " after " + std::to_string(report_.chunks) + " of " + std::to_string(total_) +
              " parts of the job had been sent; the receipt is incomplete and the rest was cleared";
    }
    if (code_for(seen) == PrinterErrc::paper_end) what += ": load paper and print it again";
    return fail(code_for(seen), what);
  }

  // A transport failure in the middle of the job: the printer may have printed part of it.
  Unexpected<Error> lost(const Error& error) {
    std::string what = error.message() + "; after " + std::to_string(report_.chunks) + " of " + std::to_string(total_) +
                       " parts of the job";
    what += report_.chunks == 0 ? ", so nothing was printed" : ", so the receipt may be incomplete or missing";
    return fail(static_cast<PrinterErrc>(error.code().category() == printer_category()
                                             ? error.code().value()
                                             : static_cast<int>(PrinterErrc::io_failed)),
                what);
  }

  // Waits for GS r's answer: the printer reached the end of the job. An ASB in the meantime can pause or end it.
  Expected<JobReport> finish() {
    auto deadline = Clock::now() + options_.finish_timeout;
    while (!finished_) {
      if (Clock::now() >= deadline) return unconfirmed();
      if (auto read = take(kWaitStep); !read) return lost(read.error());
      if (finished_) break;
      if (stop_for(status_) != Stop::none) {
        if (auto ok = check(); !ok) return unexpected(ok.error());
        deadline = Clock::now() + options_.finish_timeout;
      }
    }
    if (status_.paper_end || status_.stopped_by_paper_end) return abandon();
    report_.confirmed = true;
    note(status_.paper_near_end ? "printed (paper near end)" : "printed");
    return report_;
  }

  // No end-of-job answer in time: the printer may lack ASB and have stopped; a real-time query says why.
  Unexpected<Error> unconfirmed() {
    StatusReader fresh;
    reader_ = fresh;
    auto now = probe();
    if (now && stop_for(*now) != Stop::none) return abandon();
    return fail(PrinterErrc::job_unconfirmed, "the printer did not confirm the end of the job within " +
                                                  std::to_string(options_.finish_timeout.count()) +
                                                  " ms (status: " + (now ? now->describe() : now.error().message()) +
                                                  "); the receipt may not have printed");
  }

  void note(const std::string& event) {
    if (events_) events_(event);
  }

  Transport& transport_;
  const JobOptions& options_;
  const JobEvents& events_;
  StatusReader reader_;
  PrinterStatus status_;
  JobReport report_;
  std::size_t total_ = 0;
  bool finished_ = false;
  std::optional<std::uint8_t> answer_;  // the last GS r / GS I answer
};

}  // namespace

Expected<PrinterStatus> query_status(Transport& transport, std::chrono::milliseconds answer_timeout) {
  JobOptions options;
  options.answer_timeout = answer_timeout;
  const JobEvents none;
  Runner runner(transport, options, none);
  return runner.probe();
}

Expected<const Profile*> identify_profile(Transport& transport, std::chrono::milliseconds answer_timeout) {
  JobOptions options;
  options.answer_timeout = answer_timeout;
  const JobEvents none;
  Runner runner(transport, options, none);
  if (auto drained = runner.drain(); !drained) return unexpected(drained.error());
  auto paper = runner.printer_id(110);
  if (!paper) return unexpected(paper.error());
  auto type = runner.printer_id(2);
  if (!type) return unexpected(type.error());
  return profile_from_printer_id(*paper, *type);
}

Expected<JobReport> run_job(Transport& transport, std::span<const std::string> chunks, const JobOptions& options,
                            const JobEvents& events) {
  Runner runner(transport, options, events);
  return runner.run(chunks);
}

}  // namespace kofu::printer
