#include "evtx/writer/template.hpp"

#include <stdexcept>

namespace evtx::writer {
namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

Guid Guid::parse(std::string_view s) {
    if (s.size() == 38 && s.front() == '{' && s.back() == '}') s = s.substr(1, 36);
    if (s.size() != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
        throw std::invalid_argument("bad GUID text: " + std::string(s));
    // Text order of the 16 bytes; the first three groups are stored reversed.
    uint8_t text[16];
    size_t n = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '-') continue;
        const int hi = hexDigit(s[i]), lo = i + 1 < s.size() ? hexDigit(s[i + 1]) : -1;
        if (hi < 0 || lo < 0) throw std::invalid_argument("bad GUID text: " + std::string(s));
        text[n++] = uint8_t(hi * 16 + lo);
        ++i;
    }
    static constexpr uint8_t kOrder[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    Guid g;
    for (size_t i = 0; i < 16; ++i)
        g.bytes[i] = text[kOrder[i]];
    return g;
}

Node el(std::string name, std::vector<Attribute> attributes, std::vector<Node> content) {
    Node n;
    n.kind = Node::Kind::Element;
    n.element = std::make_shared<const Element>(
        Element{std::move(name), std::move(attributes), std::move(content)});
    return n;
}

Node text(std::string utf8) {
    Node n;
    n.kind = Node::Kind::Text;
    n.text = std::move(utf8);
    return n;
}

Node cdata(std::string utf8) {
    Node n;
    n.kind = Node::Kind::CData;
    n.text = std::move(utf8);
    return n;
}

Node charRef(uint16_t codePoint) {
    Node n;
    n.kind = Node::Kind::CharRef;
    n.index = codePoint;
    return n;
}

Node entityRef(std::string name) {
    Node n;
    n.kind = Node::Kind::EntityRef;
    n.text = std::move(name);
    return n;
}

Node pi(std::string target, std::string data) {
    Node n;
    n.kind = Node::Kind::PI;
    n.text = std::move(target);
    n.data = std::move(data);
    return n;
}

Node sub(uint16_t index, uint8_t type) {
    Node n;
    n.kind = Node::Kind::Subst;
    n.index = index;
    n.type = type;
    return n;
}

Node optSub(uint16_t index, uint8_t type) {
    Node n = sub(index, type);
    n.optional = true;
    return n;
}

Attribute attr(std::string name, Node value) {
    return Attribute{std::move(name), std::move(value)};
}

TemplatePtr makeTemplate(const Guid& guid, const Node& root) {
    if (root.kind != Node::Kind::Element || !root.element)
        throw std::invalid_argument("a template's root must be an element");
    return std::make_shared<const Template>(Template{guid, *root.element});
}

} // namespace evtx::writer
