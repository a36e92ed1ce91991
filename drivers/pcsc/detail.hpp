// Shared by the files of drivers/pcsc, not part of its interface: PC/SC results as kofu errors, and the reader list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "error/expected.hpp"

namespace kofu::pcsc::detail {

// "WHAT: the card was removed (SCARD_W_REMOVED_CARD)", with the kofu code of the result.
Error fail(long result, const std::string& what);

// The readers of a context, empty when there are none (SCardListReaders' multi-string, split).
Expected<std::vector<std::string>> list_readers(std::intptr_t context);

}  // namespace kofu::pcsc::detail
