#include "filter_lexer.hpp"

namespace evtx {
namespace {

bool isWordStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isWordChar(char c) {
    return isWordStart(c) || isDigit(c);
}

int hexDigit(char c) {
    if (isDigit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

uint64_t durationSeconds(char unit) {
    switch (unit) {
    case 's':
        return 1;
    case 'm':
        return 60;
    case 'h':
        return 3600;
    case 'd':
        return 86400;
    default:
        return 0;
    }
}

} // namespace

bool FilterToken::isWord(std::string_view keyword) const {
    if (kind != Kind::Word || text.size() != keyword.size()) return false;
    for (size_t i = 0; i < text.size(); ++i)
        if ((text[i] | 0x20) != keyword[i]) return false;
    return true;
}

namespace {

using K = FilterToken::Kind;

// Two-character symbols first: "<=" is not "<" then "=".
struct Symbol {
    std::string_view text;
    K kind;
    CompareOp op = CompareOp::Eq;
};
constexpr Symbol kSymbols[] = {
    {"==", K::Compare, CompareOp::Eq},
    {"!=", K::Compare, CompareOp::Ne},
    {"<=", K::Compare, CompareOp::Le},
    {"<>", K::Compare, CompareOp::Ne},
    {">=", K::Compare, CompareOp::Ge},
    {"..", K::DotDot},
    {"&&", K::AndSym},
    {"||", K::OrSym},
    {"=", K::Compare, CompareOp::Eq},
    {"<", K::Compare, CompareOp::Lt},
    {">", K::Compare, CompareOp::Gt},
    {"~", K::Match},
    {"(", K::LParen},
    {")", K::RParen},
    {"[", K::LBracket},
    {"]", K::RBracket},
    {",", K::Comma},
    {".", K::Dot},
    {"+", K::Plus},
    {"-", K::Minus},
    {"!", K::NotSym},
};

class FilterLexer {
  public:
    FilterLexer(std::string_view s, size_t& errorPosition, std::string& error)
        : s_(s), errorPosition_(errorPosition), error_(error) {}

    bool run(std::vector<FilterToken>& tokens) {
        tokens.clear();
        while (i_ < s_.size()) {
            const char c = s_[i_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++i_;
                continue;
            }
            FilterToken t;
            t.position = i_;
            const bool ok = isWordStart(c)          ? readWord(t)
                            : isDigit(c)            ? readNumber(t)
                            : c == '"' || c == '\'' ? readText(t, c)
                                                    : readSymbol(t);
            if (!ok) return false;
            tokens.push_back(std::move(t));
        }
        FilterToken end;
        end.position = s_.size();
        tokens.push_back(end);
        return true;
    }

  private:
    bool fail(size_t at, std::string message) {
        errorPosition_ = at;
        error_ = std::move(message);
        return false;
    }

    bool readWord(FilterToken& t) {
        while (i_ < s_.size() && isWordChar(s_[i_]))
            ++i_;
        t.kind = K::Word;
        t.text = std::string(s_.substr(t.position, i_ - t.position));
        return true;
    }

    // Decimal, 0x hexadecimal, or a decimal with a duration unit (24h).
    bool readNumber(FilterToken& t) {
        t.kind = K::Number;
        const bool hex = s_[i_] == '0' && i_ + 1 < s_.size() && (s_[i_ + 1] | 0x20) == 'x';
        uint64_t value = 0;
        bool overflow = false;
        if (hex) {
            i_ += 2;
            if (i_ >= s_.size() || hexDigit(s_[i_]) < 0)
                return fail(i_, "expected hexadecimal digits after '0x'");
            for (; i_ < s_.size() && hexDigit(s_[i_]) >= 0; ++i_) {
                overflow |= value >> 60 != 0;
                value = value * 16 + uint64_t(hexDigit(s_[i_]));
            }
        } else {
            for (; i_ < s_.size() && isDigit(s_[i_]); ++i_) {
                const uint64_t d = uint64_t(s_[i_] - '0');
                overflow |= value > (UINT64_MAX - d) / 10;
                value = value * 10 + d;
            }
            if (i_ < s_.size() && durationSeconds(s_[i_]) &&
                (i_ + 1 >= s_.size() || !isWordChar(s_[i_ + 1]))) {
                t.kind = K::Duration;
                value *= durationSeconds(s_[i_]);
                ++i_;
            }
        }
        if (overflow) return fail(t.position, "number too large (64 bits at most)");
        if (i_ < s_.size() && isWordChar(s_[i_]))
            return fail(i_, t.kind == K::Duration || (s_[t.position + 1] | 0x20) == 'x'
                                ? "expected a digit"
                                : "expected a digit or a duration unit (s, m, h, d)");
        t.number = value;
        t.text = std::string(s_.substr(t.position, i_ - t.position));
        return true;
    }

    // Backslash escapes only the quote and itself, so that regexes and
    // Windows paths can be written as they are.
    bool readText(FilterToken& t, char quote) {
        t.kind = K::Text;
        ++i_;
        for (;;) {
            if (i_ >= s_.size())
                return fail(t.position,
                            std::string("unterminated text: expected a closing ") + quote);
            if (s_[i_] == quote) {
                ++i_;
                return true;
            }
            if (s_[i_] == '\\' && i_ + 1 < s_.size() && (s_[i_ + 1] == quote || s_[i_ + 1] == '\\'))
                ++i_;
            t.text += s_[i_++];
        }
    }

    bool readSymbol(FilterToken& t) {
        for (const Symbol& sym : kSymbols) {
            if (s_.substr(i_, sym.text.size()) != sym.text) continue;
            t.kind = sym.kind;
            if (sym.kind == K::Compare) t.op = sym.op;
            i_ += sym.text.size();
            return true;
        }
        return fail(i_, std::string("unexpected character '") + s_[i_] + "'");
    }

    std::string_view s_;
    size_t i_ = 0;
    size_t& errorPosition_;
    std::string& error_;
};

} // namespace

bool tokenizeFilter(std::string_view s, std::vector<FilterToken>& tokens, size_t& errorPosition,
                    std::string& error) {
    return FilterLexer(s, errorPosition, error).run(tokens);
}

} // namespace evtx
