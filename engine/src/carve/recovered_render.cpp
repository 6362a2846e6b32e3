#include "evtx/carve/recovered_render.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace evtx {
namespace {

void hexBytes(OutBuffer& out, const uint8_t* p, size_t n) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; ++i) {
        out.push(kHex[p[i] >> 4]);
        out.push(kHex[p[i] & 15]);
    }
}

// Values that cannot be formatted as their type (nested BinXML, which needs
// its own templates; wrong sizes; bad dates) are written as hex.
bool writtenAsHex(const Value& v) {
    if (v.type == vt::Null) return false;
    if (v.baseType() == vt::BinXml || v.baseType() == vt::EvtXml || v.baseType() == vt::EvtHandle)
        return true;
    return !validateValue(v).empty();
}

void location(OutBuffer& out, const RecoveredLocation& w, const char* sep) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%schunk %llu, file offset 0x%llx", sep,
                  (unsigned long long)w.chunk, (unsigned long long)w.fileOffset);
    out.append(buf);
}

} // namespace

std::string valueTypeName(uint8_t type) {
    static const char* const kNames[] = {
        "Null",   "String",   "AnsiString", "Int8",   "UInt8",    "Int16",   "UInt16", "Int32",
        "UInt32", "Int64",    "UInt64",     "Real32", "Real64",   "Bool",    "Binary", "Guid",
        "SizeT",  "FileTime", "SysTime",    "Sid",    "HexInt32", "HexInt64"};
    const uint8_t base = type & 0x7F;
    std::string name;
    if (base < std::size(kNames))
        name = kNames[base];
    else if (base == vt::EvtHandle)
        name = "EvtHandle";
    else if (base == vt::BinXml)
        name = "BinXml";
    else if (base == vt::EvtXml)
        name = "EvtXml";
    else {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02x", base);
        name = buf;
    }
    return type & vt::ArrayFlag ? name + "[]" : name;
}

void renderRawJson(OutBuffer& out, const RawTemplateInstance& raw, const RenderOptions& opt) {
    out.append("{\"Event\":{\"#template_lost\":{\"TemplateOffset\":");
    formatUnsigned(out, raw.definitionOffset);
    out.append(",\"TemplateGuid\":");
    if (raw.guid) {
        out.push('"');
        formatGuid(out, raw.guid->data());
        out.push('"');
    } else {
        out.append("null");
    }
    out.append(",\"Reason\":\"");
    writeEscaped(out, raw.reason, Escape::Json);
    out.append("\"},\"Values\":[");
    for (size_t i = 0; i < raw.values.size(); ++i) {
        const Value& v = raw.values[i];
        out.append(i ? ",{\"Type\":\"" : "{\"Type\":\"");
        out.append(valueTypeName(v.type));
        if (writtenAsHex(v)) {
            out.append("\",\"Hex\":\"");
            hexBytes(out, v.data, v.size);
            out.append("\"}");
            continue;
        }
        out.append("\",\"Value\":");
        if (v.type == vt::Null)
            out.append("null");
        else
            writeValueJson(out, v, *opt.ansi);
        out.push('}');
    }
    out.append("]}}");
}

void renderRawXml(OutBuffer& out, const RawTemplateInstance& raw, const RenderOptions& opt) {
    const char* nl = opt.indent ? "\n  " : "";
    out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Event>");
    out.append(nl);
    out.append("<TemplateLost Offset=\"");
    formatUnsigned(out, raw.definitionOffset);
    if (raw.guid) {
        out.append("\" Guid=\"");
        formatGuid(out, raw.guid->data());
    }
    out.append("\" Reason=\"");
    writeEscaped(out, raw.reason, Escape::XmlAttr);
    out.append("\"/>");
    for (size_t i = 0; i < raw.values.size(); ++i) {
        const Value& v = raw.values[i];
        out.append(nl);
        out.append("<Value Index=\"");
        formatUnsigned(out, i);
        out.append("\" Type=\"");
        out.append(valueTypeName(v.type));
        if (writtenAsHex(v)) {
            out.append("\" Hex=\"");
            hexBytes(out, v.data, v.size);
            out.append("\"/>");
            continue;
        }
        out.append("\">");
        if (v.isArray()) {
            forEachArrayItem(v, [&](const Value& item) {
                out.append("<Item>");
                writeValueText(out, item, Escape::Xml, *opt.ansi);
                out.append("</Item>");
            });
        } else if (v.type != vt::Null) {
            writeValueText(out, v, Escape::Xml, *opt.ansi);
        }
        out.append("</Value>");
    }
    out.append(opt.indent ? "\n</Event>\n" : "</Event>\n");
}

RecoveredLocation RecoveredLocation::of(const RecoveredRecord& r, uint64_t chunk,
                                        uint64_t fileOffset) {
    RecoveredLocation where{chunk, fileOffset, r.source};
    if (r.raw) where.partialReason = &r.raw->reason;
    where.conflictsWithLive = r.conflictsWithLive;
    return where;
}

void markRecoveredJson(OutBuffer& out, size_t recordStart, const RecoveredLocation& where) {
    // The record is one object: its closing brace makes way for the key.
    const std::string_view text = out.view().substr(std::min(recordStart, out.size()));
    const bool object = text.size() > 2 && text.front() == '{' && text.back() == '}';
    out.truncate(object ? out.size() - 1 : std::min(recordStart, out.size()));
    out.append(object ? ",\"#recovered\":{\"source\":\"" : "{\"#recovered\":{\"source\":\"");
    out.append(recoverySourceName(where.source));
    out.append("\",\"chunk\":");
    formatUnsigned(out, where.chunk);
    out.append(",\"file_offset\":");
    formatUnsigned(out, where.fileOffset);
    if (where.partialReason) {
        out.append(",\"partial\":true,\"reason\":\"");
        writeEscaped(out, *where.partialReason, Escape::Json);
        out.push('"');
    }
    if (where.conflictsWithLive) out.append(",\"conflicts_with_live\":true");
    out.append("}}");
}

namespace {

// Comment text may hold neither "--" nor end in '-'.
void appendCommentText(OutBuffer& out, std::string_view text) {
    char last = 0;
    for (char c : text) {
        if (c == '-' && last == '-') out.push(' ');
        out.push(c);
        last = c;
    }
    if (last == '-') out.push(' ');
}

} // namespace

void markRecoveredXml(OutBuffer& out, size_t recordStart, const RecoveredLocation& where) {
    // After the XML declaration line (a comment may not precede it).
    const std::string_view text = out.view().substr(recordStart);
    const size_t nl = text.find('\n');
    const size_t at = nl == std::string_view::npos ? text.size() : nl + 1;
    const std::string tail(text.substr(at));
    out.truncate(recordStart + at);
    out.append("<!-- recovered from ");
    out.append(recoverySourceName(where.source));
    location(out, where, ": ");
    if (where.partialReason) {
        out.append("; partial: ");
        appendCommentText(out, *where.partialReason);
    }
    if (where.conflictsWithLive) out.append("; conflicts with a live record of the same id");
    out.append(" -->\n");
    out.append(tail);
}

} // namespace evtx
