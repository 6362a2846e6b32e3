// Checks the on-disk structure of a whole .evtx file independently of the
// parser: file header fields and CRC, each chunk's header fields, both
// checksums, record framing, and the string and template tables (every
// chained name has the right hash, bucket, length and terminator; every
// template definition is inline after the instance that introduced it).
// Returns problems as text (empty = valid) and counts what it saw.
#pragma once

#include "evtx/format/crc32.hpp"
#include "evtx/format/file_header.hpp"

#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <vector>

namespace evtxtest {

struct StructureReport {
    std::vector<std::string> problems;
    uint64_t chunks = 0;
    uint64_t records = 0;
    uint64_t names = 0;
    uint64_t templateDefinitions = 0;
    std::vector<uint64_t> ids;
    std::vector<uint64_t> writtenTimes;
};

namespace structure_detail {
template <typename T> T at(const uint8_t* p, size_t off) {
    T v;
    std::memcpy(&v, p + off, sizeof v);
    return v;
}
} // namespace structure_detail

inline StructureReport checkStructure(const std::vector<uint8_t>& f) {
    using structure_detail::at;
    StructureReport r;
    auto problem = [&](std::string s) { r.problems.push_back(std::move(s)); };
    if (f.size() < 4096 || std::memcmp(f.data(), "ElfFile", 8) != 0) {
        problem("no file header");
        return r;
    }
    const uint8_t* h = f.data();
    if (at<uint32_t>(h, 124) != evtx::crc32(h, 120)) problem("file header CRC");
    const uint64_t chunkCount = (f.size() - 4096) / 65536;
    if ((f.size() - 4096) % 65536) problem("file size is not header + whole chunks");
    if (at<uint16_t>(h, 42) != chunkCount) problem("chunk count");
    if (at<uint64_t>(h, 8) != 0 || (chunkCount && at<uint64_t>(h, 16) != chunkCount - 1))
        problem("first/last chunk numbers");
    if (at<uint32_t>(h, 32) != 128 || at<uint16_t>(h, 38) != 3 || at<uint16_t>(h, 40) != 4096)
        problem("header size / version / block size");
    if (at<uint32_t>(h, 120) != 0) problem("file flags (dirty/full)");

    for (uint64_t ci = 0; ci < chunkCount; ++ci) {
        const uint8_t* c = f.data() + 4096 + ci * 65536;
        const std::string where = "chunk " + std::to_string(ci) + ": ";
        ++r.chunks;
        if (std::memcmp(c, "ElfChnk", 8) != 0) problem(where + "magic");
        const uint32_t freeSpace = at<uint32_t>(c, 48);
        if (freeSpace < 512 || freeSpace > 65536) {
            problem(where + "free space offset");
            continue;
        }
        if (at<uint32_t>(c, 52) != evtx::crc32(c + 512, freeSpace - 512))
            problem(where + "data CRC");
        if (at<uint32_t>(c, 124) != evtx::crc32(c + 128, 384, evtx::crc32(c, 120)))
            problem(where + "header CRC");
        if (at<uint32_t>(c, 40) != 128) problem(where + "header size");
        for (size_t i = freeSpace; i < 65536; ++i)
            if (c[i]) {
                problem(where + "bytes after the free space offset");
                break;
            }

        // Records: back to back from 512 to the free space offset.
        size_t off = 512, last = 0;
        uint64_t first = 0, prev = 0, n = 0;
        while (off < freeSpace) {
            const uint32_t size = at<uint32_t>(c, off + 4);
            if (at<uint32_t>(c, off) != 0x2a2a || size < 28 || off + size > freeSpace ||
                at<uint32_t>(c, off + size - 4) != size) {
                problem(where + "record framing at " + std::to_string(off));
                break;
            }
            const uint64_t id = at<uint64_t>(c, off + 8);
            if (n++ == 0)
                first = id;
            else if (id != prev + 1)
                problem(where + "ids not consecutive");
            prev = id;
            r.ids.push_back(id);
            r.writtenTimes.push_back(at<uint64_t>(c, off + 16));
            last = off;
            off += size;
        }
        r.records += n;
        if (at<uint64_t>(c, 8) != first || at<uint64_t>(c, 24) != first)
            problem(where + "first record");
        if (at<uint64_t>(c, 16) != prev || at<uint64_t>(c, 32) != prev)
            problem(where + "last record");
        if (at<uint32_t>(c, 44) != last) problem(where + "last record offset");

        // String table: 64 bucket chains of names.
        std::set<std::u16string> names;
        for (uint32_t b = 0; b < 64; ++b) {
            for (uint32_t o = at<uint32_t>(c, 128 + 4 * b), guard = 0; o && guard < 10000;
                 ++guard) {
                if (o < 512 || o + 8 > freeSpace) {
                    problem(where + "name offset out of range");
                    break;
                }
                const uint16_t hash = at<uint16_t>(c, o + 4), len = at<uint16_t>(c, o + 6);
                std::u16string s;
                uint32_t expect = 0;
                for (uint16_t k = 0; k < len; ++k) {
                    s.push_back(char16_t(at<uint16_t>(c, o + 8 + 2u * k)));
                    expect = expect * 65599u + s.back();
                }
                if (hash != uint16_t(expect)) problem(where + "name hash");
                if (hash % 64 != b) problem(where + "name in the wrong bucket");
                if (at<uint16_t>(c, o + 8 + 2u * len) != 0) problem(where + "name terminator");
                // Stored inline: the name field just before points at it.
                if (at<uint32_t>(c, o - 4) != o) problem(where + "name not inline after its field");
                if (!names.insert(s).second) problem(where + "name stored twice");
                ++r.names;
                o = at<uint32_t>(c, o);
            }
        }
        // Template table: 32 bucket chains of definitions.
        std::set<std::string> guids;
        for (uint32_t b = 0; b < 32; ++b) {
            for (uint32_t o = at<uint32_t>(c, 384 + 4 * b), guard = 0; o && guard < 10000;
                 ++guard) {
                if (o < 512 + 10 || o + 24 > freeSpace) {
                    problem(where + "template offset out of range");
                    break;
                }
                const uint32_t size = at<uint32_t>(c, o + 20);
                if (at<uint32_t>(c, o - 4) != o || c[o - 10] != 0x0c)
                    problem(where + "definition not inline after a template instance");
                if (o + 24 + size > freeSpace || c[o + 24] != 0x0f || c[o + 24 + size - 1] != 0)
                    problem(where + "definition data");
                if (at<uint32_t>(c, o - 8) != at<uint32_t>(c, o + 4))
                    problem(where + "template id");
                if (!guids.insert(std::string(reinterpret_cast<const char*>(c + o + 4), 16)).second)
                    problem(where + "template defined twice");
                ++r.templateDefinitions;
                o = at<uint32_t>(c, o);
            }
        }
    }
    if (!r.ids.empty() && at<uint64_t>(h, 24) != r.ids.back() + 1) problem("next record id");
    return r;
}

} // namespace evtxtest
