// The vaccine master arrives from the central server: any bytes are parsed into a master or a clear error, and a
// master that parses finds each of its own entries.
#include <cstdlib>
#include <string_view>

#include "vaccination/vaccine_master.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto master = kofu::vaccination::VaccineMaster::parse(text)) {
    for (const auto& vaccine : master->vaccines()) {
      if (master->find(vaccine.id) == nullptr || master->find_by_cvx(vaccine.cvx) == nullptr) std::abort();
    }
  }
  return 0;
}
