#include "compiled_query.hpp"

#include "evtx/text/text.hpp"
#include "text_match.hpp"

#include <algorithm>

namespace evtx {
namespace {

class Compiler {
  public:
    Compiler(CompiledQuery& out, QueryError& error) : out_(out), error_(error) {}

    bool build(const QueryNode& q, EvalNode& e) {
        e.kind = q.kind;
        e.field = q.field;
        e.op = q.op;
        e.truth = q.truth;
        e.mask = q.mask;
        e.dataName = lowerAscii(q.dataName);
        e.values = q.values;
        for (QueryLiteral& v : e.values)
            v.text = lowerAscii(v.text);
        switch (q.kind) {
        case QueryNode::Kind::And:
        case QueryNode::Kind::Or:
        case QueryNode::Kind::Not:
            e.children.resize(q.children.size());
            for (size_t i = 0; i < q.children.size(); ++i) {
                if (!build(q.children[i], e.children[i])) return false;
                e.needsRecord |= e.children[i].needsRecord;
            }
            // Index-answered tests first: they may settle the result
            // without parsing the record.
            std::stable_partition(e.children.begin(), e.children.end(),
                                  [](const EvalNode& c) { return !c.needsRecord; });
            return true;
        case QueryNode::Kind::Constant:
            return true;
        default:
            break;
        }
        e.needsRecord = needsRecordContent(q.field);
        if (q.kind == QueryNode::Kind::Contains) {
            if (q.field == QueryField::AnyText) {
                // The whole-record text is the rendered JSON: look for the
                // needle as JSON writes it.
                OutBuffer escaped;
                writeEscaped(escaped, q.text, Escape::Json);
                e.needle = lowerAscii(escaped.view());
            } else {
                e.needle = lowerAscii(q.text);
            }
        }
        if (q.kind == QueryNode::Kind::Regex) {
            RE2::Options options;
            options.set_case_sensitive(false);
            options.set_log_errors(false);
            e.regex = std::make_unique<RE2>(q.text, options);
            if (!e.regex->ok()) {
                error_.position = q.position;
                error_.message = "bad regular expression \"" + q.text + "\": " + e.regex->error();
                return false;
            }
        }
        if (isTextField(q.field) && !e.needsRecord) e.stringSlot = out_.stringSlots++;
        return true;
    }

  private:
    CompiledQuery& out_;
    QueryError& error_;
};

// Data.X != v reads "no X equals v" (also true without X), the negation of
// Data.X == v, as opposed to "some X differs from v".
QueryNode normalise(QueryNode q) {
    for (QueryNode& c : q.children)
        c = normalise(std::move(c));
    if (q.kind == QueryNode::Kind::Compare && q.op == CompareOp::Ne &&
        needsRecordContent(q.field)) {
        q.op = CompareOp::Eq;
        QueryNode n;
        n.kind = QueryNode::Kind::Not;
        n.position = q.position;
        n.children.push_back(std::move(q));
        return n;
    }
    return q;
}

} // namespace

bool compileQuery(const QueryNode& source, CompiledQuery& out, QueryError& error) {
    out.source = source;
    out.stringSlots = 0;
    return Compiler(out, error).build(normalise(source), out.root);
}

} // namespace evtx
