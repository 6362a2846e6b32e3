#include "knowledge/knowledge_pack.hpp"

#include <cstring>
#include <stdexcept>

namespace evtx::knowledge {
namespace {

constexpr std::string_view kMagic = "EVTXKB02";

class PackWriter {
  public:
    void number(uint64_t v) {
        do {
            out += char((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
            v >>= 7;
        } while (v);
    }
    void text(std::string_view s) {
        number(s.size());
        out.append(s);
    }
    std::string out;
};

class PackReader {
  public:
    explicit PackReader(std::string_view in) : in_(in) {}
    uint64_t number() {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at_ >= in_.size()) throw std::runtime_error("truncated");
            const auto byte = uint8_t(in_[at_++]);
            v |= uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return v;
        }
        throw std::runtime_error("bad number");
    }
    std::string text() {
        const uint64_t n = number();
        if (n > in_.size() - at_) throw std::runtime_error("truncated text");
        std::string s(in_.substr(at_, n));
        at_ += n;
        return s;
    }
    bool done() const { return at_ == in_.size(); }

  private:
    std::string_view in_;
    size_t at_ = 0;
};

std::string_view decoderName(DecodeFn fn) {
    for (std::string_view name : decoderNames())
        if (findDecoder(name) == fn) return name;
    return {};
}

void writeFormat(PackWriter& w, const FieldFormat& f) {
    w.number(uint8_t(f.show));
    w.text(f.decoder ? decoderName(f.decoder) : std::string_view{});
    w.number(f.lookup ? f.lookup->size() + 1 : 0);
    if (f.lookup)
        for (const auto& [key, value] : *f.lookup) {
            w.text(key);
            w.text(value);
        }
    w.text(f.lookupDefault);
    w.text(f.refine);
}

FieldFormat readFormat(PackReader& r) {
    FieldFormat f;
    f.show = FieldFormat::Show(r.number() & 1);
    if (const std::string name = r.text(); !name.empty()) {
        f.decoder = findDecoder(name);
        if (!f.decoder) throw std::runtime_error("unknown decoder " + name);
    }
    if (const uint64_t n = r.number()) {
        auto table = std::make_shared<std::map<std::string, std::string, std::less<>>>();
        for (uint64_t i = 1; i < n; ++i) {
            std::string key = r.text();
            (*table)[std::move(key)] = r.text();
        }
        f.lookup = std::move(table);
    }
    f.lookupDefault = r.text();
    f.refine = r.text();
    return f;
}

void writeTemplate(PackWriter& w, const TextTemplate& t) {
    w.number(t.pieces.size());
    for (const auto& p : t.pieces) {
        w.text(p.literal);
        w.number(p.hasField);
        w.text(p.field.path);
        w.text(p.field.name);
        w.number(p.field.position);
        writeFormat(w, p.format);
    }
}

TextTemplate readTemplate(PackReader& r) {
    TextTemplate t;
    t.pieces.resize(r.number());
    for (auto& p : t.pieces) {
        p.literal = r.text();
        p.hasField = r.number() != 0;
        p.field.path = r.text();
        p.field.name = r.text();
        p.field.position = unsigned(r.number());
        p.format = readFormat(r);
    }
    return t;
}

void writeFormats(PackWriter& w, const std::map<std::string, FieldFormat, std::less<>>& formats) {
    w.number(formats.size());
    for (const auto& [name, f] : formats) {
        w.text(name);
        writeFormat(w, f);
    }
}

std::map<std::string, FieldFormat, std::less<>> readFormats(PackReader& r) {
    std::map<std::string, FieldFormat, std::less<>> formats;
    for (uint64_t n = r.number(); n > 0; --n) {
        std::string name = r.text();
        formats[std::move(name)] = readFormat(r);
    }
    return formats;
}

void writeEntry(PackWriter& w, const EventEntry& e) {
    w.text(e.provider);
    w.text(e.channel);
    w.number(e.eventId);
    w.number(uint64_t(e.version + 1));
    w.text(e.title);
    writeTemplate(w, e.summary);
    for (const TextTemplate& t : e.properties)
        writeTemplate(w, t);
    w.number(e.dataNames.size());
    for (const std::string& name : e.dataNames)
        w.text(name);
    writeFormats(w, e.fieldFormats);
    w.text(e.source);
}

EventEntry readEntry(PackReader& r) {
    EventEntry e;
    e.provider = r.text();
    e.channel = r.text();
    e.eventId = uint16_t(r.number());
    e.version = int(r.number()) - 1;
    e.title = r.text();
    e.summary = readTemplate(r);
    for (TextTemplate& t : e.properties)
        t = readTemplate(r);
    e.dataNames.resize(r.number());
    for (std::string& name : e.dataNames)
        name = r.text();
    e.fieldFormats = readFormats(r);
    e.source = r.text();
    return e;
}

} // namespace

std::string packKnowledge(const KnowledgeBase& kb) {
    PackWriter w;
    w.out.append(kMagic);
    writeFormats(w, kb.sharedFieldFormats());
    const auto tasks = kb.taskNames();
    w.number(tasks.size());
    for (const TaskName& t : tasks) {
        w.text(t.provider);
        w.number(t.task);
        w.text(t.name);
    }
    const auto entries = kb.entries();
    w.number(entries.size());
    for (const EventEntry* e : entries)
        writeEntry(w, *e);
    return w.out;
}

bool unpackKnowledge(std::string_view bytes, KnowledgeBase& kb, std::string& error) {
    if (bytes.substr(0, kMagic.size()) != kMagic) {
        error = "not a knowledge pack of this version";
        return false;
    }
    try {
        PackReader r(bytes.substr(kMagic.size()));
        for (auto& [name, format] : readFormats(r))
            kb.addSharedFieldFormat(name, format);
        for (uint64_t n = r.number(); n > 0; --n) {
            std::string provider = r.text();
            const auto task = uint16_t(r.number());
            kb.addTaskName(provider, task, r.text());
        }
        for (uint64_t n = r.number(); n > 0; --n)
            kb.addEntry(readEntry(r));
        if (!r.done()) throw std::runtime_error("trailing bytes");
    } catch (const std::exception& e) {
        error = std::string("knowledge pack: ") + e.what();
        return false;
    }
    return true;
}

} // namespace evtx::knowledge
