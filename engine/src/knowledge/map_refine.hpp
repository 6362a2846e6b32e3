// EvtxECmd's Refine: a .NET regex whose whole match (every match, joined
// with " | ", case-insensitive) replaces the value. RE2 has no lookaround,
// so the forms the maps use are rewritten to keep the same text as the
// first capture group (FieldFormat::refine keeps its first group, else the
// whole match):
//   [^](?<=A)body(?=B)  ->  (?i)[^](?:A)(body)(?:B)   (either one optional)
//   plain patterns      ->  (?i)pattern with every group non-capturing
// Lookaround anywhere else, backreferences and what RE2 cannot compile are
// refused with a reason.
#pragma once

#include <string>
#include <string_view>

namespace evtx::knowledge {

bool convertRefine(std::string_view dotnet, std::string& re2, std::string& error);

} // namespace evtx::knowledge
