// JSON form of a JAHIS TC notebook (docs/jahis-json.md).
#pragma once

#include "error/expected.hpp"
#include "jahis/record_json.hpp"
#include "jahis/tc_model.hpp"

namespace kofu::jahis::tc {

Json to_json(const Notebook& notebook);
Expected<Notebook, JsonError> notebook_from_json(const Json& json);

}  // namespace kofu::jahis::tc
