// The XPath subset Windows Event Viewer writes in custom views:
//   *[System[Provider[@Name='X'] and (EventID=4624 or EventID=4625)
//            and (Level=2 or Level=3) and band(Keywords, 4503599627370496)
//            and TimeCreated[timediff(@SystemTime) <= 86400000]]]
//   *[EventData[Data[@Name='TargetUserName']='SYSTEM']]
//   *[EventData[Data[2]='x']]            (the second <Data>: unnamed values)
//   *[UserData[EventXML[Param1='x']]]
// Every step maps to a filter-language node; anything else is an error
// naming what was expected.
#include "evtx/render/data_field_name.hpp"
#include "node_builder.hpp"
#include "parsers.hpp"
#include "time_literal.hpp"

#include <array>

namespace evtx {
namespace {

// Parentheses and not()s nest by recursion: deeper input is an error, not a
// stack overflow.
constexpr int kMaxQueryNesting = 128;

struct XToken {
    enum class Kind : uint8_t {
        End,
        Name,
        Text,
        Number,
        Compare,
        At,
        Star,
        LBracket,
        RBracket,
        LParen,
        RParen,
        Comma
    };
    Kind kind = Kind::End;
    size_t position = 0;
    std::string text;
    uint64_t number = 0;
    CompareOp op = CompareOp::Eq;

    bool is(std::string_view name) const { return kind == Kind::Name && text == name; }
};
using XK = XToken::Kind;

struct XFailure {
    size_t position;
    std::string message;
};

bool isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':';
}

std::vector<XToken> tokenize(std::string_view s) {
    std::vector<XToken> out;
    size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        XToken t;
        t.position = i;
        const char next = i + 1 < s.size() ? s[i + 1] : '\0';
        auto symbol = [&](XK kind, size_t length) {
            t.kind = kind;
            i += length;
        };
        auto compare = [&](CompareOp op, size_t length) {
            t.op = op;
            symbol(XK::Compare, length);
        };
        if (isNameStart(c)) {
            while (i < s.size() && isNameChar(s[i]))
                ++i;
            t.kind = XK::Name;
            t.text = std::string(s.substr(t.position, i - t.position));
        } else if (c >= '0' && c <= '9') {
            while (i < s.size() && isNameChar(s[i]))
                ++i;
            t.kind = XK::Number;
            t.text = std::string(s.substr(t.position, i - t.position));
            if (!parseNumberText(t.text, t.number))
                throw XFailure{t.position, "expected a number, found '" + t.text + "'"};
        } else if (c == '\'' || c == '"') {
            const size_t close = s.find(c, i + 1);
            if (close == std::string_view::npos)
                throw XFailure{i, std::string("unterminated text: expected a closing ") + c};
            t.kind = XK::Text;
            t.text = std::string(s.substr(i + 1, close - i - 1));
            i = close + 1;
        } else if (c == '=') {
            compare(CompareOp::Eq, next == '=' ? 2 : 1);
        } else if (c == '!' && next == '=') {
            compare(CompareOp::Ne, 2);
        } else if (c == '<') {
            next == '=' ? compare(CompareOp::Le, 2) : compare(CompareOp::Lt, 1);
        } else if (c == '>') {
            next == '=' ? compare(CompareOp::Ge, 2) : compare(CompareOp::Gt, 1);
        } else if (c == '@') {
            symbol(XK::At, 1);
        } else if (c == '*') {
            symbol(XK::Star, 1);
        } else if (c == '[') {
            symbol(XK::LBracket, 1);
        } else if (c == ']') {
            symbol(XK::RBracket, 1);
        } else if (c == '(') {
            symbol(XK::LParen, 1);
        } else if (c == ')') {
            symbol(XK::RParen, 1);
        } else if (c == ',') {
            symbol(XK::Comma, 1);
        } else {
            throw XFailure{i, std::string("unexpected character '") + c + "'"};
        }
        out.push_back(std::move(t));
    }
    XToken end;
    end.position = s.size();
    out.push_back(end);
    return out;
}

// Where a step is: which element's children or attributes it names.
enum class Context : uint8_t { Event, System, Provider, TimeCreated, Execution, Security, Data };

struct SystemChild {
    std::string_view name;
    QueryField field;
};
constexpr std::array kSystemValues{
    SystemChild{"EventID", QueryField::EventId},
    SystemChild{"Level", QueryField::Level},
    SystemChild{"Task", QueryField::Task},
    SystemChild{"Opcode", QueryField::Opcode},
    SystemChild{"Keywords", QueryField::Keywords},
    SystemChild{"EventRecordID", QueryField::RecordId},
    SystemChild{"Channel", QueryField::Channel},
    SystemChild{"Computer", QueryField::Computer},
};

class XPathParser {
  public:
    XPathParser(std::vector<XToken> tokens, uint64_t now) : tokens_(std::move(tokens)), now_(now) {}

    QueryNode parseQuery() {
        const XToken& t = peek();
        if (t.kind != XK::Star && !t.is("Event"))
            fail(t, "expected '*' or 'Event' at the start of an XPath query");
        take();
        if (peek().kind == XK::End) return QueryNode{};
        expect(XK::LBracket, "'[' after '" + std::string(t.kind == XK::Star ? "*" : "Event") + "'");
        QueryNode n = parseOr(Context::Event);
        expect(XK::RBracket, "']'");
        if (peek().kind != XK::End) fail(peek(), "expected the end of the query");
        return n;
    }

  private:
    const XToken& peek(size_t ahead = 0) const {
        return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
    }
    const XToken& take() {
        const XToken& t = peek();
        if (pos_ + 1 < tokens_.size()) ++pos_;
        return t;
    }
    [[noreturn]] void fail(const XToken& at, std::string message) const {
        throw XFailure{at.position, std::move(message)};
    }
    const XToken& expect(XK kind, const std::string& what) {
        if (peek().kind != kind) fail(peek(), "expected " + what);
        return take();
    }

    QueryNode parseOr(Context c) {
        std::vector<QueryNode> parts{parseAnd(c)};
        while (peek().is("or")) {
            take();
            parts.push_back(parseAnd(c));
        }
        return joinNodes(QueryNode::Kind::Or, std::move(parts));
    }

    QueryNode parseAnd(Context c) {
        std::vector<QueryNode> parts{parseUnary(c)};
        while (peek().is("and")) {
            take();
            parts.push_back(parseUnary(c));
        }
        return joinNodes(QueryNode::Kind::And, std::move(parts));
    }

    QueryNode parseUnary(Context c) {
        Nesting guard(*this);
        if (peek().is("not") && peek(1).kind == XK::LParen) {
            take();
            take();
            QueryNode n = notNode(parseOr(c));
            expect(XK::RParen, "')' to close not(");
            return n;
        }
        if (peek().kind == XK::LParen) {
            take();
            QueryNode n = parseOr(c);
            expect(XK::RParen, "')'");
            return n;
        }
        switch (c) {
        case Context::Event:
            return parseEventChild();
        case Context::System:
            return parseSystemChild();
        case Context::Data:
            return parseDataChild();
        default:
            return parseAttributeTest(c);
        }
    }

    // [ predicate ] after an element name, or nothing (always true).
    QueryNode parseBracket(Context c, QueryNode whenAbsent) {
        if (peek().kind != XK::LBracket) return whenAbsent;
        take();
        QueryNode n = parseOr(c);
        expect(XK::RBracket, "']'");
        return n;
    }

    QueryNode parseEventChild() {
        const XToken& t = peek();
        if (t.is("System")) {
            take();
            return parseBracket(Context::System, QueryNode{});
        }
        if (t.is("EventData") || t.is("UserData")) {
            take();
            return parseBracket(Context::Data, fieldNode(QueryNode::Kind::Exists, QueryField::Data,
                                                         {}, t.position));
        }
        fail(t, "expected System, EventData or UserData");
    }

    QueryNode parseSystemChild() {
        const XToken& t = peek();
        if (t.is("band")) return parseBand();
        static constexpr std::array<std::pair<std::string_view, Context>, 4> kElements{{
            {"Provider", Context::Provider},
            {"TimeCreated", Context::TimeCreated},
            {"Execution", Context::Execution},
            {"Security", Context::Security},
        }};
        for (const auto& [name, context] : kElements) {
            if (!t.is(name)) continue;
            take();
            return parseBracket(context, QueryNode{});
        }
        for (const SystemChild& child : kSystemValues) {
            if (!t.is(child.name)) continue;
            take();
            return parseComparison(
                fieldNode(QueryNode::Kind::Compare, child.field, {}, t.position));
        }
        fail(t, "expected a System element: Provider, EventID, Level, Task, Opcode, Keywords, "
                "TimeCreated, EventRecordID, Execution, Channel, Computer, Security or "
                "band(Keywords, MASK)");
    }

    // `= value` and the other comparisons after a name or attribute.
    QueryNode parseComparison(QueryNode n) {
        if (peek().kind != XK::Compare) fail(peek(), "expected a comparison such as '=' or '!='");
        n.kind = QueryNode::Kind::Compare;
        n.op = take().op;
        n.values.push_back(parseValue(n.field));
        return n;
    }

    QueryLiteral parseValue(QueryField field) {
        const XToken& t = peek();
        QueryLiteral v;
        if (t.kind == XK::Number) {
            v.isNumber = true;
            v.number = t.number;
            v.text = t.text;
        } else if (t.kind == XK::Text) {
            v.text = t.text;
        } else {
            fail(t, "expected a value: a number or 'quoted text'");
        }
        std::string error;
        if (!typeLiteral(field, v, error)) fail(t, error);
        take();
        return v;
    }

    QueryNode parseAttributeTest(Context c) {
        const XToken& t = peek();
        if (c == Context::TimeCreated && t.is("timediff")) return parseTimeDiff();
        if (t.kind != XK::At) fail(t, "expected an attribute test such as @Name='value'");
        take();
        const XToken& name = expect(XK::Name, "an attribute name after '@'");
        struct Attribute {
            Context context;
            std::string_view name;
            QueryField field;
        };
        static constexpr std::array kAttributes{
            Attribute{Context::Provider, "Name", QueryField::Provider},
            Attribute{Context::TimeCreated, "SystemTime", QueryField::TimeCreated},
            Attribute{Context::Execution, "ProcessID", QueryField::ProcessId},
            Attribute{Context::Execution, "ThreadID", QueryField::ThreadId},
            Attribute{Context::Security, "UserID", QueryField::UserId},
        };
        for (const Attribute& a : kAttributes)
            if (a.context == c && name.text == a.name)
                return parseComparison(
                    fieldNode(QueryNode::Kind::Compare, a.field, {}, t.position));
        std::string expected;
        for (const Attribute& a : kAttributes)
            if (a.context == c)
                expected += (expected.empty() ? "@" : " or @") + std::string(a.name);
        fail(name, "unsupported attribute '" + name.text + "': expected " + expected);
    }

    // timediff(@SystemTime) OP milliseconds: the age of the record.
    QueryNode parseTimeDiff() {
        const XToken& start = take();
        expect(XK::LParen, "'(' after timediff");
        expect(XK::At, "'@SystemTime' in timediff()");
        const XToken& name = expect(XK::Name, "'SystemTime' in timediff()");
        if (name.text != "SystemTime") fail(name, "expected 'SystemTime' in timediff()");
        expect(XK::RParen, "')' to close timediff(");
        const XToken& op = expect(XK::Compare, "a comparison after timediff(@SystemTime)");
        const XToken& ms = expect(XK::Number, "a number of milliseconds");
        const uint64_t delta = ms.number * (kTicksPerSecond / 1000);
        QueryNode n =
            fieldNode(QueryNode::Kind::Compare, QueryField::TimeCreated, {}, start.position);
        // age OP ms  <=>  time (reversed OP) now - ms
        switch (op.op) {
        case CompareOp::Lt:
            n.op = CompareOp::Gt;
            break;
        case CompareOp::Le:
            n.op = CompareOp::Ge;
            break;
        case CompareOp::Gt:
            n.op = CompareOp::Lt;
            break;
        case CompareOp::Ge:
            n.op = CompareOp::Le;
            break;
        default:
            n.op = op.op;
            break;
        }
        QueryLiteral when = numberLiteral(delta > now_ ? 0 : now_ - delta);
        when.text.clear();
        n.values.push_back(when);
        return n;
    }

    QueryNode parseBand() {
        const XToken& start = take();
        expect(XK::LParen, "'(' after band");
        const XToken& name = expect(XK::Name, "Keywords in band(Keywords, MASK)");
        if (name.text != "Keywords") fail(name, "expected Keywords in band(Keywords, MASK)");
        expect(XK::Comma, "',' in band(Keywords, MASK)");
        const XToken& mask = expect(XK::Number, "a number as the mask of band()");
        expect(XK::RParen, "')' to close band(");
        QueryNode n = fieldNode(QueryNode::Kind::BitAnd, QueryField::Keywords, {}, start.position);
        n.mask = mask.number;
        n.op = CompareOp::Ne;
        QueryLiteral value = numberLiteral(0);
        if (peek().kind == XK::Compare) {
            n.op = take().op;
            value = numberLiteral(expect(XK::Number, "a number to compare band() with").number);
        }
        n.values.push_back(value);
        return n;
    }

    // Inside EventData / UserData: Data[@Name='X'] OP v, Data OP v (any
    // value), NAME OP v, NAME[...] (nested UserData elements), NAME (exists).
    QueryNode parseDataChild() {
        const XToken& t = peek();
        if (t.kind != XK::Name) fail(t, "expected an element name such as Data");
        take();
        std::string dataName = t.text == "Data" ? std::string() : t.text;
        if (t.text == "Data" && peek().kind == XK::LBracket && peek(1).kind == XK::Number) {
            take();
            dataName = positionalDataName();
        } else if (t.text == "Data" && peek().kind == XK::LBracket) {
            take();
            expect(XK::At, "@Name in Data[@Name='...'] or a position in Data[N]");
            const XToken& attr = expect(XK::Name, "Name in Data[@Name='...']");
            if (attr.text != "Name") fail(attr, "expected Name in Data[@Name='...']");
            const XToken& eq = expect(XK::Compare, "'=' in Data[@Name='...']");
            if (eq.op != CompareOp::Eq) fail(eq, "expected '=' in Data[@Name='...']");
            dataName = expect(XK::Text, "a quoted name in Data[@Name='...']").text;
            expect(XK::RBracket, "']' after Data[@Name='...'");
        } else if (t.text != "Data" && peek().kind == XK::LBracket) {
            take();
            QueryNode n = parseOr(Context::Data);
            expect(XK::RBracket, "']'");
            return n;
        }
        QueryNode n = fieldNode(QueryNode::Kind::Exists, QueryField::Data, dataName, t.position);
        if (peek().kind == XK::Compare) return parseComparison(std::move(n));
        return n;
    }

    // Data[N] (N from 1): the N-th unnamed <Data>, named Data[N] in the
    // filter language. The '[' is taken.
    std::string positionalDataName() {
        const XToken& n = take();
        if (n.number == 0) fail(n, "Data[N] counts from 1: Data[1] is the first Data");
        expect(XK::RBracket, "']' after Data[N");
        std::string name;
        appendUnnamedDataName(name, n.number);
        return name;
    }

    std::vector<XToken> tokens_;
    size_t pos_ = 0;
    int depth_ = 0;
    struct Nesting {
        explicit Nesting(XPathParser& p) : parser(p) {
            if (++parser.depth_ > kMaxQueryNesting)
                parser.fail(parser.peek(), "nested deeper than " +
                                               std::to_string(kMaxQueryNesting) +
                                               " levels (kMaxQueryNesting)");
        }
        ~Nesting() { --parser.depth_; }
        XPathParser& parser;
    };
    uint64_t now_;
};

} // namespace

std::optional<QueryNode> parseEventXPath(std::string_view text, uint64_t now, QueryError& error) {
    try {
        return XPathParser(tokenize(text), now).parseQuery();
    } catch (const XFailure& f) {
        error.position = f.position;
        error.message = f.message;
        return std::nullopt;
    }
}

} // namespace evtx
