// The two private-key operations the emulated cards perform with their RSA-2048 keys (mbedTLS, blinded): the JPKI
// COMPUTE DIGITAL SIGNATURE, which pads the DigestInfo itself, and the HPKI PSO, which takes a block the terminal
// padded.
#pragma once

#include <cstddef>
#include <string_view>

#include "error/expected.hpp"
#include "iso7816/apdu.hpp"
#include "pki/key_pair.hpp"

namespace kofu::cardsim {

inline constexpr std::size_t kRsaModulusBytes = 256;  // RSA-2048, as on the My Number and HPKI cards

// PKCS #1 v1.5 type-1 padding around `data` (a DigestInfo, at most 245 bytes), then the private operation.
Expected<iso7816::Bytes> sign_pkcs1_v15(const pki::KeyPair& key, std::string_view data);

// The private operation alone on a 256-byte block.
Expected<iso7816::Bytes> rsa_private_operation(const pki::KeyPair& key, std::string_view block);

}  // namespace kofu::cardsim
