// AccessMask of 4656, 4663, 5145, ...: generic and standard rights, and the
// low 16 object-specific bits read as file rights. The mask alone does not
// say the object type; files are what these events are mostly about, and the
// AccessList field (insert_string) names the rights for other types.
#include "decoder_support.hpp"

namespace evtx::knowledge::detail {

namespace {

constexpr CodeText accessRights[] = {
    {0x00000001, "ReadData (or ListDirectory)"},
    {0x00000002, "WriteData (or AddFile)"},
    {0x00000004, "AppendData (or AddSubdirectory or CreatePipeInstance)"},
    {0x00000008, "ReadEA"},
    {0x00000010, "WriteEA"},
    {0x00000020, "Execute/Traverse"},
    {0x00000040, "DeleteChild"},
    {0x00000080, "ReadAttributes"},
    {0x00000100, "WriteAttributes"},
    {0x00010000, "DELETE"},
    {0x00020000, "READ_CONTROL"},
    {0x00040000, "WRITE_DAC"},
    {0x00080000, "WRITE_OWNER"},
    {0x00100000, "SYNCHRONIZE"},
    {0x01000000, "ACCESS_SYS_SEC"},
    {0x02000000, "MAXIMUM_ALLOWED"},
    {0x10000000, "GENERIC_ALL"},
    {0x20000000, "GENERIC_EXECUTE"},
    {0x40000000, "GENERIC_WRITE"},
    {0x80000000, "GENERIC_READ"},
};

} // namespace

std::string decodeAccessMask(std::string_view raw) {
    const auto mask = parseNumber(raw);
    if (!mask || *mask > 0xFFFFFFFF) return {};
    return flagNames(accessRights, *mask);
}

} // namespace evtx::knowledge::detail
