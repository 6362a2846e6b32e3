#include "field_text.hpp"

#include "evtx/format/civil_time.hpp"
#include "evtx/render/system_fields.hpp"

#include <charconv>

namespace evtx {

namespace {

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

uint64_t parseNumber(std::string_view s) {
    uint64_t v = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        std::from_chars(s.data() + 2, s.data() + s.size(), v, 16);
    else
        std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

uint64_t ticksOf(int64_t y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s,
                 uint64_t fraction100ns) {
    const int64_t unix = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    return fileTimeFromUnixSeconds(unix, fraction100ns);
}

} // namespace

void FieldText::flush() const {
    if (!pending_) return;
    writeValueText(buf_, *pending_, Escape::None, AnsiCodec::windows1252());
    pending_ = nullptr;
}

void collectText(const RecordTree& tree, const Scope& s, int32_t first, const ArrayItem* within,
                 FieldText& t) {
    forEachContent(
        tree, s, first,
        [&](const ContentItem& it) {
            if (it.kind == ContentItem::Kind::Value) {
                t.setValue(*it.value);
                return;
            }
            if (it.kind != ContentItem::Kind::Node) return;
            const Program& p = *it.scope.program;
            const Node& n = p.nodes[size_t(it.node)];
            switch (n.kind) {
            case NodeKind::Text:
            case NodeKind::CData:
                if (p.str(n.text).empty()) return;
                ++t.pieces;
                t.appendText(p.str(n.text));
                break;
            case NodeKind::Literal:
                t.setValue(p.literals[n.text]);
                break;
            case NodeKind::CharRef: {
                ++t.pieces;
                std::string s8;
                appendUtf8(s8, n.index);
                t.appendText(s8);
                break;
            }
            case NodeKind::EntityRef: {
                ++t.pieces;
                const std::string& e = p.str(n.name);
                t.appendText(e == "amp"    ? "&"
                             : e == "lt"   ? "<"
                             : e == "gt"   ? ">"
                             : e == "quot" ? "\""
                             : e == "apos" ? "'"
                                           : "?");
                break;
            }
            default:
                break;
            }
        },
        within);
    if (t.pieces != 1) t.single = nullptr;
}

void elementText(const RecordTree& tree, const ContentItem& element, FieldText& t) {
    t.clear();
    collectText(tree, element.scope, element.scope.program->nodes[size_t(element.node)].firstChild,
                element.arrayItem, t);
}

bool attributeText(const RecordTree& tree, const ContentItem& element, std::string_view name,
                   FieldText& t) {
    t.clear();
    const Program& p = *element.scope.program;
    for (int32_t a = p.nodes[size_t(element.node)].firstAttr; a >= 0; a = p.nodes[size_t(a)].next) {
        if (p.str(p.nodes[size_t(a)].name) != name) continue;
        collectText(tree, element.scope, p.nodes[size_t(a)].firstChild, element.arrayItem, t);
        return true;
    }
    return false;
}

uint64_t numberOf(const FieldText& t) {
    if (const Value* v = t.single) {
        const uint8_t* d = v->data;
        switch (v->type) {
        case vt::Int8:
        case vt::UInt8:
            if (v->size >= 1) return d[0];
            break;
        case vt::Int16:
        case vt::UInt16:
            if (v->size >= 2) return loadLE<uint16_t>(d);
            break;
        case vt::Int32:
        case vt::UInt32:
        case vt::HexInt32:
            if (v->size >= 4) return loadLE<uint32_t>(d);
            break;
        case vt::Int64:
        case vt::UInt64:
        case vt::HexInt64:
            if (v->size >= 8) return loadLE<uint64_t>(d);
            break;
        default:
            break;
        }
    }
    return parseNumber(t.view());
}

bool timeOf(const FieldText& t, uint64_t& ticks) {
    if (const Value* v = t.single) {
        if (v->type == vt::FileTime && v->size >= 8) {
            ticks = loadLE<uint64_t>(v->data);
            return true;
        }
        if (v->type == vt::SysTime && v->size >= 16) {
            const uint8_t* p = v->data;
            ticks = ticksOf(loadLE<uint16_t>(p), loadLE<uint16_t>(p + 2), loadLE<uint16_t>(p + 6),
                            loadLE<uint16_t>(p + 8), loadLE<uint16_t>(p + 10),
                            loadLE<uint16_t>(p + 12), uint64_t(loadLE<uint16_t>(p + 14)) * 10000);
            return true;
        }
    }
    return parseIsoTime(t.view(), ticks);
}

void assignField(SystemField field, const FieldText& t, SystemFields& f) {
    switch (field) {
    case SystemField::Provider:
        f.provider = t.view();
        break;
    case SystemField::EventId:
        f.eventId = uint16_t(numberOf(t));
        break;
    case SystemField::EventRecordId:
        f.eventRecordId = numberOf(t);
        break;
    case SystemField::Level:
        f.level = uint8_t(numberOf(t));
        break;
    case SystemField::Task:
        f.task = uint16_t(numberOf(t));
        break;
    case SystemField::Opcode:
        f.opcode = uint8_t(numberOf(t));
        break;
    case SystemField::Keywords:
        f.keywords = numberOf(t);
        break;
    case SystemField::TimeCreated:
        f.hasTimeCreated = timeOf(t, f.timeCreated);
        break;
    case SystemField::ProcessId:
        f.processId = uint32_t(numberOf(t));
        break;
    case SystemField::ThreadId:
        f.threadId = uint32_t(numberOf(t));
        break;
    case SystemField::Channel:
        f.channel = t.view();
        break;
    case SystemField::Computer:
        f.computer = t.view();
        break;
    case SystemField::UserSid:
        f.userSid = t.view();
        break;
    }
}

bool parseIsoTime(std::string_view s, uint64_t& ticks) {
    // YYYY-MM-DDTHH:MM:SS[.f...]Z
    if (s.size() < 19) return false;
    auto num = [&](size_t pos, size_t len, unsigned& v) {
        auto r = std::from_chars(s.data() + pos, s.data() + pos + len, v);
        return r.ec == std::errc() && r.ptr == s.data() + pos + len;
    };
    unsigned y, mo, d, h, mi, sec;
    if (!num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) ||
        !num(17, 2, sec))
        return false;
    uint64_t fraction = 0;
    size_t digits = 0;
    if (s.size() > 19 && s[19] == '.') {
        for (size_t i = 20; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
            if (digits < 7) {
                fraction = fraction * 10 + unsigned(s[i] - '0');
                ++digits;
            }
        }
    }
    for (; digits < 7; ++digits)
        fraction *= 10;
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
    ticks = ticksOf(y, mo, d, h, mi, sec, fraction);
    return true;
}

} // namespace evtx
