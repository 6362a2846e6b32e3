// Formatting shared by the integrity report's forms: printf to a string and
// the report's times.
#pragma once

#include <cstdint>
#include <string>

namespace evtx::check_text {

using ull = unsigned long long;

std::string fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));
// A FILETIME as the report writes it (UTC, 100 ns).
std::string timeText(uint64_t ticks);

} // namespace evtx::check_text
