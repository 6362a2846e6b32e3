// The filter language, by recursive descent:
//   query     := or-expr | (nothing: every record)
//   or-expr   := and-expr (("or" | "||") and-expr)*
//   and-expr  := unary (("and" | "&&") unary)*
//   unary     := ("not" | "!") unary | primary
//   primary   := "(" or-expr ")" | TEXT | "contains" TEXT | "~" TEXT
//              | "band" "(" field "," NUMBER ")" [compare NUMBER]
//              | field predicate
//   field     := NAME | "Data" "." (NAME | TEXT) | "Data" ["." "Data"] "[" NUMBER "]" | "Data"
//   predicate := compare value | ["not"] "in" "(" item ("," item)* ")"
//              | ["not"] "contains" TEXT | ["not"] "~" TEXT | (Data fields: nothing = exists)
//   item      := value [".." value]
//   value     := NUMBER | TEXT | "now" [("+" | "-") DURATION]
#include "evtx/render/data_field_name.hpp"
#include "filter_lexer.hpp"
#include "node_builder.hpp"
#include "parsers.hpp"
#include "time_literal.hpp"

namespace evtx {
namespace {

// Parentheses and not()s nest by recursion: deeper input is an error, not a
// stack overflow.
constexpr int kMaxQueryNesting = 128;

using K = FilterToken::Kind;

struct ParseFailure {
    size_t position;
    std::string message;
};

// How a token reads in a message ("'4624'", "quoted text").
std::string describe(const FilterToken& t) {
    std::string quotedToken = "'";
    switch (t.kind) {
    case K::End:
        return "the end of the query";
    case K::Text:
        return "quoted text";
    case K::Number:
    case K::Duration:
    case K::Word:
        quotedToken.append(t.text);
        break;
    case K::Compare:
        quotedToken.append(compareOpText(t.op));
        break;
    case K::LBracket:
        return "'['";
    case K::RBracket:
        return "']'";
    default:
        return "this";
    }
    quotedToken.push_back('\'');
    return quotedToken;
}

class FilterParser {
  public:
    FilterParser(std::vector<FilterToken> tokens, uint64_t now, TimeLiteralZone zone)
        : tokens_(std::move(tokens)), now_(now), zone_(zone) {}

    QueryNode parseQuery() {
        if (peek().kind == K::End) return QueryNode{}; // empty: everything
        QueryNode n = parseOr();
        if (peek().kind == K::RParen) fail(peek(), "unmatched ')'");
        if (peek().kind != K::End)
            fail(peek(), "expected 'and', 'or' or the end of the query, found " + describe(peek()));
        return n;
    }

  private:
    const FilterToken& peek(size_t ahead = 0) const {
        return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
    }
    const FilterToken& take() {
        const FilterToken& t = peek();
        if (pos_ + 1 < tokens_.size()) ++pos_;
        return t;
    }
    [[noreturn]] void fail(const FilterToken& at, std::string message) const {
        throw ParseFailure{at.position, std::move(message)};
    }

    QueryNode parseOr() {
        std::vector<QueryNode> parts{parseAnd()};
        while (peek().isWord("or") || peek().kind == K::OrSym) {
            take();
            parts.push_back(parseAnd());
        }
        return joinNodes(QueryNode::Kind::Or, std::move(parts));
    }

    QueryNode parseAnd() {
        std::vector<QueryNode> parts{parseUnary()};
        while (peek().isWord("and") || peek().kind == K::AndSym) {
            take();
            parts.push_back(parseUnary());
        }
        return joinNodes(QueryNode::Kind::And, std::move(parts));
    }

    QueryNode parseUnary() {
        Nesting guard(*this);
        if (peek().isWord("not") || peek().kind == K::NotSym) {
            take();
            return notNode(parseUnary());
        }
        return parsePrimary();
    }

    QueryNode parsePrimary() {
        const FilterToken& t = peek();
        if (t.kind == K::LParen) {
            take();
            QueryNode n = parseOr();
            if (peek().kind != K::RParen)
                fail(peek(), "expected ')' to close the '(' at " + std::to_string(t.position));
            take();
            return n;
        }
        if (t.kind == K::Text) {
            QueryNode n = fieldNode(QueryNode::Kind::Contains, QueryField::AnyText, {}, t.position);
            n.text = take().text;
            return n;
        }
        if (t.isWord("contains") || t.kind == K::Match) {
            QueryNode n =
                fieldNode(t.kind == K::Match ? QueryNode::Kind::Regex : QueryNode::Kind::Contains,
                          QueryField::AnyText, {}, t.position);
            take();
            n.position = peek().position; // where the text (or a regex error) is
            n.text = expectText(t.kind == K::Match ? "'~'" : "'contains'");
            return n;
        }
        if (t.isWord("band") && peek(1).kind == K::LParen) return parseBand();
        if (t.kind == K::Word && !isKeyword(t)) {
            QueryNode field = parseField();
            return parsePredicate(std::move(field));
        }
        fail(t, "expected a field name, quoted text, 'not' or '(', found " + describe(t));
    }

    static bool isKeyword(const FilterToken& t) {
        for (std::string_view k : {"and", "or", "not", "in", "contains", "now"})
            if (t.isWord(k)) return true;
        return false;
    }

    std::string expectText(const std::string& after) {
        if (peek().kind != K::Text) fail(peek(), "expected quoted text after " + after);
        return take().text;
    }

    // A node holding just the field (kind set by the predicate).
    QueryNode parseField() {
        const FilterToken& name = take();
        if (name.isWord("data")) return parseDataField(name);
        auto field = queryFieldByName(name.text);
        if (!field)
            fail(name, "unknown field '" + name.text +
                           "': expected EventID, Level, Provider, Channel, Computer, Task, "
                           "Opcode, Keywords, RecordID, TimeCreated, UserID, ProcessID, "
                           "ThreadID, Recovered or Data.NAME");
        return fieldNode(QueryNode::Kind::Exists, *field, {}, name.position);
    }

    // Data (any value), Data.NAME, Data."NAME", and the unnamed values of
    // classic events: Data[N] or Data.Data[N].
    QueryNode parseDataField(const FilterToken& data) {
        if (peek().kind == K::LBracket)
            return fieldNode(QueryNode::Kind::Exists, QueryField::Data, parseDataIndex(),
                             data.position);
        if (peek().kind != K::Dot)
            return fieldNode(QueryNode::Kind::Exists, QueryField::Data, {}, data.position);
        take();
        const FilterToken& sub = peek();
        if (sub.kind != K::Word && sub.kind != K::Text && sub.kind != K::Number)
            fail(sub, "expected a name after 'Data.' (Data.NAME or Data.\"NAME\")");
        take();
        if (peek().kind == K::LBracket) {
            if (!sub.isWord("data"))
                fail(peek(), "only unnamed Data values take an index: Data[N] or Data.Data[N]");
            return fieldNode(QueryNode::Kind::Exists, QueryField::Data, parseDataIndex(),
                             data.position);
        }
        return fieldNode(QueryNode::Kind::Exists, QueryField::Data, sub.text, data.position);
    }

    // "[" N "]" after Data: the name of the N-th unnamed <Data>, "Data[N]".
    std::string parseDataIndex() {
        take(); // [
        const FilterToken& n = peek();
        if (n.kind != K::Number || n.text.find_first_not_of("0123456789") != std::string::npos)
            fail(n, "expected a number in Data[N] (the N-th unnamed Data value, from 1), found " +
                        describe(n));
        if (n.number == 0) fail(n, "Data[N] counts from 1: Data[1] is the first unnamed value");
        take();
        if (peek().kind != K::RBracket) fail(peek(), "expected ']' to close Data[N]");
        take();
        std::string name;
        appendUnnamedDataName(name, n.number);
        return name;
    }

    std::string fieldLabel(const QueryNode& f) const {
        if (f.field != QueryField::Data || f.dataName.empty())
            return std::string(queryFieldName(f.field));
        return isUnnamedDataName(f.dataName) ? f.dataName : "Data." + f.dataName;
    }

    QueryNode parsePredicate(QueryNode f) {
        const FilterToken& t = peek();
        if (t.kind == K::Compare) {
            f.op = take().op;
            f.kind = QueryNode::Kind::Compare;
            f.values.push_back(parseValue(f.field));
            return f;
        }
        bool negated = false;
        if (t.isWord("not") &&
            (peek(1).isWord("in") || peek(1).isWord("contains") || peek(1).kind == K::Match)) {
            take();
            negated = true;
        }
        QueryNode n = parseSetOrText(std::move(f));
        return negated ? notNode(std::move(n)) : n;
    }

    QueryNode parseSetOrText(QueryNode f) {
        const FilterToken& t = peek();
        if (t.isWord("in")) {
            take();
            f.kind = QueryNode::Kind::InSet;
            if (peek().kind != K::LParen) fail(peek(), "expected '(' after 'in'");
            take();
            for (;;) {
                QueryLiteral low = parseValue(f.field);
                QueryLiteral high = low;
                if (peek().kind == K::DotDot) {
                    take();
                    high = parseValue(f.field);
                }
                f.values.push_back(std::move(low));
                f.values.push_back(std::move(high));
                if (peek().kind == K::Comma) {
                    take();
                    continue;
                }
                if (peek().kind == K::RParen) break;
                fail(peek(), "expected ',', '..' or ')' in the list after 'in'");
            }
            take();
            return f;
        }
        if (t.isWord("contains") || t.kind == K::Match) {
            f.kind = t.kind == K::Match ? QueryNode::Kind::Regex : QueryNode::Kind::Contains;
            take();
            if (f.kind == QueryNode::Kind::Regex) f.position = peek().position; // regex errors
            f.text = expectText(t.kind == K::Match ? "'~'" : "'contains'");
            return f;
        }
        if (f.field == QueryField::Data && isPredicateEnd(t)) return f; // Exists
        if (f.field == QueryField::Recovered && isPredicateEnd(t)) {
            f.kind = QueryNode::Kind::Compare; // `Recovered` alone: Recovered != 0
            f.op = CompareOp::Ne;
            f.values.push_back(numberLiteral(0));
            return f;
        }
        fail(t, "expected an operator after " + fieldLabel(f) +
                    " (==, !=, <, <=, >, >=, in, contains or ~), found " + describe(t));
    }

    static bool isPredicateEnd(const FilterToken& t) {
        return t.kind == K::End || t.kind == K::RParen || t.kind == K::AndSym ||
               t.kind == K::OrSym || t.isWord("and") || t.isWord("or");
    }

    QueryLiteral parseValue(QueryField field) {
        const FilterToken& t = peek();
        QueryLiteral v;
        if (t.kind == K::Number) {
            v.isNumber = true;
            v.number = t.number;
            v.text = t.text;
        } else if (t.kind == K::Text) {
            v.text = t.text;
        } else if (t.isWord("now")) {
            return parseRelativeTime(field);
        } else if (field == QueryField::Recovered && (t.isWord("true") || t.isWord("false"))) {
            v = numberLiteral(t.isWord("true") ? 1 : 0);
            take();
            return v;
        } else {
            fail(t, "expected a value (a number, quoted text or now - 24h), found " + describe(t));
        }
        std::string error;
        if (!typeLiteral(field, v, error, zone_)) fail(t, error);
        take();
        return v;
    }

    QueryLiteral parseRelativeTime(QueryField field) {
        const FilterToken& nowToken = take();
        if (field != QueryField::TimeCreated)
            fail(nowToken, "'now' is a time: only TimeCreated compares with it");
        uint64_t ticks = now_;
        if (peek().kind == K::Minus || peek().kind == K::Plus) {
            const bool minus = take().kind == K::Minus;
            if (peek().kind != K::Duration)
                fail(peek(), "expected a duration such as 24h (units s, m, h, d)");
            const uint64_t delta = take().number * kTicksPerSecond;
            ticks = minus ? (delta > ticks ? 0 : ticks - delta) : ticks + delta;
        }
        QueryLiteral v = numberLiteral(ticks);
        v.text.clear();
        return v;
    }

    QueryNode parseBand() {
        const FilterToken& start = take();
        take(); // (
        const FilterToken& name = peek();
        if (name.kind != K::Word) fail(name, "expected a field name in band(FIELD, MASK)");
        QueryNode n = parseField();
        if (isTextField(n.field)) fail(name, "band() takes a numeric field such as Keywords");
        n.kind = QueryNode::Kind::BitAnd;
        n.position = start.position;
        if (peek().kind != K::Comma) fail(peek(), "expected ',' in band(FIELD, MASK)");
        take();
        if (peek().kind != K::Number) fail(peek(), "expected a number as the mask of band()");
        n.mask = take().number;
        if (peek().kind != K::RParen) fail(peek(), "expected ')' to close band(");
        take();
        n.op = CompareOp::Ne;
        QueryLiteral zero = numberLiteral(0);
        if (peek().kind == K::Compare) {
            n.op = take().op;
            if (peek().kind != K::Number) fail(peek(), "expected a number to compare band() with");
            zero = numberLiteral(take().number);
        }
        n.values.push_back(zero);
        return n;
    }

    std::vector<FilterToken> tokens_;
    size_t pos_ = 0;
    int depth_ = 0;
    struct Nesting {
        explicit Nesting(FilterParser& p) : parser(p) {
            if (++parser.depth_ > kMaxQueryNesting)
                parser.fail(parser.peek(), "nested deeper than " +
                                               std::to_string(kMaxQueryNesting) +
                                               " levels (kMaxQueryNesting)");
        }
        ~Nesting() { --parser.depth_; }
        FilterParser& parser;
    };
    uint64_t now_;
    TimeLiteralZone zone_;
};

} // namespace

std::optional<QueryNode> parseFilterLanguage(std::string_view text, uint64_t now,
                                             TimeLiteralZone zone, QueryError& error) {
    std::vector<FilterToken> tokens;
    if (!tokenizeFilter(text, tokens, error.position, error.message)) return std::nullopt;
    try {
        return FilterParser(std::move(tokens), now, zone).parseQuery();
    } catch (const ParseFailure& f) {
        error.position = f.position;
        error.message = f.message;
        return std::nullopt;
    }
}

} // namespace evtx
