#include "evtx/binxml/binxml_parser.hpp"

#include "evtx/format/file_header.hpp"
#include "evtx/text/text.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>

namespace evtx {
namespace {

constexpr int kMaxDepth = 256;          // element nesting, templates and values included
constexpr int kMaxFragmentNesting = 16; // BinXML values inside BinXML values
// What rendering a record may cost (nodes + text bytes, substitutions and
// array repeats expanded): a base plus a factor of the record's size, so a
// crafted record reusing a huge template or nesting values that are each
// substituted many times cannot make output grow beyond linear in the file.
constexpr uint64_t kMaxExpansionBase = 16384;
constexpr uint64_t kMaxExpansionPerByte = 256;
// Template definition bytes hashed or parsed per chunk: overlapping
// definitions cannot make a chunk cost more than a few passes over it.
constexpr size_t kMaxTemplateBytesPerChunk = 8 * kChunkSize;

uint64_t satAdd(uint64_t a, uint64_t b) {
    return a + b < a ? UINT64_MAX : a + b;
}
uint64_t satMul(uint64_t a, uint64_t b) {
    return b && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

std::string hexOffset(size_t off) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "offset 0x%08zx", off);
    return buf;
}

// Hash of a template definition's bytes (each chunk repeats its templates,
// so this runs for every definition of every chunk): a word at a time.
uint64_t definitionHash(const uint8_t* p, size_t n) {
    uint64_t h = 1469598103934665603ull ^ n;
    for (; n >= 8; n -= 8, p += 8) {
        h = (h ^ loadLE<uint64_t>(p)) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 29;
    }
    for (; n > 0; --n, ++p)
        h = (h ^ *p) * 1099511628211ull;
    return h ^ (h >> 32);
}

} // namespace

// Turns one token stream into nodes of `prog`. Used for template definitions
// (tree == nullptr, elements carry a dependency id) and for records' own
// fragments (tree != nullptr: template instances and their values allowed).
class FragmentReader {
  public:
    FragmentReader(ChunkBinXml& owner, Program& prog, RecordTree* tree, bool inTemplateDef,
                   Cursor cur, int nesting)
        : owner_(owner), prog_(prog), tree_(tree), inTemplateDef_(inTemplateDef), cur_(cur),
          nesting_(nesting) {}

    // Reads tokens up to the end-of-fragment token (or the cursor's end).
    // On success `first` is the first top-level node (or -1).
    bool run(int32_t& first, std::string& error);

    size_t pos() const { return cur_.pos(); }
    uint32_t maxDepth() const { return maxDepth_; }

    // Set before run(): where this fragment starts nesting (outer elements
    // and templates) and the record's expansion limit.
    uint32_t depthBase = 0;
    uint64_t expansionLimit = UINT64_MAX;
    uint64_t cost = 0; // expanded cost of the template instances read

  private:
    struct Frame {
        int32_t element;
        int32_t lastChild = -1;
        int32_t lastAttr = -1;
        int32_t lastAttrValue = -1;
    };

    bool fail(const std::string& what) {
        error_ = hexOffset(cur_.pos()) + ": " + what;
        return false;
    }
    bool truncated(const char* what) { return fail(std::string("truncated ") + what); }

    int32_t newNode(NodeKind kind) {
        prog_.nodes.push_back(Node{});
        prog_.nodes.back().kind = kind;
        return int32_t(prog_.nodes.size() - 1);
    }
    uint32_t newString(std::string s) {
        prog_.strings.push_back(std::move(s));
        return uint32_t(prog_.strings.size() - 1);
    }
    uint32_t newUtf16String(const uint8_t* p, size_t units, bool stopAtNul) {
        return newString(utf16ToUtf8(p, units, stopAtNul));
    }
    // What reading one token leaves: go on, the fragment is complete, or
    // it failed (error_ says why).
    enum class Step : uint8_t { Next, Done, Failed };
    static Step stepOf(bool ok) { return ok ? Step::Next : Step::Failed; }
    Step readToken(uint8_t token);
    Step invalidToken(uint8_t token);
    Step endOfFragment();
    Step openElement(bool hasAttributes);
    Step closeStartElement();
    Step endElement();
    Step valueText();
    Step attribute();
    Step cdata();
    Step charRef();
    Step entityRef();
    Step piTarget();
    Step piData();
    Step templateInstance();
    Step substitution(bool optional);
    Step fragmentHeader();

    void appendContent(int32_t node);
    bool readName(uint32_t& nameId);
    bool readUtf16(uint32_t& stringId, const char* what);
    bool readTemplateInstance(int32_t& node);
    bool readValues(uint32_t count, const uint8_t* descriptors, uint32_t depth);
    uint64_t useCost(const Program& tpl, const Value* values, uint32_t count) const;
    uint64_t listCost(const Program& p, int32_t first, const Value* values, uint32_t count,
                      int32_t skip) const;

    ChunkBinXml& owner_;
    Program& prog_;
    RecordTree* tree_;
    bool inTemplateDef_;
    Cursor cur_;
    int nesting_;
    std::vector<Frame> stack_;
    int32_t firstTop_ = -1, lastTop_ = -1;
    int32_t currentAttr_ = -1;
    std::string error_;
    uint32_t maxDepth_ = 0;
    // Expanded costs of this instance's BinXML values (value index, cost).
    // This nesting level's fragment-value costs (scratch of the tree).
    std::vector<std::pair<uint32_t, uint64_t>>& fragmentCosts() const {
        if (tree_->fragmentCosts.size() <= size_t(nesting_))
            tree_->fragmentCosts.resize(size_t(nesting_) + 1);
        return tree_->fragmentCosts[size_t(nesting_)];
    }
};

void FragmentReader::appendContent(int32_t node) {
    if (stack_.empty()) {
        if (lastTop_ < 0)
            firstTop_ = node;
        else
            prog_.nodes[size_t(lastTop_)].next = node;
        lastTop_ = node;
        return;
    }
    Frame& f = stack_.back();
    if (currentAttr_ >= 0) {
        if (f.lastAttrValue < 0)
            prog_.nodes[size_t(currentAttr_)].firstChild = node;
        else
            prog_.nodes[size_t(f.lastAttrValue)].next = node;
        f.lastAttrValue = node;
        return;
    }
    if (f.lastChild < 0)
        prog_.nodes[size_t(f.element)].firstChild = node;
    else
        prog_.nodes[size_t(f.lastChild)].next = node;
    f.lastChild = node;
}

bool FragmentReader::readName(uint32_t& nameId) {
    uint32_t offset;
    if (!cur_.read(offset)) return truncated("name offset");
    Bytes chunk = cur_.data();
    // The string: u32 next offset, u16 hash, u16 length, UTF-16 text, u16 NUL.
    if (size_t(offset) + 8 > owner_.chunk_.size())
        return fail("name offset " + std::to_string(offset) + " is outside the chunk");
    const uint8_t* s = owner_.chunk_.data() + offset;
    uint16_t units = loadLE<uint16_t>(s + 6);
    if (size_t(offset) + 8 + size_t(units) * 2 > owner_.chunk_.size())
        return fail("name at " + std::to_string(offset) + " runs past the chunk");
    if (!inTemplateDef_) {
        // A record's own name: decoded once per chunk (the bytes at `offset`
        // do not change, so neither does their text).
        auto [it, added] = owner_.names_.try_emplace(offset);
        if (added) it->second = utf16ToUtf8(s + 8, units);
        nameId = newString(it->second);
    } else {
        nameId = newUtf16String(s + 8, units, true);
    }
    if (offset == cur_.pos()) {
        // Stored inline: move past it (and its NUL terminator).
        if (!cur_.skip(8 + size_t(units) * 2 + 2)) return truncated("inline name");
    } else {
        prog_.namesInline = false;
        if (inTemplateDef_)
            prog_.chunkNames.push_back(
                {offset, std::string(reinterpret_cast<const char*>(s + 8), size_t(units) * 2)});
    }
    (void)chunk;
    return true;
}

bool FragmentReader::readUtf16(uint32_t& stringId, const char* what) {
    uint16_t units;
    if (!cur_.read(units)) return truncated(what);
    if (!cur_.has(size_t(units) * 2)) return truncated(what);
    stringId = newUtf16String(cur_.here(), units, false);
    cur_.skip(size_t(units) * 2);
    return true;
}

bool FragmentReader::run(int32_t& first, std::string& error) {
    Step step = Step::Next;
    uint8_t token;
    // The end of the data counts as the end of the fragment.
    while (step == Step::Next && cur_.read(token))
        step = readToken(token);
    if (step == Step::Failed) {
        error = error_;
        return false;
    }
    if (step == Step::Next && !stack_.empty()) {
        error = hexOffset(cur_.pos()) + ": BinXML ended inside an open element";
        return false;
    }
    first = firstTop_;
    return true;
}

// One token kind per function, as the token table of evtx-format.md lists them.
// Inlined into run(): the token loop is the parser's hot path (PERF.md).
[[gnu::always_inline]] inline FragmentReader::Step FragmentReader::readToken(uint8_t token) {
    if (token & 0xB0) return invalidToken(token);
    switch (token & 0x0F) {
    case 0x00:
        return endOfFragment();
    case 0x01:
        return openElement(token & 0x40);
    case 0x02:
        return closeStartElement();
    case 0x03: // close empty element
    case 0x04:
        return endElement();
    case 0x05:
        return valueText();
    case 0x06:
        return attribute();
    case 0x07:
        return cdata();
    case 0x08:
        return charRef();
    case 0x09:
        return entityRef();
    case 0x0a:
        return piTarget();
    case 0x0b:
        return piData();
    case 0x0c:
        return templateInstance();
    case 0x0d:
        return substitution(false);
    case 0x0e:
        return substitution(true);
    default:
        return fragmentHeader(); // 0x0f
    }
}

FragmentReader::Step FragmentReader::invalidToken(uint8_t token) {
    cur_.seek(cur_.pos() - 1);
    fail("invalid BinXML token 0x" + std::string(1, "0123456789abcdef"[token >> 4]) +
         std::string(1, "0123456789abcdef"[token & 15]));
    return Step::Failed;
}

[[gnu::always_inline]] inline FragmentReader::Step FragmentReader::endOfFragment() {
    if (!stack_.empty()) return stepOf(fail("end of fragment inside an open element"));
    return Step::Done;
}

[[gnu::always_inline]] inline FragmentReader::Step FragmentReader::openElement(bool hasAttributes) {
    if (inTemplateDef_) {
        uint16_t dependency;
        if (!cur_.read(dependency)) return stepOf(truncated("element"));
    }
    uint32_t dataSize;
    if (!cur_.read(dataSize)) return stepOf(truncated("element"));
    uint32_t name;
    if (!readName(name)) return Step::Failed;
    if (hasAttributes) {
        uint32_t attrListSize;
        if (!cur_.read(attrListSize)) return stepOf(truncated("attribute list"));
    }
    if (depthBase + stack_.size() >= size_t(kMaxDepth))
        return stepOf(
            fail("element nesting deeper than " + std::to_string(kMaxDepth) + " (kMaxDepth)"));
    if (stack_.size() >= maxDepth_) maxDepth_ = uint32_t(stack_.size() + 1);
    int32_t n = newNode(NodeKind::Element);
    prog_.nodes[size_t(n)].name = name;
    currentAttr_ = -1;
    appendContent(n);
    stack_.push_back(Frame{n});
    return Step::Next;
}

[[gnu::always_inline]] inline FragmentReader::Step
FragmentReader::closeStartElement() { // content follows
    currentAttr_ = -1;
    return stepOf(!stack_.empty() || fail("close start element outside an element"));
}

[[gnu::always_inline]] inline FragmentReader::Step FragmentReader::endElement() {
    if (stack_.empty()) return stepOf(fail("end element outside an element"));
    stack_.pop_back();
    currentAttr_ = -1;
    // A record or BinXML value holds one root element; like the reference,
    // anything after it is ignored.
    return stack_.empty() && tree_ ? Step::Done : Step::Next;
}

[[gnu::always_inline]] inline FragmentReader::Step FragmentReader::valueText() {
    uint8_t type;
    if (!cur_.read(type)) return stepOf(truncated("value"));
    if (type == vt::String) {
        uint32_t s;
        if (!readUtf16(s, "value text")) return Step::Failed;
        int32_t n = newNode(NodeKind::Text);
        prog_.nodes[size_t(n)].text = s;
        appendContent(n);
        return Step::Next;
    }
    uint32_t size = vt::fixedSize(type);
    if (size == 0) return stepOf(fail("unsupported value token type 0x" + std::to_string(type)));
    if (!cur_.has(size)) return stepOf(truncated("value"));
    prog_.literals.push_back(Value{cur_.here(), size, type});
    cur_.skip(size);
    int32_t n = newNode(NodeKind::Literal);
    prog_.nodes[size_t(n)].text = uint32_t(prog_.literals.size() - 1);
    appendContent(n);
    return Step::Next;
}

[[gnu::always_inline]] inline FragmentReader::Step FragmentReader::attribute() {
    if (stack_.empty()) return stepOf(fail("attribute outside an element"));
    uint32_t name;
    if (!readName(name)) return Step::Failed;
    int32_t n = newNode(NodeKind::Attribute);
    prog_.nodes[size_t(n)].name = name;
    Frame& f = stack_.back();
    if (f.lastAttr < 0)
        prog_.nodes[size_t(f.element)].firstAttr = n;
    else
        prog_.nodes[size_t(f.lastAttr)].next = n;
    f.lastAttr = n;
    f.lastAttrValue = -1;
    currentAttr_ = n;
    return Step::Next;
}

[[gnu::always_inline]] inline FragmentReader::Step FragmentReader::cdata() {
    uint32_t s;
    if (!readUtf16(s, "CDATA")) return Step::Failed;
    int32_t n = newNode(NodeKind::CData);
    prog_.nodes[size_t(n)].text = s;
    appendContent(n);
    return Step::Next;
}

[[gnu::always_inline]] inline FragmentReader::Step FragmentReader::charRef() {
    uint16_t cp;
    if (!cur_.read(cp)) return stepOf(truncated("character reference"));
    int32_t n = newNode(NodeKind::CharRef);
    prog_.nodes[size_t(n)].index = cp;
    appendContent(n);
    return Step::Next;
}

[[gnu::always_inline]] inline FragmentReader::Step FragmentReader::entityRef() {
    uint32_t name;
    if (!readName(name)) return Step::Failed;
    int32_t n = newNode(NodeKind::EntityRef);
    prog_.nodes[size_t(n)].name = name;
    appendContent(n);
    return Step::Next;
}

// A processing instruction's target; its data token follows.
[[gnu::always_inline]] inline FragmentReader::Step FragmentReader::piTarget() {
    uint32_t name;
    if (!readName(name)) return Step::Failed;
    int32_t n = newNode(NodeKind::PI);
    prog_.nodes[size_t(n)].name = name;
    prog_.nodes[size_t(n)].text = newString({});
    appendContent(n);
    if (cur_.has(1) && *cur_.here() == 0x0b) {
        cur_.skip(1);
        uint32_t s;
        if (!readUtf16(s, "processing instruction data")) return Step::Failed;
        prog_.nodes[size_t(n)].text = s;
    }
    return Step::Next;
}

[[gnu::always_inline]] inline FragmentReader::Step
FragmentReader::piData() { // without a target: skipped
    uint32_t s;
    return stepOf(readUtf16(s, "processing instruction data"));
}

[[gnu::always_inline]] inline FragmentReader::Step FragmentReader::templateInstance() {
    if (!tree_) return stepOf(fail("template instance inside a template definition"));
    int32_t n;
    if (!readTemplateInstance(n)) return Step::Failed;
    appendContent(n);
    return stack_.empty() ? Step::Done : Step::Next;
}

[[gnu::always_inline]] inline FragmentReader::Step FragmentReader::substitution(bool optional) {
    uint16_t index;
    uint8_t type;
    if (!cur_.read(index) || !cur_.read(type)) return stepOf(truncated("substitution"));
    int32_t n = newNode(NodeKind::Subst);
    Node& node = prog_.nodes[size_t(n)];
    node.index = index;
    node.valueType = type;
    node.optional = optional;
    appendContent(n);
    return Step::Next;
}

[[gnu::always_inline]] inline FragmentReader::Step
FragmentReader::fragmentHeader() { // major, minor, flags
    return stepOf(cur_.skip(3) || truncated("fragment header"));
}

bool FragmentReader::readTemplateInstance(int32_t& node) {
    uint8_t unknown;
    uint32_t templateId, defOffset;
    if (!cur_.read(unknown) || !cur_.read(templateId) || !cur_.read(defOffset))
        return truncated("template instance");
    if (defOffset == cur_.pos()) {
        // Definition stored inline: skip it (next offset, GUID, size, data).
        uint32_t dataSize;
        if (!cur_.skip(20) || !cur_.read(dataSize) || !cur_.skip(dataSize))
            return truncated("inline template definition");
    }
    std::string terr;
    const Program* tpl = owner_.templateAt(defOffset, terr);
    if (!tpl) return fail(terr);
    const uint32_t depth = depthBase + uint32_t(stack_.size()) + tpl->depth;
    if (depth > uint32_t(kMaxDepth))
        return fail("element nesting deeper than " + std::to_string(kMaxDepth) +
                    " (kMaxDepth) through template at " + std::to_string(defOffset));
    if (tpl->cost > expansionLimit) {
        return fail("record expands to more than " + std::to_string(expansionLimit) +
                    " nodes and bytes (kMaxExpansion*): template at " + std::to_string(defOffset) +
                    " alone is " + std::to_string(tpl->cost));
    }
    uint32_t count;
    if (!cur_.read(count)) return truncated("template value count");
    if (!cur_.has(size_t(count) * 4)) return truncated("template value descriptors");
    const uint8_t* descriptors = cur_.here();
    cur_.skip(size_t(count) * 4);
    TemplateUse use{tpl, uint32_t(tree_->values.size()), count};
    const size_t valuesBegin = cur_.pos();
    fragmentCosts().clear(); // (not held: nested levels may move the vector)
    if (!readValues(count, descriptors, depth)) return false;
    // Usually each value is written at most once: the template, the values'
    // bytes and each BinXML value's own expansion. Only arrays (elements
    // repeated per item) and indexes substituted twice need the walk, which
    // costs a pass over the template per record.
    bool plain = !tpl->repeatsValues;
    for (uint32_t i = 0; plain && i < count; ++i)
        plain = !(descriptors[4 * i + 2] & vt::ArrayFlag);
    uint64_t c;
    if (plain) {
        c = tpl->cost + (cur_.pos() - valuesBegin) + count;
        for (const auto& fragment : fragmentCosts())
            c = satAdd(c, fragment.second);
    } else {
        c = useCost(*tpl, tree_->values.data() + use.valueBase, count);
    }
    cost = satAdd(cost, c);
    if (cost > expansionLimit)
        return fail("record expands to more than " + std::to_string(expansionLimit) +
                    " nodes and bytes (kMaxExpansion*)");
    tree_->templates.push_back(use);
    node = newNode(NodeKind::Template);
    prog_.nodes[size_t(node)].text = uint32_t(tree_->templates.size() - 1);
    return true;
}

namespace {
// What the value loop needs to know of a type, looked up once per value.
struct ValueRule {
    uint8_t minSize = 0;       // smaller (and not empty) needs validateValue
    bool check = false;        // always needs validateValue when not empty
    bool ownEmptiness = false; // empty by isEmptyValue (strings are tested inline)
    bool layoutExtra = false;  // its shape needs more than the layout word
};

constexpr std::array<ValueRule, 256> makeValueRules() {
    std::array<ValueRule, 256> rules{};
    for (unsigned t = 0; t < 256; ++t) {
        ValueRule& r = rules[t];
        const uint8_t base = uint8_t(t & 0x7F);
        if (t & vt::ArrayFlag) {
            r.check = base == vt::SysTime;
            r.ownEmptiness = r.layoutExtra = true;
            continue;
        }
        switch (base) {
        case vt::SizeT:
        case vt::Sid:
        case vt::SysTime:
        case vt::EvtHandle:
        case vt::EvtXml:
            r.check = true;
            break;
        default:
            r.minSize = uint8_t(vt::fixedSize(base));
            break;
        }
        r.ownEmptiness =
            base == vt::Null || base == vt::AnsiString || base == vt::Binary || base == vt::BinXml;
        r.layoutExtra = base == vt::AnsiString;
    }
    return rules;
}
constexpr std::array<ValueRule, 256> kValueRules = makeValueRules();
} // namespace

bool FragmentReader::readValues(uint32_t count, const uint8_t* descriptors, uint32_t depth) {
    // The hot loop of parsing (dozens of values per record): local copies of
    // the cursor and the value array so nothing is reloaded per value.
    const size_t base = tree_->values.size();
    tree_->values.resize(base + count);
    tree_->layout.resize(base + count);
    Value* values = tree_->values.data() + base;
    uint16_t* layout = tree_->layout.data() + base;
    const uint8_t* data = cur_.data().data();
    const size_t end = cur_.data().size();
    size_t pos = cur_.pos();
    for (uint32_t i = 0; i < count; ++i) {
        const uint16_t size = loadLE<uint16_t>(descriptors + 4 * i);
        const uint8_t type = descriptors[4 * i + 2];
        if (pos > end || size > end - pos) {
            cur_.seek(pos);
            return fail("value " + std::to_string(i) + " of " + std::to_string(size) +
                        " bytes runs past the record");
        }
        Value& v = values[i];
        v.data = data + pos;
        v.size = size;
        v.type = type;
        // The value's part of the record shape, worked out here where its
        // type is already being tested: this saves a second pass per record.
        // Bit 9: non-zero size; bit 8: empty (size 0 always is).
        uint16_t lay = uint16_t(type | (size > 0 ? 0x200 : 0x100));
        if (type == vt::String) {
            // Always valid; empty when it has no first unit or that is NUL.
            if (size < 2 || (data[pos] == 0 && data[pos + 1] == 0)) lay |= 0x100;
        } else if (type == vt::BinXml && size > 0) [[unlikely]] {
            if (nesting_ >= kMaxFragmentNesting) {
                cur_.seek(pos);
                return fail("BinXML values nested deeper than " +
                            std::to_string(kMaxFragmentNesting));
            }
            Cursor sub(cur_.data().first(pos + size), pos);
            FragmentReader nested(owner_, tree_->raw, tree_, false, sub, nesting_ + 1);
            nested.depthBase = depth;
            nested.expansionLimit = expansionLimit;
            const size_t nodesBefore = tree_->raw.nodes.size();
            int32_t first = -1;
            std::string err;
            if (!nested.run(first, err)) {
                error_ = err;
                return false;
            }
            fragmentCosts().emplace_back(
                i, satAdd(nested.cost, tree_->raw.nodes.size() - nodesBefore + size));
            values = tree_->values.data() + base; // the nested values may have moved it
            layout = tree_->layout.data() + base;
            values[i].fragment = first;
            tree_->layoutExtras.push_back(uint32_t(base + i));
        } else {
            const ValueRule rule = kValueRules[type];
            if (size > 0 && (size < rule.minSize || rule.check)) [[unlikely]] {
                std::string err = validateValue(v);
                if (!err.empty()) {
                    cur_.seek(pos);
                    return fail(err);
                }
            }
            if (rule.ownEmptiness) {
                if (isEmptyValue(v)) lay |= 0x100;
                if (rule.layoutExtra) tree_->layoutExtras.push_back(uint32_t(base + i));
            }
        }
        layout[i] = lay;
        pos += size;
    }
    cur_.seek(pos);
    return true;
}

// What rendering one template instance writes, mirroring content_walk.hpp:
// BinXML values count their fragment's cost at each substitution, elements
// repeated per array item count once per item. Only reached when the
// template's own cost is within the limit, so the walk stays linear.
uint64_t FragmentReader::useCost(const Program& tpl, const Value* values, uint32_t count) const {
    return listCost(tpl, tpl.root, values, count, -1);
}

uint64_t FragmentReader::listCost(const Program& p, int32_t first, const Value* values,
                                  uint32_t count, int32_t skip) const {
    auto valueCost = [&](uint16_t index) -> uint64_t {
        if (index >= count) return 1;
        for (const auto& [i, c] : fragmentCosts())
            if (i == index) return c;
        return uint64_t(values[index].size) + 1;
    };
    // The array substitution that repeats an element (first one with more
    // than one item among its content, then its attributes' values).
    auto arrayIn = [&](int32_t list, size_t& length) -> int32_t {
        for (int32_t i = list; i >= 0; i = p.nodes[size_t(i)].next) {
            const Node& n = p.nodes[size_t(i)];
            if (n.kind != NodeKind::Subst || n.index >= count || !values[n.index].isArray())
                continue;
            length = 0;
            forEachArrayItem(values[n.index], [&](const Value&) { ++length; });
            if (length > 1) return i;
        }
        return -1;
    };
    uint64_t total = 0;
    for (int32_t i = first; i >= 0 && total <= expansionLimit; i = p.nodes[size_t(i)].next) {
        if (i == skip) continue;
        const Node& n = p.nodes[size_t(i)];
        switch (n.kind) {
        case NodeKind::Element: {
            size_t length = 1;
            int32_t arr = arrayIn(n.firstChild, length);
            for (int32_t a = n.firstAttr; arr < 0 && a >= 0; a = p.nodes[size_t(a)].next)
                arr = arrayIn(p.nodes[size_t(a)].firstChild, length);
            uint64_t inner = 1 + p.str(n.name).size();
            for (int32_t a = n.firstAttr; a >= 0; a = p.nodes[size_t(a)].next)
                inner = satAdd(
                    inner, satAdd(1 + p.str(p.nodes[size_t(a)].name).size(),
                                  listCost(p, p.nodes[size_t(a)].firstChild, values, count, arr)));
            inner = satAdd(inner, listCost(p, n.firstChild, values, count, arr));
            total = satAdd(total, arr < 0 ? inner
                                          : satAdd(satMul(inner, length),
                                                   valueCost(p.nodes[size_t(arr)].index)));
            break;
        }
        case NodeKind::Subst:
            total = satAdd(total, valueCost(n.index));
            break;
        case NodeKind::Text:
        case NodeKind::CData:
        case NodeKind::PI:
            total = satAdd(total, 1 + p.str(n.text).size());
            break;
        default:
            total = satAdd(total, 1);
            break;
        }
    }
    return total;
}

std::string ChunkBinXml::parseRecord(size_t begin, size_t end, RecordTree& tree) {
    tree.clear();
    Cursor cur(chunk_.first(end), begin);
    FragmentReader reader(*this, tree.raw, &tree, false, cur, 0);
    reader.expansionLimit = kMaxExpansionBase + kMaxExpansionPerByte * (end - begin);
    int32_t first = -1;
    std::string err;
    if (!reader.run(first, err)) return err;
    tree.raw.root = first;
    return {};
}

const Program* ChunkBinXml::templateAt(uint32_t offset, std::string& error) {
    if (lastHit_ < byOffset_.size() && byOffset_[lastHit_].first == offset)
        return byOffset_[lastHit_].second;
    if (!manyByOffset_.empty()) {
        if (auto it = manyByOffset_.find(offset); it != manyByOffset_.end()) return it->second;
    } else {
        for (size_t i = 0; i < byOffset_.size(); ++i) {
            if (byOffset_[i].first == offset) {
                lastHit_ = i;
                return byOffset_[i].second;
            }
        }
    }
    if (!failed_.empty()) {
        if (auto it = failed_.find(offset); it != failed_.end()) {
            error = it->second;
            return nullptr;
        }
    }
    // Definition: u32 next offset, 16-byte GUID, u32 data size, BinXML.
    if (size_t(offset) + 24 > chunk_.size()) {
        error = "template definition offset " + std::to_string(offset) + " is outside the chunk";
        return nullptr;
    }
    const uint8_t* d = chunk_.data() + offset;
    TemplateKey key;
    std::memcpy(key.guid.data(), d + 4, 16);
    key.size = loadLE<uint32_t>(d + 20);
    size_t dataEnd = std::min(chunk_.size(), size_t(offset) + 24 + key.size);
    templateBytes_ += dataEnd - (offset + 24);
    if (templateBytes_ > kMaxTemplateBytesPerChunk) {
        error = "template definitions in this chunk exceed " +
                std::to_string(kMaxTemplateBytesPerChunk) + " bytes (kMaxTemplateBytesPerChunk)";
        return nullptr;
    }
    key.hash = definitionHash(d + 24, dataEnd - (offset + 24));

    if (const Program* shared = cache_.find(key)) return remember(offset, shared);
    if (const Program* shared = cache_.findWithNames(key, chunk_)) return remember(offset, shared);
    auto prog = std::make_unique<Program>();
    FragmentReader reader(*this, *prog, nullptr, true, Cursor(chunk_, offset + 24), 0);
    int32_t first = -1;
    const bool parsed = reader.run(first, error);
    templateBytes_ += reader.pos() - std::min(reader.pos(), dataEnd);
    if (!parsed) {
        error = "template at " + std::to_string(offset) + ": " + error;
        failed_.emplace(offset, error);
        return nullptr;
    }
    prog->root = first;
    // For the record limits: one rendering's cost, nesting, repeated values.
    prog->depth = reader.maxDepth();
    prog->cost = prog->nodes.size();
    for (const std::string& str : prog->strings)
        prog->cost += str.size();
    for (const Value& v : prog->literals)
        prog->cost += v.size;
    std::vector<bool> used;
    for (const Node& n : prog->nodes) {
        if (n.kind != NodeKind::Subst) continue;
        if (n.index >= used.size()) used.resize(size_t(n.index) + 1);
        if (used[n.index]) prog->repeatsValues = true;
        used[n.index] = true;
    }
    const Program* result;
    if (prog->namesInline) {
        result = cache_.insert(key, std::move(prog));
    } else {
        // Names point elsewhere in this chunk: shared with chunks whose
        // strings at those offsets are the same.
        result = cache_.insertWithNames(key, std::move(prog), chunk_);
    }
    return remember(offset, result);
}

const Program* ChunkBinXml::remember(uint32_t offset, const Program* p) {
    byOffset_.emplace_back(offset, p);
    if (byOffset_.size() > 16) {
        if (manyByOffset_.empty())
            for (const auto& [o, q] : byOffset_)
                manyByOffset_.emplace(o, q);
        manyByOffset_.emplace(offset, p);
    }
    return p;
}

} // namespace evtx
