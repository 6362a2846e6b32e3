// The condition language: and, or, not, parentheses, `1 of X*`,
// `all of X*`, `1 of them`, `all of them` (not binds tighter than and,
// and than or). Aggregations (`| count()`) are not supported.
#include "sigma/detection.hpp"

#include <cctype>

namespace evtx::sigma {
namespace {

std::vector<std::string> tokenize(std::string_view text) {
    std::vector<std::string> tokens;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) tokens.push_back(std::move(cur));
        cur.clear();
    };
    for (char c : text) {
        if (c == '|') throw UnsupportedRule("aggregation in condition not supported");
        if (std::isspace(static_cast<unsigned char>(c))) {
            flush();
        } else if (c == '(' || c == ')') {
            flush();
            tokens.emplace_back(1, c);
        } else {
            cur += c;
        }
    }
    flush();
    return tokens;
}

class Parser {
  public:
    Parser(std::vector<std::string> tokens, const std::vector<Selection>& selections)
        : tokens_(std::move(tokens)), selections_(selections) {}

    CondNode parse() {
        CondNode n = orExpr();
        if (pos_ != tokens_.size()) fail("unexpected '" + tokens_[pos_] + "'");
        return n;
    }

  private:
    [[noreturn]] static void fail(const std::string& why) {
        throw UnsupportedRule("condition: " + why);
    }
    bool accept(std::string_view word) {
        if (pos_ < tokens_.size() && tokens_[pos_] == word) return ++pos_, true;
        return false;
    }
    const std::string& next() {
        if (pos_ >= tokens_.size()) fail("ends early");
        return tokens_[pos_++];
    }

    CondNode binary(CondNode::Op op, std::string_view word, CondNode (Parser::*sub)()) {
        CondNode first = (this->*sub)();
        if (pos_ >= tokens_.size() || tokens_[pos_] != word) return first;
        CondNode n;
        n.op = op;
        n.children.push_back(std::move(first));
        while (accept(word))
            n.children.push_back((this->*sub)());
        return n;
    }
    CondNode orExpr() { return binary(CondNode::Op::Or, "or", &Parser::andExpr); }
    CondNode andExpr() { return binary(CondNode::Op::And, "and", &Parser::notExpr); }

    CondNode notExpr() {
        if (!accept("not")) return primary();
        CondNode n;
        n.op = CondNode::Op::Not;
        n.children.push_back(notExpr());
        return n;
    }

    CondNode primary() {
        if (accept("(")) {
            CondNode n = orExpr();
            if (!accept(")")) fail("missing ')'");
            return n;
        }
        const std::string word = next();
        if (word == "1" || word == "any" || word == "all") {
            if (!accept("of")) fail("'" + word + "' without 'of'");
            return quantified(word == "all" ? CondNode::Op::And : CondNode::Op::Or, next());
        }
        for (size_t i = 0; i < selections_.size(); ++i)
            if (selections_[i].name == word) return leaf(i);
        fail("unknown selection '" + word + "'");
    }

    static CondNode leaf(size_t i) {
        CondNode n;
        n.selection = i;
        return n;
    }

    // `them`: every selection but those named with a leading underscore.
    CondNode quantified(CondNode::Op op, const std::string& target) {
        CondNode n;
        n.op = op;
        const Glob pattern = parseGlob(target, true);
        for (size_t i = 0; i < selections_.size(); ++i) {
            const std::string& name = selections_[i].name;
            const bool hit = target == "them" ? name.rfind('_', 0) != 0 : pattern.matches(name);
            if (hit) n.children.push_back(leaf(i));
        }
        if (n.children.empty()) fail("no selection matches '" + target + "'");
        return n;
    }

    std::vector<std::string> tokens_;
    const std::vector<Selection>& selections_;
    size_t pos_ = 0;
};

} // namespace

CondNode parseCondition(std::string_view text, const std::vector<Selection>& selections) {
    return Parser(tokenize(text), selections).parse();
}

} // namespace evtx::sigma
