#include "vaccination/countries.hpp"

#include <algorithm>
#include <array>

namespace kofu::vaccination {
namespace {

struct Country {
  std::string_view alpha2;
  std::string_view alpha3;
};

// ISO 3166-1 officially assigned codes (249), sorted by alpha-2.
constexpr std::array<Country, 249> kCountries{{
    {"AD", "AND"}, {"AE", "ARE"}, {"AF", "AFG"}, {"AG", "ATG"}, {"AI", "AIA"}, {"AL", "ALB"}, {"AM", "ARM"},
    {"AO", "AGO"}, {"AQ", "ATA"}, {"AR", "ARG"}, {"AS", "ASM"}, {"AT", "AUT"}, {"AU", "AUS"}, {"AW", "ABW"},
    {"AX", "ALA"}, {"AZ", "AZE"}, {"BA", "BIH"}, {"BB", "BRB"}, {"BD", "BGD"}, {"BE", "BEL"}, {"BF", "BFA"},
    {"BG", "BGR"}, {"BH", "BHR"}, {"BI", "BDI"}, {"BJ", "BEN"}, {"BL", "BLM"}, {"BM", "BMU"}, {"BN", "BRN"},
    {"BO", "BOL"}, {"BQ", "BES"}, {"BR", "BRA"}, {"BS", "BHS"}, {"BT", "BTN"}, {"BV", "BVT"}, {"BW", "BWA"},
    {"BY", "BLR"}, {"BZ", "BLZ"}, {"CA", "CAN"}, {"CC", "CCK"}, {"CD", "COD"}, {"CF", "CAF"}, {"CG", "COG"},
    {"CH", "CHE"}, {"CI", "CIV"}, {"CK", "COK"}, {"CL", "CHL"}, {"CM", "CMR"}, {"CN", "CHN"}, {"CO", "COL"},
    {"CR", "CRI"}, {"CU", "CUB"}, {"CV", "CPV"}, {"CW", "CUW"}, {"CX", "CXR"}, {"CY", "CYP"}, {"CZ", "CZE"},
    {"DE", "DEU"}, {"DJ", "DJI"}, {"DK", "DNK"}, {"DM", "DMA"}, {"DO", "DOM"}, {"DZ", "DZA"}, {"EC", "ECU"},
    {"EE", "EST"}, {"EG", "EGY"}, {"EH", "ESH"}, {"ER", "ERI"}, {"ES", "ESP"}, {"ET", "ETH"}, {"FI", "FIN"},
    {"FJ", "FJI"}, {"FK", "FLK"}, {"FM", "FSM"}, {"FO", "FRO"}, {"FR", "FRA"}, {"GA", "GAB"}, {"GB", "GBR"},
    {"GD", "GRD"}, {"GE", "GEO"}, {"GF", "GUF"}, {"GG", "GGY"}, {"GH", "GHA"}, {"GI", "GIB"}, {"GL", "GRL"},
    {"GM", "GMB"}, {"GN", "GIN"}, {"GP", "GLP"}, {"GQ", "GNQ"}, {"GR", "GRC"}, {"GS", "SGS"}, {"GT", "GTM"},
    {"GU", "GUM"}, {"GW", "GNB"}, {"GY", "GUY"}, {"HK", "HKG"}, {"HM", "HMD"}, {"HN", "HND"}, {"HR", "HRV"},
    {"HT", "HTI"}, {"HU", "HUN"}, {"ID", "IDN"}, {"IE", "IRL"}, {"IL", "ISR"}, {"IM", "IMN"}, {"IN", "IND"},
    {"IO", "IOT"}, {"IQ", "IRQ"}, {"IR", "IRN"}, {"IS", "ISL"}, {"IT", "ITA"}, {"JE", "JEY"}, {"JM", "JAM"},
    {"JO", "JOR"}, {"JP", "JPN"}, {"KE", "KEN"}, {"KG", "KGZ"}, {"KH", "KHM"}, {"KI", "KIR"}, {"KM", "COM"},
    {"KN", "KNA"}, {"KP", "PRK"}, {"KR", "KOR"}, {"KW", "KWT"}, {"KY", "CYM"}, {"KZ", "KAZ"}, {"LA", "LAO"},
    {"LB", "LBN"}, {"LC", "LCA"}, {"LI", "LIE"}, {"LK", "LKA"}, {"LR", "LBR"}, {"LS", "LSO"}, {"LT", "LTU"},
    {"LU", "LUX"}, {"LV", "LVA"}, {"LY", "LBY"}, {"MA", "MAR"}, {"MC", "MCO"}, {"MD", "MDA"}, {"ME", "MNE"},
    {"MF", "MAF"}, {"MG", "MDG"}, {"MH", "MHL"}, {"MK", "MKD"}, {"ML", "MLI"}, {"MM", "MMR"}, {"MN", "MNG"},
    {"MO", "MAC"}, {"MP", "MNP"}, {"MQ", "MTQ"}, {"MR", "MRT"}, {"MS", "MSR"}, {"MT", "MLT"}, {"MU", "MUS"},
    {"MV", "MDV"}, {"MW", "MWI"}, {"MX", "MEX"}, {"MY", "MYS"}, {"MZ", "MOZ"}, {"NA", "NAM"}, {"NC", "NCL"},
    {"NE", "NER"}, {"NF", "NFK"}, {"NG", "NGA"}, {"NI", "NIC"}, {"NL", "NLD"}, {"NO", "NOR"}, {"NP", "NPL"},
    {"NR", "NRU"}, {"NU", "NIU"}, {"NZ", "NZL"}, {"OM", "OMN"}, {"PA", "PAN"}, {"PE", "PER"}, {"PF", "PYF"},
    {"PG", "PNG"}, {"PH", "PHL"}, {"PK", "PAK"}, {"PL", "POL"}, {"PM", "SPM"}, {"PN", "PCN"}, {"PR", "PRI"},
    {"PS", "PSE"}, {"PT", "PRT"}, {"PW", "PLW"}, {"PY", "PRY"}, {"QA", "QAT"}, {"RE", "REU"}, {"RO", "ROU"},
    {"RS", "SRB"}, {"RU", "RUS"}, {"RW", "RWA"}, {"SA", "SAU"}, {"SB", "SLB"}, {"SC", "SYC"}, {"SD", "SDN"},
    {"SE", "SWE"}, {"SG", "SGP"}, {"SH", "SHN"}, {"SI", "SVN"}, {"SJ", "SJM"}, {"SK", "SVK"}, {"SL", "SLE"},
    {"SM", "SMR"}, {"SN", "SEN"}, {"SO", "SOM"}, {"SR", "SUR"}, {"SS", "SSD"}, {"ST", "STP"}, {"SV", "SLV"},
    {"SX", "SXM"}, {"SY", "SYR"}, {"SZ", "SWZ"}, {"TC", "TCA"}, {"TD", "TCD"}, {"TF", "ATF"}, {"TG", "TGO"},
    {"TH", "THA"}, {"TJ", "TJK"}, {"TK", "TKL"}, {"TL", "TLS"}, {"TM", "TKM"}, {"TN", "TUN"}, {"TO", "TON"},
    {"TR", "TUR"}, {"TT", "TTO"}, {"TV", "TUV"}, {"TW", "TWN"}, {"TZ", "TZA"}, {"UA", "UKR"}, {"UG", "UGA"},
    {"UM", "UMI"}, {"US", "USA"}, {"UY", "URY"}, {"UZ", "UZB"}, {"VA", "VAT"}, {"VC", "VCT"}, {"VE", "VEN"},
    {"VG", "VGB"}, {"VI", "VIR"}, {"VN", "VNM"}, {"VU", "VUT"}, {"WF", "WLF"}, {"WS", "WSM"}, {"YE", "YEM"},
    {"YT", "MYT"}, {"ZA", "ZAF"}, {"ZM", "ZMB"}, {"ZW", "ZWE"},
}};

// ICAO Doc 9303 Part 3 nationality codes outside ISO 3166-1 that a passport or travel document may carry.
constexpr std::array<std::string_view, 14> kTravelDocumentCodes{
    "XXA", "XXB", "XXC", "XXX",         // stateless, refugee (1951 convention), refugee (other), unspecified
    "GBD", "GBN", "GBO", "GBP", "GBS",  // British nationality classes
    "UNO", "UNA", "UNK",                // United Nations staff, specialised agencies, Kosovo (UNMIK)
    "EUE",                              // European Union
    "RKS",                              // Kosovo's own passports
};

}  // namespace

std::optional<std::string_view> alpha3_from_alpha2(std::string_view alpha2) {
  const auto it = std::lower_bound(kCountries.begin(), kCountries.end(), alpha2,
                                   [](const Country& c, std::string_view code) { return c.alpha2 < code; });
  if (it == kCountries.end() || it->alpha2 != alpha2) return std::nullopt;
  return it->alpha3;
}

bool is_nationality_code(std::string_view alpha3) {
  return std::any_of(kCountries.begin(), kCountries.end(), [alpha3](const Country& c) { return c.alpha3 == alpha3; }) ||
         std::find(kTravelDocumentCodes.begin(), kTravelDocumentCodes.end(), alpha3) != kTravelDocumentCodes.end();
}

}  // namespace kofu::vaccination
