// kofu print: receipts on ESC/POS printers — profiles (the models kofu knows), render (a document to ESC/POS bytes
// and to the PNG the printer would print), send (a document to a printer, confirmed by the printer's status),
// status (what the printer says about itself) and test-page.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.hpp"
#include "io.hpp"
#include "printer/document.hpp"
#include "printer/errors.hpp"
#include "printer/font.hpp"
#include "printer/job.hpp"
#include "printer/layout.hpp"
#include "printer/printsim/interpreter.hpp"
#include "printer/profile.hpp"
#include "printer/transport.hpp"

namespace kofu::cli {
namespace {

using printer::PrinterErrc;

// Exit code of kofu print beyond the shared ones: the printer could not be reached, is not ready, stopped in the
// middle of the job or never confirmed it.
constexpr int kExitDevice = 3;

struct PrintArgs {
  std::string document;
  std::string profile;
  std::string png;
  std::string escpos;
  std::string to;
  std::string font;
  bool native_text = false;
  bool json = false;
  double timeout_seconds = 3;
  double pause_seconds = 60;
  double finish_seconds = 60;
};

int fail(const char* command, const Error& error) {
  std::cerr << "kofu print " << command << ": " << error.message() << '\n';
  if (error.code().category() != printer::printer_category()) return kExitInvalid;
  switch (static_cast<PrinterErrc>(error.code().value())) {
    case PrinterErrc::bad_document:
    case PrinterErrc::does_not_fit:
    case PrinterErrc::missing_glyph:
    case PrinterErrc::bad_image: return kExitInvalid;
    case PrinterErrc::unknown_profile:
    case PrinterErrc::bad_address:
    case PrinterErrc::font_unavailable: return kExitUsage;
    default: return kExitDevice;
  }
}

std::chrono::milliseconds millis(double seconds) {
  return std::chrono::milliseconds(static_cast<long>(seconds * 1000));
}

Expected<printer::Font> open_font(const PrintArgs& args) {
  if (args.font.empty()) return printer::Font::open_default();
  return printer::Font::open(args.font);
}

// The profile: --profile, else the document's own, else the first built-in one.
Expected<const printer::Profile*> choose_profile(const PrintArgs& args, const printer::Document& document) {
  if (!args.profile.empty()) return printer::find_profile(args.profile);
  if (document.profile) return printer::find_profile(*document.profile);
  return &printer::profiles().front();
}

nlohmann::ordered_json describe_job(const printer::PrintJob& job, const printer::Profile& profile) {
  nlohmann::ordered_json out;
  out["profile"] = profile.name;
  out["bytes"] = job.bytes();
  out["chunks"] = job.chunks.size();
  out["paper_mm"] = std::round(job.paper_dots / profile.dots_per_mm() * 10) / 10;
  out["print_seconds"] = std::round(job.print_seconds(profile) * 100) / 100;
  out["qr_codes"] = nlohmann::ordered_json::array();
  for (const printer::PlacedQr& qr : job.qr_codes) {
    out["qr_codes"].push_back({{"block", qr.block},
                               {"symbols", qr.symbols},
                               {"version", qr.version},
                               {"module_dots", qr.module_dots},
                               {"native", qr.native}});
  }
  return out;
}

struct Composed {
  printer::Font font;
  const printer::Profile* profile = nullptr;
  printer::PrintJob job;
};

Expected<Composed> compose_file(const PrintArgs& args) {
  auto document = printer::load_document(args.document);
  if (!document) return unexpected(document.error());
  if (args.native_text) document->native_text = true;
  auto profile = choose_profile(args, *document);
  if (!profile) return unexpected(profile.error());
  auto font = open_font(args);
  if (!font) return unexpected(font.error());
  auto job = printer::compose(*document, **profile, *font);
  if (!job) return unexpected(job.error());
  return Composed{std::move(*font), *profile, std::move(*job)};
}

// The pages the printer would print, through kofu-printsim's interpreter: the PNG shows what the bytes say,
// not what layout meant. One page is OUT.png; more are OUT.png, OUT-2.png, …
Expected<std::vector<std::string>> write_pages(const Composed& composed, const std::string& png) {
  printsim::Interpreter interpreter(*composed.profile, &composed.font);
  interpreter.receive(composed.job.joined());
  interpreter.finish("end of input");
  std::vector<std::string> written;
  const std::filesystem::path base(png);
  for (const printsim::Page& page : interpreter.take_pages()) {
    std::filesystem::path path = base;
    if (!written.empty()) {
      path = base.parent_path() /
             (base.stem().string() + "-" + std::to_string(written.size() + 1) + base.extension().string());
    }
    if (auto ok = printer::write_png(page.bitmap, path); !ok) return unexpected(ok.error());
    written.push_back(path.string());
  }
  return written;
}

int render(const PrintArgs& args) {
  auto composed = compose_file(args);
  if (!composed) return fail("render", composed.error());
  if (!args.escpos.empty()) {
    if (auto ok = write_output(args.escpos, composed->job.joined()); !ok) {
      std::cerr << "kofu print render: " << ok.error() << '\n';
      return kExitUsage;
    }
  }
  nlohmann::ordered_json out = describe_job(composed->job, *composed->profile);
  if (!args.png.empty()) {
    auto pages = write_pages(*composed, args.png);
    if (!pages) return fail("render", pages.error());
    out["png"] = *pages;
  }
  std::cout << out.dump(2) << '\n';
  return kExitOk;
}

void print_event(std::string_view event) {
  std::cerr << "kofu print: " << event << '\n';
}

int send_job(const char* command, const PrintArgs& args, const Composed& composed) {
  auto transport = printer::open_transport(args.to, millis(args.timeout_seconds));
  if (!transport) return fail(command, transport.error());
  printer::JobOptions options;
  options.answer_timeout = millis(args.timeout_seconds);
  options.pause_timeout = millis(args.pause_seconds);
  options.finish_timeout = millis(args.finish_seconds);
  auto report = printer::run_job(**transport, composed.job.chunks, options, print_event);
  if (!report) return fail(command, report.error());
  nlohmann::ordered_json out = describe_job(composed.job, *composed.profile);
  out["to"] = (*transport)->describe();
  out["printed"] = report->confirmed;
  out["status"] = report->status.describe();
  out["pauses"] = report->pauses;
  std::cout << out.dump(2) << '\n';
  return report->confirmed ? kExitOk : kExitDevice;
}

// --profile auto: the printer says which profile fits it (GS I 110 and 2).
Expected<std::string> asked_profile(const PrintArgs& args) {
  auto transport = printer::open_transport(args.to, millis(args.timeout_seconds));
  if (!transport) return unexpected(transport.error());
  auto profile = printer::identify_profile(**transport, millis(args.timeout_seconds));
  if (!profile) return unexpected(profile.error());
  std::cerr << "kofu print: the printer answers as " << (*profile)->name << '\n';
  return std::string((*profile)->name);
}

int send(PrintArgs args) {
  if (args.profile == "auto") {
    auto name = asked_profile(args);
    if (!name) return fail("send", name.error());
    args.profile = *name;
  }
  auto composed = compose_file(args);
  if (!composed) return fail("send", composed.error());
  return send_job("send", args, *composed);
}

int status(const PrintArgs& args) {
  auto transport = printer::open_transport(args.to, millis(args.timeout_seconds));
  if (!transport) return fail("status", transport.error());
  auto now = printer::query_status(**transport, millis(args.timeout_seconds));
  if (!now) return fail("status", now.error());
  if (args.json) {
    nlohmann::ordered_json out;
    out["to"] = (*transport)->describe();
    out["ready"] = now->ready();
    out["offline"] = now->offline;
    out["cover_open"] = now->cover_open;
    out["paper_near_end"] = now->paper_near_end;
    out["paper_end"] = now->paper_end;
    out["cutter_error"] = now->cutter_error;
    out["mechanical_error"] = now->mechanical_error;
    out["unrecoverable_error"] = now->unrecoverable_error;
    out["auto_recoverable_error"] = now->auto_recoverable_error;
    std::cout << out.dump(2) << '\n';
  } else {
    std::cout << (*transport)->describe() << ": " << now->describe() << (now->paper_near_end ? " (paper near end)" : "")
              << '\n';
  }
  return now->ready() ? kExitOk : kExitDevice;
}

// A page that shows what the printer can do: its profile, Japanese text, a rule, a table and a QR code.
printer::Document test_page(const printer::Profile& profile) {
  using namespace printer;
  Document page;
  page.blocks.emplace_back(TextBlock{"kofu テストページ", 2, true, Align::center});
  page.blocks.emplace_back(
      TextBlock{std::string(profile.name) + " — " + std::string(profile.models), 1, false, Align::center});
  page.blocks.emplace_back(RuleBlock{});
  page.blocks.emplace_back(TextBlock{"予防接種済証・お薬手帳の印刷確認。髙橋 﨑 𠮷野家", 1, false, Align::left});
  page.blocks.emplace_back(
      ColumnsBlock{{{"解像度", 0.4, Align::left}, {std::to_string(profile.dpi) + " dpi", 0, Align::right}}, 1, false});
  page.blocks.emplace_back(ColumnsBlock{
      {{"印字幅", 0.4, Align::left}, {std::to_string(profile.width_dots) + " dots", 0, Align::right}}, 1, false});
  page.blocks.emplace_back(SpaceBlock{3});
  QrBlock qr;
  qr.segments = segments_for("kofu test page " + std::string(profile.name));
  qr.native = QrBlock::Native::never;
  qr.caption = "このQRコードが読めれば印刷は正常です";
  page.blocks.emplace_back(std::move(qr));
  page.blocks.emplace_back(CutBlock{});
  return page;
}

int print_test_page(PrintArgs args) {
  if (args.profile == "auto") {
    auto name = asked_profile(args);
    if (!name) return fail("test-page", name.error());
    args.profile = *name;
  }
  auto profile =
      printer::find_profile(args.profile.empty() ? std::string(printer::profiles().front().name) : args.profile);
  if (!profile) return fail("test-page", profile.error());
  auto font = open_font(args);
  if (!font) return fail("test-page", font.error());
  auto job = printer::compose(test_page(**profile), **profile, *font);
  if (!job) return fail("test-page", job.error());
  const Composed composed{std::move(*font), *profile, std::move(*job)};
  if (args.to.empty()) {
    std::cerr << "kofu print test-page: --to is required\n";
    return kExitUsage;
  }
  return send_job("test-page", args, composed);
}

int list_profiles() {
  for (const printer::Profile& profile : printer::profiles()) {
    std::cout << profile.name << "\t" << profile.dpi << " dpi, " << profile.width_dots << " dots, " << profile.paper_mm
              << " mm" << (profile.kanji ? ", Kanji font" : "") << (profile.native_qr ? ", GS ( k QR" : "") << "\t"
              << profile.models << '\n';
  }
  return kExitOk;
}

void add_profile_option(CLI::App* command, PrintArgs& args, bool can_ask) {
  command->add_option("--profile", args.profile,
                      can_ask ? "Printer profile (kofu print profiles), or auto: ask the printer (GS I 110 and 2; "
                                "Epson documents 110 for some models only); default: the document's, else tm-t88"
                              : "Printer profile (kofu print profiles; default: the document's, else tm-t88)");
  command->add_option("--font", args.font,
                      "Font file for text (default: $KOFU_FONT, else Noto Sans CJK JP from fonts-noto-cjk)");
  command->add_flag("--native-text", args.native_text,
                    "Print text in the printer's Kanji font (FS C 1, Shift_JIS) where the profile has one and every "
                    "character has a Shift_JIS code");
}

void add_printer_options(CLI::App* command, PrintArgs& args) {
  command
      ->add_option("--to", args.to,
                   "The printer: tcp://HOST[:PORT] (port 9100 by default), /dev/usb/lp0, serial:/dev/ttyUSB0"
                   "[?115200,8N1,rtscts] or file:PATH")
      ->required();
  command->add_option("--timeout", args.timeout_seconds, "Seconds to connect and for each status answer (default 3)")
      ->check(CLI::Range(0.1, 600.0));
}

void add_job_options(CLI::App* command, PrintArgs& args) {
  command
      ->add_option("--pause-timeout", args.pause_seconds,
                   "Seconds to wait for a printer stopped by an open cover or offline (default 60)")
      ->check(CLI::Range(0.0, 3600.0));
  command
      ->add_option("--finish-timeout", args.finish_seconds,
                   "Seconds from the last byte sent to the printer's end-of-job answer (default 60)")
      ->check(CLI::Range(0.1, 3600.0));
}

constexpr const char* kJobFooter =
    "Prints JSON: profile, bytes, chunks, paper_mm, print_seconds, qr_codes, to, printed, status, pauses. Events go "
    "to stderr. Exit status: 0 printed (confirmed by the printer), 1 invalid document, 2 usage error, 3 the printer "
    "could not be reached, was not ready, stopped during the job (nothing or only part of it printed: the message "
    "says which) or did not confirm it.";

}  // namespace

void add_print_command(CLI::App& app, Action& action) {
  static PrintArgs args;
  CLI::App* print = app.add_subcommand("print", "Receipts on ESC/POS printers: render, send, status, test page");
  print->require_subcommand(1);

  CLI::App* list = print->add_subcommand("profiles", "List the printer profiles: name, resolution, width, models");
  list->callback([&action] { action = [] { return list_profiles(); }; });

  CLI::App* draw = print->add_subcommand(
      "render", "Lay out a document (docs/print-document.md) for a profile: ESC/POS bytes and the PNG it prints");
  draw->add_option("document", args.document, "The document, JSON")->required();
  add_profile_option(draw, args, false);
  draw->add_option("--png", args.png, "Write the printed page as PNG (more pages: OUT-2.png, …)");
  draw->add_option("--escpos", args.escpos, "Write the ESC/POS bytes (- for stdout)");
  draw->footer(
      "Prints JSON: profile, bytes, chunks, paper_mm, print_seconds, qr_codes (block, symbols, version, module_dots, "
      "native) and png. Exit status: 0 rendered, 1 invalid document (or it does not fit), 2 usage error.");
  draw->callback([&action] { action = [] { return render(args); }; });

  CLI::App* out = print->add_subcommand("send", "Print a document and wait for the printer to confirm it");
  out->add_option("document", args.document, "The document, JSON")->required();
  add_profile_option(out, args, true);
  add_printer_options(out, args);
  add_job_options(out, args);
  out->footer(kJobFooter);
  out->callback([&action] { action = [] { return send(args); }; });

  CLI::App* ask = print->add_subcommand("status", "Ask the printer its status (DLE EOT 1-4)");
  add_printer_options(ask, args);
  ask->add_flag("--json", args.json, "Print JSON instead of text");
  ask->footer("Exit status: 0 ready, 2 usage error, 3 not ready or not answering.");
  ask->callback([&action] { action = [] { return status(args); }; });

  CLI::App* test = print->add_subcommand("test-page", "Print a test page: profile, Japanese text, a table, a QR code");
  add_profile_option(test, args, true);
  add_printer_options(test, args);
  add_job_options(test, args);
  test->footer(kJobFooter);
  test->callback([&action] { action = [] { return print_test_page(args); }; });
}

}  // namespace kofu::cli
