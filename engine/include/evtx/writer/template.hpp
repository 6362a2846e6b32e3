// The writer's input model, part 1: a template is an element tree with
// numbered substitution slots, identified by a GUID. Trees are immutable once
// built and shared (one template serves many events).
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace evtx::writer {

// A GUID in its on-disk layout (first three groups little-endian).
struct Guid {
    std::array<uint8_t, 16> bytes{};

    // "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX", braces optional; throws
    // std::invalid_argument on anything else.
    static Guid parse(std::string_view text);
    auto operator<=>(const Guid&) const = default;
};

struct Element;

// One piece of element content or attribute value.
struct Node {
    enum class Kind : uint8_t { Element, Text, CData, CharRef, EntityRef, PI, Subst };
    Kind kind = Kind::Text;
    std::string text;                       // Text/CData: UTF-8; EntityRef: entity name; PI: target
    std::string data;                       // PI: data
    uint16_t index = 0;                     // Subst: value index; CharRef: code point
    uint8_t type = 0;                       // Subst: declared value type (evtx::vt)
    bool optional = false;                  // Subst: optional (0x0e) rather than normal (0x0d)
    std::shared_ptr<const Element> element; // Kind::Element
};

// An attribute's value is one node: text, a substitution, or a character or
// entity reference (a single token, as readers expect).
struct Attribute {
    std::string name;
    Node value;
};

struct Element {
    std::string name;
    std::vector<Attribute> attributes;
    std::vector<Node> content;
};

// Builders, so that a template reads like the XML it stands for:
//   el("Provider", {attr("Name", sub(0, vt::String))})
Node el(std::string name, std::vector<Attribute> attributes = {}, std::vector<Node> content = {});
Node text(std::string utf8);
Node cdata(std::string utf8);
Node charRef(uint16_t codePoint);
Node entityRef(std::string name);
Node pi(std::string target, std::string data);
Node sub(uint16_t index, uint8_t type);    // normal substitution
Node optSub(uint16_t index, uint8_t type); // optional substitution
Attribute attr(std::string name, Node value);

struct Template {
    Guid guid;
    Element root;
};
using TemplatePtr = std::shared_ptr<const Template>;

// `root` must be an element node. One GUID must always mean the same tree:
// the writer keys a chunk's template definitions by GUID.
TemplatePtr makeTemplate(const Guid& guid, const Node& root);

} // namespace evtx::writer
