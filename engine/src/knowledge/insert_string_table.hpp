// The "%%NNNN" Security message parameters (msobjs.dll) analysts meet,
// sorted by code. The UserAccountControl change strings %%2048..%%2111
// are built from the flag names instead (account_flags.cpp).
#pragma once

#include "decoder_support.hpp"

#include <span>

namespace evtx::knowledge::detail {

std::span<const CodeText> insertStringTable();

} // namespace evtx::knowledge::detail
