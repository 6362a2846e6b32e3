// UTF-16LE -> UTF-8 with JSON / XML escaping: evtx::writeUtf16 against a
// plain per-unit reference loop, on the kinds of strings event logs hold.
// Bytes/s counts UTF-16 input bytes.
#include "evtx/text/out_buffer.hpp"
#include "evtx/text/text.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using evtx::Escape;
using evtx::OutBuffer;

// Little-endian bytes of a UTF-16 string, as they sit in a chunk.
std::vector<uint8_t> toLE(std::u16string_view s) {
    std::vector<uint8_t> b;
    b.reserve(s.size() * 2);
    for (char16_t c : s) {
        b.push_back(uint8_t(c & 0xFF));
        b.push_back(uint8_t(c >> 8));
    }
    return b;
}

// Realistic field values: short names, a path (backslashes: JSON escapes
// them), a long command line with no escapes, Cyrillic and Japanese text.
const std::u16string kAscii8 = u"Security";
const std::u16string kAscii20 = u"NtLmSsp Authenticate";
const std::u16string kPath =
    u"C:\\Program Files\\WindowsApps\\Microsoft.WindowsStore_22301.1401.6.0_x64__8wekyb3d8bbwe"
    u"\\WinStore.App.exe";
const std::u16string kCommandLine =
    u"powershell.exe -NoProfile -ExecutionPolicy Bypass -Command Get-ChildItem -Recurse -Filter "
    u"*.log | Where-Object LastWriteTime -lt (Get-Date).AddDays(-30) | Remove-Item -Force "
    u"-ErrorAction SilentlyContinue; Write-Output done; exit 0 -- cleanup of the old build logs "
    u"on the shared server, run by the nightly task";
const std::u16string kCyrillic = u"Служба журнала событий Windows запущена. Вход в систему "
                                 u"выполнен успешно для учетной записи Администратор.";
const std::u16string kCjk = u"Windows イベント ログ サービスが開始されました。アカウントが正常に"
                            u"ログオンしました。安全日志已清除。";

// The obvious implementation: one code unit at a time, escape by switch.
char* referenceEscape(char* d, char c, Escape mode) {
    auto put = [&](std::string_view s) {
        for (char x : s)
            *d++ = x;
    };
    if (mode == Escape::Json) {
        switch (c) {
        case '"':
            put("\\\"");
            return d;
        case '\\':
            put("\\\\");
            return d;
        case '\n':
            put("\\n");
            return d;
        case '\r':
            put("\\r");
            return d;
        case '\t':
            put("\\t");
            return d;
        case '\b':
            put("\\b");
            return d;
        case '\f':
            put("\\f");
            return d;
        }
        if (uint8_t(c) < 0x20) {
            static constexpr char kHex[] = "0123456789abcdef";
            put("\\u00");
            *d++ = kHex[(c >> 4) & 0xF];
            *d++ = kHex[c & 0xF];
            return d;
        }
    } else if (mode == Escape::Xml || mode == Escape::XmlAttr) {
        switch (c) {
        case '&':
            put("&amp;");
            return d;
        case '<':
            put("&lt;");
            return d;
        case '>':
            put("&gt;");
            return d;
        }
        if (mode == Escape::XmlAttr && c == '"') return put("&quot;"), d;
        if (mode == Escape::XmlAttr && c == '\'') return put("&apos;"), d;
    }
    *d++ = c;
    return d;
}

void referenceUtf16(OutBuffer& out, const uint8_t* p, size_t units, Escape mode) {
    char* start = out.reserve(units * 6);
    char* d = start;
    for (size_t i = 0; i < units; ++i) {
        uint32_t u = uint32_t(p[2 * i]) | uint32_t(p[2 * i + 1]) << 8;
        if (u == 0) break;
        if (u < 0x80) {
            d = referenceEscape(d, char(u), mode);
            continue;
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            uint32_t lo = i + 1 < units ? uint32_t(p[2 * i + 2]) | uint32_t(p[2 * i + 3]) << 8 : 0;
            if (u <= 0xDBFF && lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                ++i;
            } else {
                u = 0xFFFD;
            }
        }
        if (u < 0x800) {
            *d++ = char(0xC0 | (u >> 6));
        } else if (u < 0x10000) {
            *d++ = char(0xE0 | (u >> 12));
            *d++ = char(0x80 | ((u >> 6) & 0x3F));
        } else {
            *d++ = char(0xF0 | (u >> 18));
            *d++ = char(0x80 | ((u >> 12) & 0x3F));
            *d++ = char(0x80 | ((u >> 6) & 0x3F));
        }
        *d++ = char(0x80 | (u & 0x3F));
    }
    out.commit(size_t(d - start));
}

template <bool Engine>
void BM_Utf16(benchmark::State& state, const std::u16string* text, Escape mode) {
    const std::vector<uint8_t> bytes = toLE(*text);
    const size_t units = text->size();
    OutBuffer out(4096);
    // Both sides must write the same bytes, or the comparison means nothing.
    OutBuffer check(4096);
    evtx::writeUtf16(out, bytes.data(), units, mode);
    referenceUtf16(check, bytes.data(), units, mode);
    if (out.view() != check.view()) {
        state.SkipWithError("reference output differs from evtx::writeUtf16");
        return;
    }
    for (auto _ : state) {
        out.clear();
        if constexpr (Engine)
            evtx::writeUtf16(out, bytes.data(), units, mode);
        else
            referenceUtf16(out, bytes.data(), units, mode);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(bytes.size()));
    state.counters["out_B"] = double(check.size());
}

void BM_Utf16_Engine(benchmark::State& s, const std::u16string* t, Escape m) {
    BM_Utf16<true>(s, t, m);
}
void BM_Utf16_Reference(benchmark::State& s, const std::u16string* t, Escape m) {
    BM_Utf16<false>(s, t, m);
}

#define UTF16_PAIR(name, text, mode)                                                               \
    BENCHMARK_CAPTURE(BM_Utf16_Engine, name, &text, mode);                                         \
    BENCHMARK_CAPTURE(BM_Utf16_Reference, name, &text, mode)

UTF16_PAIR(ascii8_json, kAscii8, Escape::Json);
UTF16_PAIR(ascii20_json, kAscii20, Escape::Json);
UTF16_PAIR(path_json, kPath, Escape::Json);
UTF16_PAIR(path_xml, kPath, Escape::Xml);
UTF16_PAIR(cmdline_json, kCommandLine, Escape::Json);
UTF16_PAIR(cmdline_xml, kCommandLine, Escape::Xml);
UTF16_PAIR(cyrillic_json, kCyrillic, Escape::Json);
UTF16_PAIR(cjk_json, kCjk, Escape::Json);
UTF16_PAIR(cjk_xml, kCjk, Escape::Xml);

} // namespace
