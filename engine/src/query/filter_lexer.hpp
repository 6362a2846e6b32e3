// Tokens of the filter language, each with its offset in the query text.
#pragma once

#include "evtx/query/query_ast.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace evtx {

struct FilterToken {
    enum class Kind : uint8_t {
        End,
        Word,     // identifier or keyword (and, or, not, in, contains, now, band)
        Text,     // "quoted" or 'quoted'
        Number,   // 4624, 0x8020000000000000
        Duration, // 24h (number = seconds)
        Compare,  // == = != < <= > >=
        Match,    // ~
        LParen,
        RParen,
        LBracket, // Data[2]
        RBracket,
        Comma,
        Dot,
        DotDot,
        Plus,
        Minus,
        AndSym, // &&
        OrSym,  // ||
        NotSym, // !
    };
    Kind kind = Kind::End;
    size_t position = 0;
    std::string text; // Word, Text (unescaped), Number (as written)
    uint64_t number = 0;
    CompareOp op = CompareOp::Eq;

    bool isWord(std::string_view keyword) const;
};

// Splits `text`; on a bad character or an unterminated string returns false
// with `errorPosition` and `error` set.
bool tokenizeFilter(std::string_view text, std::vector<FilterToken>& tokens, size_t& errorPosition,
                    std::string& error);

} // namespace evtx
