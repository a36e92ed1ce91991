// How long each ESC/POS command is, read from its first bytes, so that the virtual printer can wait for a whole
// command, skip one it does not interpret, and find real-time commands. Lengths: ../shared/reference/
// escpos-scanners.md §1.2–1.7 and the Epson-compatible manuals it cites.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kofu::printsim {

struct Frame {
  enum class Kind {
    text,       // a byte of character data (≥ 0x20); two-byte characters are the interpreter's business
    control,    // a one-byte control code: LF, CR, HT, FF, CAN, NUL, …
    real_time,  // DLE EOT, DLE ENQ, DLE DC4: executed at arrival, skipped in the stream
    command,    // an ESC, GS or FS command of known length
    unknown,    // an ESC, GS or FS command nobody here knows: skipped as 2 bytes
  };
  Kind kind = Kind::text;
  std::uint64_t length = 1;  // header and data; may exceed what has arrived (a large raster)
};

// The command at the start of `bytes`, or nullopt when more bytes are needed to know its length (never for more
// than a few kilobytes: variable-length headers are bounded).
std::optional<Frame> frame_command(std::string_view bytes);

// A real-time command (10 04 n, 10 05 n, 10 14 fn …) at the start of `bytes`: its length, 0 when `bytes` is no
// real-time command, nullopt when more bytes are needed to tell.
std::optional<std::size_t> real_time_length(std::string_view bytes);

}  // namespace kofu::printsim
