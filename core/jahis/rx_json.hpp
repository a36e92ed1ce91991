// JSON form of a JAHIS Rx prescription (docs/jahis-json.md).
#pragma once

#include "error/expected.hpp"
#include "jahis/record_json.hpp"
#include "jahis/rx_model.hpp"

namespace kofu::jahis::rx {

Json to_json(const Prescription& prescription);
Expected<Prescription, JsonError> prescription_from_json(const Json& json);

}  // namespace kofu::jahis::rx
