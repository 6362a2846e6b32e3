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

bool tokenizeFilter(std::string_view s, std::vector<FilterToken>& tokens, size_t& errorPosition,
                    std::string& error) {
    using K = FilterToken::Kind;
    tokens.clear();
    size_t i = 0;
    auto fail = [&](size_t at, std::string message) {
        errorPosition = at;
        error = std::move(message);
        return false;
    };
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        FilterToken t;
        t.position = i;
        auto symbol = [&](K kind, size_t length) {
            t.kind = kind;
            i += length;
        };
        auto compare = [&](CompareOp op, size_t length) {
            t.op = op;
            symbol(K::Compare, length);
        };
        const char next = i + 1 < s.size() ? s[i + 1] : '\0';
        if (isWordStart(c)) {
            while (i < s.size() && isWordChar(s[i]))
                ++i;
            t.kind = K::Word;
            t.text = std::string(s.substr(t.position, i - t.position));
        } else if (isDigit(c)) {
            t.kind = K::Number;
            uint64_t value = 0;
            bool overflow = false;
            if (c == '0' && (next == 'x' || next == 'X')) {
                i += 2;
                if (i >= s.size() || hexDigit(s[i]) < 0)
                    return fail(i, "expected hexadecimal digits after '0x'");
                for (; i < s.size() && hexDigit(s[i]) >= 0; ++i) {
                    overflow |= value >> 60 != 0;
                    value = value * 16 + uint64_t(hexDigit(s[i]));
                }
            } else {
                for (; i < s.size() && isDigit(s[i]); ++i) {
                    const uint64_t d = uint64_t(s[i] - '0');
                    overflow |= value > (UINT64_MAX - d) / 10;
                    value = value * 10 + d;
                }
                if (i < s.size() && durationSeconds(s[i]) &&
                    (i + 1 >= s.size() || !isWordChar(s[i + 1]))) {
                    t.kind = K::Duration;
                    value *= durationSeconds(s[i]);
                    ++i;
                }
            }
            if (overflow) return fail(t.position, "number too large (64 bits at most)");
            if (i < s.size() && isWordChar(s[i]))
                return fail(i, t.kind == K::Duration || s[t.position + 1] == 'x' ||
                                       s[t.position + 1] == 'X'
                                   ? "expected a digit"
                                   : "expected a digit or a duration unit (s, m, h, d)");
            t.number = value;
            t.text = std::string(s.substr(t.position, i - t.position));
        } else if (c == '"' || c == '\'') {
            // Backslash escapes only the quote and itself, so that regexes
            // and Windows paths can be written as they are.
            t.kind = K::Text;
            ++i;
            for (;;) {
                if (i >= s.size())
                    return fail(t.position,
                                std::string("unterminated text: expected a closing ") + c);
                if (s[i] == c) {
                    ++i;
                    break;
                }
                if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == c || s[i + 1] == '\\')) ++i;
                t.text += s[i++];
            }
        } else if (c == '=' && next == '=') {
            compare(CompareOp::Eq, 2);
        } else if (c == '=') {
            compare(CompareOp::Eq, 1);
        } else if (c == '!' && next == '=') {
            compare(CompareOp::Ne, 2);
        } else if (c == '<' && next == '=') {
            compare(CompareOp::Le, 2);
        } else if (c == '<' && next == '>') {
            compare(CompareOp::Ne, 2);
        } else if (c == '<') {
            compare(CompareOp::Lt, 1);
        } else if (c == '>' && next == '=') {
            compare(CompareOp::Ge, 2);
        } else if (c == '>') {
            compare(CompareOp::Gt, 1);
        } else if (c == '~') {
            symbol(K::Match, 1);
        } else if (c == '(') {
            symbol(K::LParen, 1);
        } else if (c == ')') {
            symbol(K::RParen, 1);
        } else if (c == ',') {
            symbol(K::Comma, 1);
        } else if (c == '.' && next == '.') {
            symbol(K::DotDot, 2);
        } else if (c == '.') {
            symbol(K::Dot, 1);
        } else if (c == '+') {
            symbol(K::Plus, 1);
        } else if (c == '-') {
            symbol(K::Minus, 1);
        } else if (c == '&' && next == '&') {
            symbol(K::AndSym, 2);
        } else if (c == '|' && next == '|') {
            symbol(K::OrSym, 2);
        } else if (c == '!') {
            symbol(K::NotSym, 1);
        } else {
            return fail(i, std::string("unexpected character '") + c + "'");
        }
        tokens.push_back(std::move(t));
    }
    FilterToken end;
    end.position = s.size();
    tokens.push_back(end);
    return true;
}

} // namespace evtx
