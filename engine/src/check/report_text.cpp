#include "report_text.hpp"

#include "evtx/render/filetime.hpp"

#include <cstdarg>
#include <cstdio>

namespace evtx::check_text {

std::string fmt(const char* f, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, f);
    std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

std::string timeText(uint64_t ticks) {
    return formatFileTime100ns(ticks, 0, true);
}

} // namespace evtx::check_text
