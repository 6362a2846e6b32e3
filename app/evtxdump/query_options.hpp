// The query of evtxdump's --filter, --xpath or --query.
#pragma once

#include "evtx/query/query.hpp"

#include <optional>
#include <string>

namespace evtxdump {

// The query of --filter / --xpath / --query (a match-all query when none is
// given), or nullopt with `message` set: the error with its position.
std::optional<evtx::Query> queryFromOptions(const std::string& filter, const std::string& xpath,
                                            const std::string& queryFile, std::string& message);

} // namespace evtxdump
