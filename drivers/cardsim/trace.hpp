// The --trace line of one exchange, for stderr: the command header, what it carried, the status word. Only SELECT's
// file or application id is shown; other data only by its length, and VERIFY / CHANGE REFERENCE DATA as
// "PIN redacted". No response data is ever shown (the 券面事項入力補助AP answers with personal data).
#pragma once

#include <string>
#include <string_view>

namespace kofu::cardsim {

// "00A4040C D392F000260100000001 -> 9000", "00200080 (PIN redacted) -> 63C2", "00B00000 Le 256 -> 9000 (256 bytes)".
std::string trace_line(std::string_view command_apdu, std::string_view response_apdu);

}  // namespace kofu::cardsim
