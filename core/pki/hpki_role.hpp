// The HPKI role attribute (hcRole): HPKI 証明書ポリシ (MHLW) after ISO 17090-3, carried in subjectDirectoryAttributes:
//   Attribute { type id-hcpki-at-healthcareactor, values SET OF HCActorData }, HCActorData ::= SET OF HCActor,
//   HCActor ::= SEQUENCE { codedData [0] EXPLICIT CodedData },
//   CodedData ::= SET { codingSchemeReference [0] EXPLICIT id-jhpki-cdata, codeDataFreeText [2] EXPLICIT UTF8String }
// (layout as one public implementation reads and writes it; docs/pki.md says how sure that is). Internal to core/pki.
#pragma once

#include <string_view>

namespace kofu::pki::hpki {

// OID contents octets. 1.0.17090.0.1 id-hcpki-at-healthcareactor.
inline constexpr std::string_view kHealthcareActorOid{"\x28\x81\x85\x42\x00\x01", 6};
// 1.2.392.100495.1.6.1.1 id-jhpki-cdata: the Japanese HPKI coding scheme of the role names.
inline constexpr std::string_view kJhpkiCodedDataOid{"\x2A\x83\x08\x86\x91\x0F\x01\x06\x01\x01", 10};

}  // namespace kofu::pki::hpki
