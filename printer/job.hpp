// The job runner: sends a job to a printer in its chunks, reading the printer's status between them, and reports
// the job printed only when the printer has said so. Facts: ../shared/reference/escpos-scanners.md §1.7 (the
// status state machine that works: probe with DLE EOT, enable ASB, send the job and GS r 1, take the GS r answer
// as success and an ASB with cover open, paper end or an error as failure).
//
// What happens when the printer stops in the middle of a job (docs/printer.md has the table):
//   cover open or offline  the runner stops sending and waits up to `pause_timeout` for the printer to be ready;
//                          printing then goes on where it stopped and the job can still end printed. Otherwise the
//                          printer's buffers are cleared (DLE DC4 fn 8) and the job fails, not printed.
//   paper end              the receipt is cut short: the rest of the job is cleared from the printer, so that a
//                          new roll does not start with the tail of an old certificate, and the job fails.
//   printer error          (cutter, mechanical, unrecoverable) buffers cleared, the job fails.
//   connection lost        the job fails; the printer may have printed part of it.
// A failed job is never reported printed; its error says whether anything may have come out.
#pragma once

#include <chrono>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "error/expected.hpp"
#include "printer/profile.hpp"
#include "printer/status.hpp"
#include "printer/transport.hpp"

namespace kofu::printer {

struct JobOptions {
  std::chrono::milliseconds answer_timeout{3000};   // for a reply to DLE EOT
  std::chrono::milliseconds write_timeout{15000};   // for the printer to take a chunk
  std::chrono::milliseconds pause_timeout{60000};   // for a printer stopped by cover open or offline to come back
  std::chrono::milliseconds finish_timeout{60000};  // from the last chunk to the answer that ends the job
};

struct JobReport {
  bool confirmed = false;  // the printer said the job printed (false only on a transport that cannot answer)
  PrinterStatus status;    // the last status seen
  std::size_t chunks = 0;  // chunks sent
  std::size_t bytes = 0;   // bytes sent
  int pauses = 0;          // times the job waited for the printer (cover open, offline)
};

// Progress and events in words, for the CLI and the log ("paused: cover open", "printed").
using JobEvents = std::function<void(std::string_view event)>;

// Asks DLE EOT 1, 2, 3 and 4 one at a time, each answer awaited before the next question (§1.7).
// Errors: timeout when the printer does not answer, connection_closed, io_failed.
Expected<PrinterStatus> query_status(Transport& transport, std::chrono::milliseconds answer_timeout);

// Asks the printer which profile fits it: GS I 110 (paper width and resolution) and GS I 2 (Kanji), each answer
// awaited (profile.hpp, profile_from_printer_id). GS I is not real-time, so a stopped printer does not answer: the
// error (timeout) then says to give the profile by name.
Expected<const Profile*> identify_profile(Transport& transport, std::chrono::milliseconds answer_timeout);

// Runs a job. The chunks are the job's ESC/POS bytes (layout.hpp), initialize first; the runner adds ASB enable
// after the first chunk and GS r 1 after the last. On a transport that is not bidirectional it only sends, and the
// report says unconfirmed. Errors: printer_offline / cover_open / paper_end / printer_error (with whether nothing
// or part of the job printed), connection_closed, timeout, io_failed, job_unconfirmed.
Expected<JobReport> run_job(Transport& transport, std::span<const std::string> chunks, const JobOptions& options,
                            const JobEvents& events = {});

}  // namespace kofu::printer
