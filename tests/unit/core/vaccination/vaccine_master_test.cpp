// The vaccine master: the real data file of the source tree, and each way a master can be malformed.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "testdata.hpp"
#include "vaccination/errors.hpp"
#include "vaccination/vaccine_master.hpp"

using namespace kofu::vaccination;
using Json = nlohmann::json;

namespace {

// The CDC CVX codes of SARS-CoV-2 vaccines: the children of 213 in the CVX table (export of 2025).
const std::set<std::string> kCovidCvx{
    "207", "208", "210", "211", "212", "213", "217", "218", "219", "221", "225", "226", "227", "228", "229", "230",
    "300", "301", "302", "308", "309", "310", "311", "312", "313", "334", "500", "501", "502", "503", "504", "505",
    "506", "507", "508", "509", "510", "511", "512", "513", "514", "515", "516", "517", "518", "519", "520", "521"};

std::string real_master_text() {
  return kofu::test::read_file(std::filesystem::path(KOFU_SOURCE_DIR) / "data" / "masters" / "vaccines.json");
}

Json entry(const std::string& id) {
  return {{"id", id},
          {"disease", "HPV"},
          {"name_ja", "シルガード9水性懸濁筋注シリンジ"},
          {"name_en", "Silgard 9"},
          {"manufacturer_ja", "MSD"},
          {"manufacturer_en", "MSD"},
          {"cvx", "165"}};
}

Json master_json(Json vaccines) {
  return {{"master", "vaccines"},
          {"version", "2026.11.1"},
          {"updated", "2026-11-21"},
          {"sources", Json::array({"CDC CVX"})},
          {"vaccines", std::move(vaccines)}};
}

// A master of four valid entries whose last one, "hpv9" at vaccines[3], gets `key` set to `value` (or removed
// when `value` is null).
std::string master_with_last(const std::string& key, const Json& value) {
  Json last = entry("hpv9");
  if (value.is_null()) {
    last.erase(key);
  } else {
    last[key] = value;
  }
  return master_json(Json::array({entry("a"), entry("b"), entry("c"), last})).dump();
}

std::string error_of(const std::string& text) {
  const auto master = VaccineMaster::parse(text);
  REQUIRE_FALSE(master);
  CHECK(master.error().code() == VaccinationErrc::bad_master);
  return master.error().message();
}

}  // namespace

TEST_SUITE("vaccination.master") {
  TEST_CASE("vaccine master: the data file parses, with unique slug ids and every code well-formed") {
    const auto master = VaccineMaster::parse(real_master_text());
    REQUIRE_MESSAGE(master, (master ? "" : master.error().message()));
    CHECK(master->version() == "2026.11.1");
    CHECK(master->vaccines().size() >= 50);
    std::set<std::string> ids;
    for (const Vaccine& v : master->vaccines()) {
      CAPTURE(v.id);
      CHECK(ids.insert(v.id).second);
      CHECK_FALSE(v.diseases.empty());
      CHECK_FALSE(v.name_ja.empty());
      CHECK_FALSE(v.manufacturer_en.empty());
      CHECK(master->find(v.id) == &v);
    }
  }

  TEST_CASE("vaccine master: every COVID-19 entry has a COVID-19 CVX code, and no other entry has one") {
    const auto master = VaccineMaster::parse(real_master_text());
    REQUIRE(master);
    int covid = 0;
    for (const Vaccine& v : master->vaccines()) {
      CAPTURE(v.id);
      CHECK(v.targets("COVID-19") == (kCovidCvx.count(v.cvx) == 1));
      if (v.targets("COVID-19")) ++covid;
    }
    CHECK(covid >= 20);
  }

  TEST_CASE("vaccine master: products and the codes their sources give") {
    const auto master = VaccineMaster::parse(real_master_text());
    REQUIRE(master);
    const Vaccine* comirnaty = master->find("comirnaty");
    REQUIRE(comirnaty);
    CHECK(comirnaty->cvx == "208");
    CHECK(comirnaty->hot9 == "182110901");  // JP Core example
    CHECK(comirnaty->yj == "631341DA1025");
    CHECK_FALSE(comirnaty->hot13);
    CHECK(comirnaty->manufacturer_ja == "ファイザー");

    const Vaccine* flu = master->find("influenza-ha-daiichisankyo-4v");
    REQUIRE(flu);
    CHECK(flu->hot13 == "1820201040101");
    CHECK(flu->targets("Influenza"));

    const Vaccine* mr = master->find("mearubik");
    REQUIRE(mr);
    CHECK(mr->cvx == "04");  // measles-rubella, not MMR (03)
    CHECK(mr->targets("Measles"));
    CHECK(mr->targets("Rubella"));
    CHECK_FALSE(mr->targets("Mumps"));

    const Vaccine* by_cvx = master->find_by_cvx("165");
    REQUIRE(by_cvx);
    CHECK(by_cvx->id == "silgard9");
    CHECK(master->find_by_cvx("208") == comirnaty);
    CHECK(master->find_by_cvx("999") == nullptr);
    CHECK(master->find("no-such-vaccine") == nullptr);
    for (const char* id :
         {"spikevax", "nuvaxovid",       "vaxzevria",  "jcovden",    "daichirona-jn1", "kostaive-jn1", "cervarix",
          "gardasil", "pneumovax-np",    "prevenar13", "prevenar20", "vaxneuvance",    "acthib",       "gobik",
          "bcg",      "varicella-biken", "jebik-v",    "bimmugen",   "rotarix",        "mumps-takeda"}) {
      CHECK_MESSAGE(master->find(id), id);
    }
  }

  TEST_CASE("vaccine master: a minimal master, disease lists, optional codes and unknown keys") {
    Json combined = entry("gobik");
    combined["disease"] = Json::array({"Diphtheria", "Pertussis", "Tetanus", "Polio", "Hib"});
    combined["cvx"] = "170";
    combined["yj"] = "636140FG1020";
    combined["notes"] = Json::array({"CVX 170 chosen by composition."});
    combined["added_in_a_later_version"] = true;
    Json flu = entry("flu");
    flu["hot9"] = "182020104";
    flu["hot13"] = "1820201040101";
    flu["hot9"] = nullptr;  // null is the same as absent
    Json text = master_json(Json::array({combined, flu}));
    text["publisher"] = "kofu-central";
    const auto master = VaccineMaster::parse(text.dump());
    REQUIRE_MESSAGE(master, (master ? "" : master.error().message()));
    const Vaccine* gobik = master->find("gobik");
    REQUIRE(gobik);
    CHECK(gobik->diseases.size() == 5);
    CHECK(gobik->targets("Hib"));
    CHECK(gobik->yj == "636140FG1020");
    CHECK(gobik->notes.size() == 1);
    CHECK_FALSE(master->find("flu")->hot9);
    CHECK(master->find("flu")->hot13 == "1820201040101");
    CHECK(master->updated() == CivilDate{2026, 11, 21});
  }

  TEST_CASE("vaccine master: errors of the whole file") {
    CHECK(error_of("{\"master\": ").starts_with("vaccine master: not valid JSON: "));
    CHECK(error_of(std::string(10000, '[') + std::string(10000, ']')) ==
          "vaccine master: not valid JSON: nested deeper than 32 levels");
    CHECK(error_of("{\"master\": 1" + std::string(400, '0') + "}").find("number overflow") != std::string::npos);
    CHECK(error_of("[]") == "vaccine master: expected a JSON object, found array");
    Json j = master_json(Json::array({entry("a")}));
    j["master"] = "drugs";
    CHECK(error_of(j.dump()) == "vaccine master: master is \"drugs\", expected \"vaccines\"");
    j = master_json(Json::array({entry("a")}));
    j.erase("version");
    CHECK(error_of(j.dump()) == "vaccine master: version is missing");
    j["version"] = "2026-11";
    CHECK(error_of(j.dump()) ==
          "vaccine master: version \"2026-11\" is not numbers separated by dots (e.g. 2026.11.1)");
    j["version"] = 3;
    CHECK(error_of(j.dump()) == "vaccine master: version is not a string but number");
    j["version"] = "3";
    j["updated"] = "2026-02-30";
    CHECK(error_of(j.dump()) == "vaccine master: updated \"2026-02-30\" is not a date (YYYY-MM-DD)");
    j["updated"] = "2026-02-28";
    j.erase("sources");
    CHECK(error_of(j.dump()) == "vaccine master: sources is missing");
    j["sources"] = Json::array({"CDC", ""});
    CHECK(error_of(j.dump()) == "vaccine master: sources[1] is empty");
    j["sources"] = Json::array();
    j["vaccines"] = Json::array();
    CHECK(error_of(j.dump()) == "vaccine master: vaccines is an empty list");
    j["vaccines"] = Json::array({entry("a"), 7});
    CHECK(error_of(j.dump()) == "vaccine master: vaccines[1] is not an object but number");
  }

  TEST_CASE("vaccine master: each entry error names the entry and the field") {
    const std::string at = "vaccine master: vaccines[3] (\"hpv9\"): ";
    CHECK(error_of(master_with_last("cvx", "16x")) == at + "cvx \"16x\" is not a CVX code (2 or 3 digits)");
    CHECK(error_of(master_with_last("cvx", "1650")) == at + "cvx \"1650\" is not a CVX code (2 or 3 digits)");
    CHECK(error_of(master_with_last("cvx", 165)) == at + "cvx is not a string but number");
    CHECK(error_of(master_with_last("cvx", nullptr)) == at + "cvx is missing");
    CHECK(error_of(master_with_last("name_ja", "")) == at + "name_ja is empty");
    CHECK(error_of(master_with_last("name_en", nullptr)) == at + "name_en is missing");
    CHECK(error_of(master_with_last("manufacturer_ja", "")) == at + "manufacturer_ja is empty");
    CHECK(error_of(master_with_last("manufacturer_en", false)) == at + "manufacturer_en is not a string but boolean");
    CHECK(error_of(master_with_last("disease", nullptr)) == at + "disease is missing");
    CHECK(error_of(master_with_last("disease", "")) == at + "disease is empty");
    CHECK(error_of(master_with_last("disease", Json::array())) == at + "disease is an empty list");
    CHECK(error_of(master_with_last("disease", Json::array({"HPV", 9}))) ==
          at + "disease[1] is not a string but number");
    CHECK(error_of(master_with_last("hot9", "18211090")) == at + "hot9 \"18211090\" is not a HOT9 code (9 digits)");
    CHECK(error_of(master_with_last("hot13", "182110901010A")) ==
          at + "hot13 \"182110901010A\" is not a HOT13 code (13 digits)");
    CHECK(error_of(master_with_last("yj", "631341cg1023")) ==
          at + "yj \"631341cg1023\" is not a YJ code (12 characters: digits and capital letters)");
    CHECK(error_of(master_with_last("yj", "A31341CG1023")) ==
          at + "yj \"A31341CG1023\" is not a YJ code (12 characters: digits and capital letters)");
    CHECK(error_of(master_with_last("notes", "one note")) == at + "notes is not a list but string");

    Json both = entry("hpv9");
    both["hot9"] = "182110901";
    both["hot13"] = "1820201040101";
    CHECK(error_of(master_json(Json::array({entry("a"), entry("b"), entry("c"), both})).dump()) ==
          at + "hot13 \"1820201040101\" does not extend hot9 \"182110901\"");
  }

  TEST_CASE("vaccine master: ids are required slugs, used once") {
    CHECK(error_of(master_with_last("id", nullptr)) == "vaccine master: vaccines[3]: id is missing");
    for (const char* bad : {"HPV9", "hpv_9", "-hpv9", "hpv9-", "hpv--9", "", "ワクチン"}) {
      CAPTURE(bad);
      CHECK(error_of(master_with_last("id", bad)) ==
            "vaccine master: vaccines[3]: id \"" + std::string(bad) +
                "\" is not a slug (lowercase letters, digits and single hyphens, at most 64)");
    }
    CHECK(error_of(master_with_last("id", std::string(65, 'a'))).find("is not a slug") != std::string::npos);
    CHECK(error_of(master_with_last("id", "b")) ==
          "vaccine master: vaccines[3] (\"b\"): id is already used by vaccines[1]");
  }

  TEST_CASE("vaccine master: the error category names the module") {
    const std::error_code code = VaccinationErrc::unknown_vaccine;
    CHECK(std::string(code.category().name()) == "kofu.vaccination");
    CHECK(code.message() == "a dose names a vaccine that is not in the vaccine master");
    CHECK(make_error_code(VaccinationErrc::bad_master).message() == "the vaccine master is not valid");
  }
}
