// The writer's input model, part 2: typed values filling a template's
// substitution slots, and the event (template instance + written time).
#pragma once

#include "evtx/binxml/value_types.hpp"
#include "evtx/writer/template.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace evtx::writer {

struct Instance;

struct SystemTime {
    uint16_t year = 1601, month = 1, dayOfWeek = 0, day = 1;
    uint16_t hour = 0, minute = 0, second = 0, milliseconds = 0;
};

// One substitution value: a type code (evtx::vt) and its on-disk bytes, or a
// nested BinXML fragment (vt::BinXml) encoded when the record is written.
class Value {
  public:
    Value() = default; // NULL

    uint8_t type() const { return type_; }
    const std::vector<uint8_t>& bytes() const { return bytes_; }
    const Instance* nestedInstance() const { return instance_.get(); }
    const Element* nestedElement() const { return element_.get(); }

    static Value null() { return {}; }
    static Value string(std::string_view utf8); // UTF-16LE, no terminator
    static Value ansi(std::string_view bytes);  // code-page bytes as given
    static Value i8(int8_t v);
    static Value u8(uint8_t v);
    static Value i16(int16_t v);
    static Value u16(uint16_t v);
    static Value i32(int32_t v);
    static Value u32(uint32_t v);
    static Value i64(int64_t v);
    static Value u64(uint64_t v);
    static Value real32(float v);
    static Value real64(double v);
    static Value boolean(bool v);
    static Value binary(std::vector<uint8_t> bytes);
    static Value guid(const Guid& g);
    static Value sizeT(uint64_t v, bool wide = true); // 8 bytes, or 4 when !wide
    static Value fileTime(uint64_t ticks);
    static Value systemTime(const SystemTime& t);
    static Value sid(std::string_view text); // "S-1-5-21-…"; throws std::invalid_argument
    static Value hex32(uint32_t v);
    static Value hex64(uint64_t v);
    // Arrays: items of one fixed-size type, SIDs, or strings (each item
    // NUL-terminated). Throws std::invalid_argument on mixed types.
    static Value array(const std::vector<Value>& items);
    static Value stringArray(const std::vector<std::string>& utf8Items);
    // Nested BinXML (0x21): a template instance, or a plain element tree.
    static Value binXml(Instance instance);
    static Value binXml(const Node& element);

  private:
    Value(uint8_t type, std::vector<uint8_t> bytes) : type_(type), bytes_(std::move(bytes)) {}
    uint8_t type_ = vt::Null;
    std::vector<uint8_t> bytes_;
    std::shared_ptr<const Instance> instance_;
    std::shared_ptr<const Element> element_;
};

// A template with the values for its substitutions (value i fills every
// substitution with index i).
struct Instance {
    TemplatePtr tmpl;
    std::vector<Value> values;
};

struct Event {
    uint64_t writtenTime = 0; // FILETIME of the record header
    Instance body;
};

// UTF-8 to UTF-16 code units (invalid bytes become U+FFFD).
std::u16string toUtf16(std::string_view utf8);

// FILETIME ticks (100 ns since 1601-01-01 UTC) for a Unix time.
uint64_t fileTimeFromUnix(int64_t seconds, uint32_t ticks100ns = 0);
// The SYSTEMTIME (UTC, milliseconds truncated) of a FILETIME.
SystemTime systemTimeFromFileTime(uint64_t ticks);

} // namespace evtx::writer
