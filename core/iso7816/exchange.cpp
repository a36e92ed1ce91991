#include "iso7816/exchange.hpp"

#include "iso7816/errors.hpp"
#include "secure/secret.hpp"

namespace kofu::iso7816 {
namespace {

Expected<Response> send(Transport& transport, const Command& command) {
  auto apdu = encode(command);
  if (!apdu) return unexpected(apdu.error());
  auto answer = transport.transmit(*apdu);
  if (!answer) return unexpected(answer.error());
  return parse_response(*answer);
}

}  // namespace

Expected<Response> exchange(Transport& transport, const Command& command) {
  auto response = send(transport, command);
  if (!response) return response;
  // 6C xx: wrong Le; the card says how many bytes it has. Resend once with that Le (00 means 256).
  if (response->sw1() == 0x6C) {
    Command again = command;
    again.le = response->sw2() == 0 ? kMaxShortLe : response->sw2();
    response = send(transport, again);
    if (!response) return response;
  }
  // 61 xx: xx more bytes (00: 256 or more) wait for GET RESPONSE; the data of each answer is appended.
  Bytes data = std::move(response->data);
  int rounds = 0;
  while (response->sw1() == 0x61) {
    if (++rounds > kMaxGetResponses) {
      return unexpected(
          Error(Iso7816Errc::short_response,
                "the card kept answering 61xx after " + std::to_string(kMaxGetResponses) + " GET RESPONSE commands"));
    }
    const std::size_t le = response->sw2() == 0 ? kMaxShortLe : response->sw2();
    response = send(transport, Command{0x00, 0xC0, 0x00, 0x00, {}, le});
    if (!response) return response;
    data += response->data;
  }
  response->data = std::move(data);
  return response;
}

Expected<Response> exchange_secret(Transport& transport, Command&& command) {
  auto apdu = encode(command);
  wipe(command.data);
  if (!apdu) return unexpected(apdu.error());
  auto answer = transport.transmit(*apdu);
  wipe(*apdu);
  if (!answer) return unexpected(answer.error());
  return parse_response(*answer);
}

}  // namespace kofu::iso7816
