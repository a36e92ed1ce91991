// kofu jahis: decode, encode, split and merge the JAHIS QR payloads of the pharmacy counter.
#include <ctime>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "io.hpp"
#include "jahis/numbers.hpp"
#include "jahis/payload.hpp"
#include "jahis/rx_codec.hpp"
#include "jahis/rx_json.hpp"
#include "jahis/tc_codec.hpp"
#include "jahis/tc_json.hpp"
#include "jahis/tc_split.hpp"

namespace kofu::cli {
namespace {

using jahis::Format;
using jahis::InputEncoding;

struct DecodeArgs {
  std::string format = "auto";
  std::string encoding = "auto";
  bool strict = false;
  std::string input;
};

struct EncodeArgs {
  std::string input;
  std::string output = "-";
};

struct SplitArgs {
  std::size_t max_bytes = 0;
  std::string id;
  std::string prefix;
  std::string input;
};

struct MergeArgs {
  std::vector<std::string> inputs;
  std::string output = "-";
};

void print_problems(const jahis::Problems& problems, const std::string& source) {
  for (const auto& p : problems.list()) std::cerr << source << ": " << jahis::format(p, problems.strict()) << '\n';
}

int decode(const DecodeArgs& args) {
  auto bytes = read_input(args.input);
  if (!bytes) {
    std::cerr << "kofu jahis decode: " << bytes.error() << '\n';
    return kExitUsage;
  }
  const std::string source = args.input == "-" ? "<stdin>" : args.input;
  Format format = args.format == "tc" ? Format::tc : args.format == "rx" ? Format::rx : jahis::detect_format(*bytes);
  if (format == Format::unknown) {
    std::cerr << source
              << ": line 1: error: not a JAHIS payload: the first line is neither JAHISTCnn,k (お薬手帳) "
                 "nor JAHISnn (院外処方箋)\n";
    return kExitInvalid;
  }
  const InputEncoding encoding = args.encoding == "sjis"   ? InputEncoding::shift_jis
                                 : args.encoding == "utf8" ? InputEncoding::utf8
                                                           : InputEncoding::automatic;
  jahis::Json json;
  bool valid = false;
  if (format == Format::tc) {
    auto decoded = jahis::tc::decode(*bytes, {args.strict, encoding});
    json = jahis::tc::to_json(decoded.notebook);
    print_problems(decoded.problems, source);
    valid = decoded.valid();
  } else {
    auto decoded = jahis::rx::decode(*bytes, {args.strict, encoding});
    json = jahis::rx::to_json(decoded.prescription);
    print_problems(decoded.problems, source);
    valid = decoded.valid();
  }
  std::cout << json.dump(2) << '\n';
  return valid ? kExitOk : kExitInvalid;
}

int encode(const EncodeArgs& args) {
  auto text = read_input(args.input);
  if (!text) {
    std::cerr << "kofu jahis encode: " << text.error() << '\n';
    return kExitUsage;
  }
  const std::string source = args.input == "-" ? "<stdin>" : args.input;
  jahis::Json json;
  try {
    json = jahis::Json::parse(*text);
  } catch (const jahis::Json::parse_error& e) {
    std::cerr << source << ": error: not valid JSON: " << e.what() << '\n';  // says the byte and the line
    return kExitInvalid;
  }
  const std::string format = json.is_object() && json.contains("format") && json["format"].is_string()
                                 ? json["format"].get<std::string>()
                                 : std::string();
  jahis::Problems problems;
  std::string bytes;
  if (format == "tc") {
    auto notebook = jahis::tc::notebook_from_json(json);
    if (!notebook) {
      std::cerr << source << ": error: " << notebook.error().message() << '\n';
      return kExitInvalid;
    }
    auto encoded = jahis::tc::encode(*notebook);
    bytes = std::move(encoded.bytes);
    problems = std::move(encoded.problems);
  } else if (format == "rx") {
    auto prescription = jahis::rx::prescription_from_json(json);
    if (!prescription) {
      std::cerr << source << ": error: " << prescription.error().message() << '\n';
      return kExitInvalid;
    }
    auto encoded = jahis::rx::encode(*prescription);
    bytes = std::move(encoded.bytes);
    problems = std::move(encoded.problems);
  } else {
    std::cerr << source << ": $.format: error: expected \"tc\" or \"rx\"\n";
    return kExitInvalid;
  }
  print_problems(problems, source);
  if (problems.invalid()) {
    std::cerr << source << ": error: not encoded: the data has errors\n";
    return kExitInvalid;
  }
  if (auto written = write_output(args.output, bytes); !written) {
    std::cerr << "kofu jahis encode: " << written.error() << '\n';
    return kExitUsage;
  }
  return kExitOk;
}

std::string time_id() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y%m%d%H%M%S", &local);
  return buffer;
}

int split(const SplitArgs& args) {
  auto bytes = read_input(args.input);
  if (!bytes) {
    std::cerr << "kofu jahis split: " << bytes.error() << '\n';
    return kExitUsage;
  }
  const std::string source = args.input == "-" ? "<stdin>" : args.input;
  auto parts = jahis::tc::split(*bytes, {args.max_bytes, args.id.empty() ? time_id() : args.id});
  if (!parts) {
    std::cerr << source << ": error: " << parts.error() << '\n';
    return kExitInvalid;
  }
  std::string prefix = args.prefix;
  if (prefix.empty()) prefix = args.input == "-" ? "part" : std::filesystem::path(args.input).stem().string();
  for (std::size_t k = 0; k < parts->size(); ++k) {
    const std::string path = prefix + "-" + std::to_string(k + 1) + ".txt";
    if (auto written = write_output(path, (*parts)[k]); !written) {
      std::cerr << "kofu jahis split: " << written.error() << '\n';
      return kExitUsage;
    }
    std::cout << path << '\n';
  }
  return kExitOk;
}

int merge(const MergeArgs& args) {
  std::vector<std::string> contents;
  for (const auto& path : args.inputs) {
    auto bytes = read_input(path);
    if (!bytes) {
      std::cerr << "kofu jahis merge: " << bytes.error() << '\n';
      return kExitUsage;
    }
    contents.push_back(std::move(*bytes));
  }
  const std::vector<std::string_view> views(contents.begin(), contents.end());
  jahis::tc::Merged merged = jahis::tc::merge(views);
  for (const auto& p : merged.problems) {
    const std::string where = p.input < args.inputs.size() ? args.inputs[p.input] : std::string("kofu jahis merge");
    std::cerr << where << ": error: " << p.reason << '\n';
  }
  if (!merged.problems.empty()) return kExitInvalid;
  if (auto written = write_output(args.output, merged.payload); !written) {
    std::cerr << "kofu jahis merge: " << written.error() << '\n';
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

void add_jahis_command(CLI::App& app, Action& action) {
  CLI::App* jahis = app.add_subcommand("jahis", "JAHIS QR payloads: 院外処方箋 (Rx) and 電子版お薬手帳 (TC)");
  jahis->require_subcommand(1);

  auto decode_args = std::make_shared<DecodeArgs>();
  CLI::App* dec = jahis->add_subcommand("decode", "Decode a payload and print it as JSON (problems go to stderr)");
  dec->add_option("--format", decode_args->format, "tc, rx, or auto (from the version record)")
      ->check(CLI::IsMember({"auto", "tc", "rx"}))
      ->capture_default_str();
  dec->add_option("--encoding", decode_args->encoding, "sjis, utf8, or auto (UTF-8 when the bytes are valid UTF-8)")
      ->check(CLI::IsMember({"auto", "sjis", "utf8"}))
      ->capture_default_str();
  dec->add_flag("--strict", decode_args->strict,
                "Treat deviations common in real data (missing trailing fields, LF line ends, …) as errors");
  dec->add_option("FILE", decode_args->input, "The payload file, or - for standard input")->required();
  dec->footer("Exit status: 0 valid, 1 invalid input, 2 usage error.");
  dec->callback([&action, decode_args] { action = [decode_args] { return decode(*decode_args); }; });

  auto encode_args = std::make_shared<EncodeArgs>();
  CLI::App* enc = jahis->add_subcommand("encode", "Encode the JSON of `kofu jahis decode` as Shift_JIS with CR LF");
  enc->add_option("FILE", encode_args->input, "The JSON file, or - for standard input")->required();
  enc->add_option("-o,--output", encode_args->output, "Where to write the payload (- for standard output)")
      ->capture_default_str();
  enc->footer("Exit status: 0 written, 1 invalid data (nothing written), 2 usage error.");
  enc->callback([&action, encode_args] { action = [encode_args] { return encode(*encode_args); }; });

  auto split_args = std::make_shared<SplitArgs>();
  CLI::App* spl = jahis->add_subcommand("split", "Split a TC payload into parts with 分割制御 (911) records");
  spl->add_option("--max-bytes", split_args->max_bytes, "Most bytes a part may have")
      ->required()
      ->check(CLI::PositiveNumber);
  spl->add_option("--id", split_args->id, "データ固有ID, 14 digits (default: the local time, YYYYMMDDhhmmss)")
      ->check(CLI::Validator(
          [](const std::string& id) {
            return id.size() == 14 && jahis::all_digits(id) ? std::string() : "データ固有ID must be 14 digits";
          },
          "14 DIGITS"));
  spl->add_option("-o,--output-prefix", split_args->prefix,
                  "Parts are written as PREFIX-1.txt, PREFIX-2.txt, … "
                  "(default: the input's name without extension)");
  spl->add_option("FILE", split_args->input, "The payload file, or - for standard input")->required();
  spl->footer(
      "Prints the names of the files written. A payload that fits is written whole as PREFIX-1.txt.\n"
      "Exit status: 0 written, 1 the payload cannot be split (not TC, already a part, a record too long), 2 usage "
      "error.");
  spl->callback([&action, split_args] { action = [split_args] { return split(*split_args); }; });

  auto merge_args = std::make_shared<MergeArgs>();
  CLI::App* mer = jahis->add_subcommand("merge", "Join the parts of a split TC payload (any order)");
  mer->add_option("PART", merge_args->inputs, "The part files")->required();
  mer->add_option("-o,--output", merge_args->output, "Where to write the joined payload (- for standard output)")
      ->capture_default_str();
  mer->footer("Exit status: 0 joined, 1 missing, duplicated or foreign parts, 2 usage error.");
  mer->callback([&action, merge_args] { action = [merge_args] { return merge(*merge_args); }; });
}

}  // namespace kofu::cli
