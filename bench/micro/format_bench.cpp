// Number, time, GUID and SID formatting (evtx/render/value_format.hpp) against the
// std::to_chars / snprintf code one would write first. Each iteration formats
// a batch of kBatch varied inputs, so digit counts do not stay predictable;
// items/s is values formatted per second.
#include "evtx/render/value_format.hpp"
#include "evtx/text/out_buffer.hpp"

#include <benchmark/benchmark.h>

#include <charconv>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <random>
#include <vector>

namespace {

using evtx::OutBuffer;

constexpr size_t kBatch = 256;

// Values spread over all digit counts (log-uniform), as in ids, sizes, masks.
std::vector<uint64_t> mixedUnsigned() {
    std::mt19937_64 rng(42);
    std::vector<uint64_t> v(kBatch);
    for (auto& x : v)
        x = rng() >> (rng() % 64);
    return v;
}

// Small values: event ids, levels, tasks, opcodes, process ids.
std::vector<uint64_t> smallUnsigned() {
    std::mt19937_64 rng(7);
    std::vector<uint64_t> v(kBatch);
    for (auto& x : v)
        x = rng() % 10000;
    return v;
}

std::vector<int64_t> mixedSigned() {
    std::vector<int64_t> v;
    for (uint64_t u : mixedUnsigned())
        v.push_back(int64_t(u) >> 1);
    for (size_t i = 0; i < v.size(); i += 3)
        v[i] = -v[i];
    return v;
}

// FILETIMEs between 2001 and 2033 with sub-second ticks.
std::vector<uint64_t> fileTimes() {
    std::mt19937_64 rng(1601);
    std::vector<uint64_t> v(kBatch);
    const uint64_t base = 126227808000000000ULL; // 2001-01-01
    for (auto& x : v)
        x = base + rng() % (1000000000ULL * 10000000ULL);
    return v;
}

std::vector<uint8_t> guids() {
    std::mt19937 rng(16);
    std::vector<uint8_t> v(kBatch * 16);
    for (auto& b : v)
        b = uint8_t(rng());
    return v;
}

// S-1-5-21-a-b-c-rid domain account SIDs (28 bytes) and S-1-5-18 (12 bytes).
std::vector<std::vector<uint8_t>> sids() {
    std::mt19937 rng(21);
    auto r32 = [&] { return uint32_t(rng()); };
    std::vector<std::vector<uint8_t>> v;
    for (size_t i = 0; i < kBatch; ++i) {
        const bool domain = i % 4 != 0;
        std::vector<uint32_t> subs =
            domain ? std::vector<uint32_t>{21, r32(), r32(), r32(), 1000 + r32() % 5000}
                   : std::vector<uint32_t>{18};
        std::vector<uint8_t> s = {1, uint8_t(subs.size()), 0, 0, 0, 0, 0, 5};
        for (uint32_t x : subs)
            for (int k = 0; k < 4; ++k)
                s.push_back(uint8_t(x >> (8 * k)));
        v.push_back(std::move(s));
    }
    return v;
}

// Runs `fn(out, i)` for every item of a batch per iteration.
template <typename F> void runBatch(benchmark::State& state, F&& fn) {
    OutBuffer out(kBatch * 128);
    for (auto _ : state) {
        out.clear();
        for (size_t i = 0; i < kBatch; ++i)
            fn(out, i);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(int64_t(state.iterations() * kBatch));
}

// Every baseline must print what the engine prints, or the race is unfair.
template <typename E, typename B> bool sameOutput(E&& engine, B&& baseline) {
    OutBuffer a, b;
    for (size_t i = 0; i < kBatch; ++i) {
        engine(a, i);
        baseline(b, i);
    }
    return a.view() == b.view();
}

template <typename F> void appendPrintf(OutBuffer& out, F&& print) {
    char buf[128];
    const int n = print(buf, sizeof buf);
    out.append(buf, size_t(n));
}

// --- unsigned / signed / hex ----------------------------------------------

void BM_FormatUnsigned(benchmark::State& state, bool small) {
    const auto v = small ? smallUnsigned() : mixedUnsigned();
    runBatch(state, [&](OutBuffer& o, size_t i) { evtx::formatUnsigned(o, v[i]); });
}
void BM_ToCharsUnsigned(benchmark::State& state, bool small) {
    const auto v = small ? smallUnsigned() : mixedUnsigned();
    runBatch(state, [&](OutBuffer& o, size_t i) {
        char buf[64]; // 64, not 24: GCC 12 -Warray-bounds misreads append's copy
        o.append(buf, size_t(std::to_chars(buf, buf + 24, v[i]).ptr - buf));
    });
}
void BM_SnprintfUnsigned(benchmark::State& state, bool small) {
    const auto v = small ? smallUnsigned() : mixedUnsigned();
    runBatch(state, [&](OutBuffer& o, size_t i) {
        appendPrintf(o, [&](char* b, size_t n) { return std::snprintf(b, n, "%" PRIu64, v[i]); });
    });
}
BENCHMARK_CAPTURE(BM_FormatUnsigned, small, true);
BENCHMARK_CAPTURE(BM_ToCharsUnsigned, small, true);
BENCHMARK_CAPTURE(BM_SnprintfUnsigned, small, true);
BENCHMARK_CAPTURE(BM_FormatUnsigned, mixed, false);
BENCHMARK_CAPTURE(BM_ToCharsUnsigned, mixed, false);
BENCHMARK_CAPTURE(BM_SnprintfUnsigned, mixed, false);

void BM_FormatSigned(benchmark::State& state) {
    const auto v = mixedSigned();
    runBatch(state, [&](OutBuffer& o, size_t i) { evtx::formatSigned(o, v[i]); });
}
void BM_ToCharsSigned(benchmark::State& state) {
    const auto v = mixedSigned();
    runBatch(state, [&](OutBuffer& o, size_t i) {
        char buf[64]; // 64, not 24: GCC 12 -Warray-bounds misreads append's copy
        o.append(buf, size_t(std::to_chars(buf, buf + 24, v[i]).ptr - buf));
    });
}
void BM_SnprintfSigned(benchmark::State& state) {
    const auto v = mixedSigned();
    runBatch(state, [&](OutBuffer& o, size_t i) {
        appendPrintf(o, [&](char* b, size_t n) { return std::snprintf(b, n, "%" PRId64, v[i]); });
    });
}
BENCHMARK(BM_FormatSigned);
BENCHMARK(BM_ToCharsSigned);
BENCHMARK(BM_SnprintfSigned);

void BM_FormatHex(benchmark::State& state) {
    const auto v = mixedUnsigned();
    runBatch(state, [&](OutBuffer& o, size_t i) { evtx::formatHex(o, v[i]); });
}
void BM_SnprintfHex(benchmark::State& state) {
    const auto v = mixedUnsigned();
    auto fn = [&](OutBuffer& o, size_t i) {
        appendPrintf(o, [&](char* b, size_t n) { return std::snprintf(b, n, "0x%" PRIx64, v[i]); });
    };
    if (!sameOutput([&](OutBuffer& o, size_t i) { evtx::formatHex(o, v[i]); }, fn))
        return state.SkipWithError("snprintf hex differs from evtx::formatHex");
    runBatch(state, fn);
}
BENCHMARK(BM_FormatHex);
BENCHMARK(BM_SnprintfHex);

// --- FILETIME -------------------------------------------------------------

void BM_FormatFileTime(benchmark::State& state) {
    const auto v = fileTimes();
    runBatch(state, [&](OutBuffer& o, size_t i) { evtx::formatFileTime(o, v[i]); });
}
// gmtime_r + snprintf: the libc way to the same ISO 8601 text.
void BM_GmtimeSnprintfFileTime(benchmark::State& state) {
    const auto v = fileTimes();
    auto fn = [&](OutBuffer& o, size_t i) {
        const time_t secs = time_t(v[i] / 10000000) - 11644473600LL;
        const unsigned micros = unsigned(v[i] % 10000000 / 10);
        struct tm tm;
        gmtime_r(&secs, &tm);
        appendPrintf(o, [&](char* b, size_t n) {
            return std::snprintf(b, n, "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ", tm.tm_year + 1900,
                                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                                 micros);
        });
    };
    if (!sameOutput([&](OutBuffer& o, size_t i) { evtx::formatFileTime(o, v[i]); }, fn))
        return state.SkipWithError("gmtime_r/snprintf differs from evtx::formatFileTime");
    runBatch(state, fn);
}
BENCHMARK(BM_FormatFileTime);
BENCHMARK(BM_GmtimeSnprintfFileTime);

// --- GUID -----------------------------------------------------------------

void BM_FormatGuid(benchmark::State& state) {
    const auto g = guids();
    runBatch(state, [&](OutBuffer& o, size_t i) { evtx::formatGuid(o, g.data() + 16 * i); });
}
void BM_SnprintfGuid(benchmark::State& state) {
    const auto g = guids();
    auto fn = [&](OutBuffer& o, size_t i) {
        const uint8_t* p = g.data() + 16 * i;
        const uint32_t d1 =
            uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
        const unsigned d2 = p[4] | p[5] << 8, d3 = p[6] | p[7] << 8;
        appendPrintf(o, [&](char* b, size_t n) {
            return std::snprintf(b, n, "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X", d1, d2,
                                 d3, p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15]);
        });
    };
    if (!sameOutput([&](OutBuffer& o, size_t i) { evtx::formatGuid(o, g.data() + 16 * i); }, fn))
        return state.SkipWithError("snprintf GUID differs from evtx::formatGuid");
    runBatch(state, fn);
}
BENCHMARK(BM_FormatGuid);
BENCHMARK(BM_SnprintfGuid);

// --- SID ------------------------------------------------------------------

void BM_FormatSid(benchmark::State& state) {
    const auto s = sids();
    runBatch(state, [&](OutBuffer& o, size_t i) { evtx::formatSid(o, s[i].data(), s[i].size()); });
}
void BM_SnprintfSid(benchmark::State& state) {
    const auto s = sids();
    auto fn = [&](OutBuffer& o, size_t i) {
        const uint8_t* p = s[i].data();
        uint64_t auth = 0;
        for (int k = 2; k < 8; ++k)
            auth = auth << 8 | p[k];
        appendPrintf(o, [&](char* b, size_t n) {
            return std::snprintf(b, n, "S-%u-%" PRIu64, unsigned(p[0]), auth);
        });
        for (size_t k = 0; k < p[1]; ++k) {
            const uint8_t* q = p + 8 + 4 * k;
            const uint32_t sub =
                uint32_t(q[0]) | uint32_t(q[1]) << 8 | uint32_t(q[2]) << 16 | uint32_t(q[3]) << 24;
            appendPrintf(o, [&](char* b, size_t n) { return std::snprintf(b, n, "-%u", sub); });
        }
    };
    if (!sameOutput([&](OutBuffer& o, size_t i) { evtx::formatSid(o, s[i].data(), s[i].size()); },
                    fn))
        return state.SkipWithError("snprintf SID differs from evtx::formatSid");
    runBatch(state, fn);
}
BENCHMARK(BM_FormatSid);
BENCHMARK(BM_SnprintfSid);

} // namespace
