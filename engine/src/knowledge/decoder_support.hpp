// Helpers shared by the value decoders: tolerant number parsing, code
// tables and flag masks, and the decoder functions the registry lists.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace evtx::knowledge::detail {

// One entry of a code table: a value (or a flag bit) and its text.
struct CodeText {
    uint64_t code;
    std::string_view text;
};

std::string_view trimmed(std::string_view text);
bool equalsIgnoringCase(std::string_view a, std::string_view b);

// "0x1F4", "0X1f4" (hex) or "500" (decimal), surrounding whitespace allowed;
// nothing for anything else, including values that overflow 64 bits.
std::optional<uint64_t> parseNumber(std::string_view raw);
std::optional<uint64_t> parseHex(std::string_view digits);
std::string hexText(uint64_t value); // "0x1f4"

// The text of `code` in `table` (a linear scan: tables are small and only
// read on demand), or "".
std::string_view textOf(std::span<const CodeText> table, uint64_t code);
// The texts of the flags set in `mask`, ", "-joined in table order; bits no
// entry names are added as "other bits 0x..". "" when nothing is named.
std::string flagNames(std::span<const CodeText> flags, uint64_t mask);
std::string joined(const std::vector<std::string>& parts, std::string_view separator);

// The numbers of every "%%NNNN" in `text`, in order.
std::vector<unsigned> insertStringCodes(std::string_view text);

std::string decodeLogonType(std::string_view raw);
std::string decodeInsertString(std::string_view raw);
std::string decodeNtStatus(std::string_view raw);
std::string decodeKerberosStatus(std::string_view raw);
std::string decodeTicketOptions(std::string_view raw);
std::string decodeEncryptionType(std::string_view raw);
std::string decodePreauthType(std::string_view raw);
std::string decodeAccessMask(std::string_view raw);
std::string decodeUserAccountControl(std::string_view raw);
std::string decodeSid(std::string_view raw);
std::string decodeHashes(std::string_view raw);
std::string decodeBoolean(std::string_view raw);
std::string decodeHexToDecimal(std::string_view raw);

// The text of UserAccountControl change string %%2048 + i (bit i turned
// off) or %%2080 + i (bit i turned on), or "" outside %%2048..%%2111.
std::string_view accountControlChangeText(unsigned code);

} // namespace evtx::knowledge::detail
