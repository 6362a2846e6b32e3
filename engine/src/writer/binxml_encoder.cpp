#include "writer/binxml_encoder.hpp"

#include <cstring>

namespace evtx::writer {
namespace {

constexpr int kMaxNesting = 8; // BinXML values inside BinXML values (readers cap at 16)

// Tokens (evtx-format.md, "BinXML tokens").
constexpr uint8_t kEndOfFragment = 0x00;
constexpr uint8_t kOpenStart = 0x01;
constexpr uint8_t kCloseStart = 0x02;
constexpr uint8_t kCloseEmpty = 0x03;
constexpr uint8_t kEndElement = 0x04;
constexpr uint8_t kValue = 0x05;
constexpr uint8_t kAttribute = 0x06;
constexpr uint8_t kCData = 0x07;
constexpr uint8_t kCharRef = 0x08;
constexpr uint8_t kEntityRef = 0x09;
constexpr uint8_t kPITarget = 0x0a;
constexpr uint8_t kPIData = 0x0b;
constexpr uint8_t kTemplateInstance = 0x0c;
constexpr uint8_t kNormalSubst = 0x0d;
constexpr uint8_t kOptionalSubst = 0x0e;
constexpr uint8_t kFragmentHeader = 0x0f;
constexpr uint8_t kMoreFlag = 0x40; // "has attributes" / "more attributes follow"

void fragmentHeader(ChunkEncoder& c) {
    const uint8_t h[4] = {kFragmentHeader, 1, 1, 0};
    c.raw(h, 4);
}

// An element whose only content is an optional substitution depends on that
// value (dependency id); others carry 0xFFFF.
uint16_t dependencyId(const Element& e) {
    if (e.content.size() == 1 && e.content[0].kind == Node::Kind::Subst && e.content[0].optional)
        return e.content[0].index;
    return 0xFFFF;
}

} // namespace

std::string BinXmlEncoder::fragment(const Instance& inst) {
    fragmentHeader(c_);
    std::string err = instance(inst);
    c_.u8(kEndOfFragment);
    return err;
}

std::string BinXmlEncoder::fragment(const Element& e) {
    fragmentHeader(c_);
    std::string err = element(e, false);
    c_.u8(kEndOfFragment);
    return err;
}

std::string BinXmlEncoder::instance(const Instance& inst) {
    if (!inst.tmpl) return "template instance without a template";
    const Guid& guid = inst.tmpl->guid;
    uint32_t templateId;
    std::memcpy(&templateId, guid.bytes.data(), 4);
    c_.u8(kTemplateInstance);
    c_.u8(1);
    c_.u32(templateId);
    if (uint32_t at = c_.templateOffset(guid)) {
        c_.u32(at);
    } else {
        // First use in this chunk: the definition follows inline, so its
        // offset is the position right after this field.
        const uint32_t def = c_.pos() + 4;
        c_.u32(def);
        c_.u32(c_.addTemplate(guid, def));
        c_.raw(guid.bytes.data(), guid.bytes.size());
        const uint32_t sizeAt = c_.pos();
        c_.u32(0);
        fragmentHeader(c_);
        if (std::string err = element(inst.tmpl->root, true); !err.empty()) return err;
        c_.u8(kEndOfFragment);
        c_.patch32(sizeAt, c_.pos() - sizeAt - 4);
    }
    return values(inst.values);
}

std::string BinXmlEncoder::element(const Element& e, bool inTemplate) {
    if (e.name.empty()) return "element without a name";
    const bool hasAttributes = !e.attributes.empty();
    c_.u8(hasAttributes ? kOpenStart | kMoreFlag : kOpenStart);
    // Elements of nested BinXML values carry no dependency id.
    if (inTemplate) c_.u16(dependencyId(e));
    const uint32_t sizeAt = c_.pos();
    c_.u32(0);
    c_.name(e.name);
    if (hasAttributes) {
        const uint32_t listAt = c_.pos();
        c_.u32(0);
        for (size_t i = 0; i < e.attributes.size(); ++i) {
            const Attribute& a = e.attributes[i];
            const bool more = i + 1 < e.attributes.size();
            c_.u8(more ? kAttribute | kMoreFlag : kAttribute);
            c_.name(a.name);
            switch (a.value.kind) {
            case Node::Kind::Text:
            case Node::Kind::Subst:
            case Node::Kind::CharRef:
            case Node::Kind::EntityRef:
                break;
            default:
                return "attribute " + a.name + " has a value that is not a single token";
            }
            if (std::string err = content(a.value, inTemplate); !err.empty()) return err;
        }
        c_.patch32(listAt, c_.pos() - listAt - 4);
    }
    if (e.content.empty()) {
        c_.u8(kCloseEmpty);
    } else {
        c_.u8(kCloseStart);
        for (const Node& n : e.content)
            if (std::string err = content(n, inTemplate); !err.empty()) return err;
        c_.u8(kEndElement);
    }
    // Data size: everything after the field, the closing token included.
    c_.patch32(sizeAt, c_.pos() - sizeAt - 4);
    return {};
}

std::string BinXmlEncoder::content(const Node& n, bool inTemplate) {
    auto counted = [&](uint8_t token, const std::string& utf8) -> std::string {
        const std::u16string s = toUtf16(utf8);
        if (s.size() > 0xFFFF) return "text of " + std::to_string(s.size()) + " units is too long";
        c_.u8(token);
        if (token == kValue) c_.u8(vt::String);
        c_.u16(uint16_t(s.size()));
        c_.utf16(s);
        return {};
    };
    switch (n.kind) {
    case Node::Kind::Element:
        if (!n.element) return "element node without an element";
        return element(*n.element, inTemplate);
    case Node::Kind::Text:
        return counted(kValue, n.text);
    case Node::Kind::CData:
        return counted(kCData, n.text);
    case Node::Kind::CharRef:
        c_.u8(kCharRef);
        c_.u16(n.index);
        return {};
    case Node::Kind::EntityRef:
        c_.u8(kEntityRef);
        c_.name(n.text);
        return {};
    case Node::Kind::PI:
        c_.u8(kPITarget);
        c_.name(n.text);
        return counted(kPIData, n.data);
    case Node::Kind::Subst:
        if (!inTemplate) return "substitution outside a template";
        c_.u8(n.optional ? kOptionalSubst : kNormalSubst);
        c_.u16(n.index);
        c_.u8(n.type);
        return {};
    }
    return "unknown node kind";
}

std::string BinXmlEncoder::values(const std::vector<Value>& vals) {
    c_.u32(uint32_t(vals.size()));
    const uint32_t descriptors = c_.pos();
    for (const Value& v : vals) {
        if (v.bytes().size() > 0xFFFF)
            return "value of " + std::to_string(v.bytes().size()) + " bytes (at most 65535)";
        c_.u16(uint16_t(v.bytes().size())); // BinXML values: patched once encoded
        c_.u8(v.type());
        c_.u8(0);
    }
    for (size_t i = 0; i < vals.size(); ++i) {
        const Value& v = vals[i];
        if (v.type() != vt::BinXml) {
            c_.raw(v.bytes().data(), v.bytes().size());
            continue;
        }
        if (++depth_ > kMaxNesting) return "BinXML values nested too deeply";
        const uint32_t start = c_.pos();
        std::string err;
        if (v.nestedInstance())
            err = fragment(*v.nestedInstance());
        else if (v.nestedElement())
            err = fragment(*v.nestedElement());
        --depth_;
        if (!err.empty()) return err;
        const uint32_t size = c_.pos() - start;
        if (size > 0xFFFF)
            return "BinXML value of " + std::to_string(size) + " bytes (at most 65535)";
        c_.patch16(descriptors + 4 * uint32_t(i), uint16_t(size));
    }
    return {};
}

} // namespace evtx::writer
