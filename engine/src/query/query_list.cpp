// QueryList XML as Event Viewer saves custom views:
//   <QueryList>
//     <Query Id="0" Path="Security">
//       <Select Path="Security">*[System[EventID=4624]]</Select>
//       <Suppress Path="Security">*[EventData[Data[@Name='TargetUserName']='SYSTEM']]</Suppress>
//     </Query>
//   </QueryList>
// A record matches a <Query> when some Select matches and no Suppress does;
// it matches the list when it matches some Query. Path attributes are not
// used: the query applies to the log being read.
#include "node_builder.hpp"
#include "parsers.hpp"

namespace evtx {
namespace {

struct XmlFailure {
    size_t position;
    std::string message;
};

class QueryListReader {
  public:
    QueryListReader(std::string_view xml, uint64_t now) : xml_(xml), now_(now) {}

    QueryNode read() {
        skipMisc();
        expectOpen("QueryList");
        std::vector<QueryNode> queries;
        for (;;) {
            skipMisc();
            if (atClose("QueryList")) break;
            queries.push_back(readQuery());
        }
        skipMisc();
        if (pos_ != xml_.size()) fail(pos_, "expected the end of the document after </QueryList>");
        if (queries.empty()) fail(pos_, "expected at least one <Query> in <QueryList>");
        return joinNodes(QueryNode::Kind::Or, std::move(queries));
    }

  private:
    [[noreturn]] void fail(size_t at, std::string message) const {
        throw XmlFailure{at, std::move(message)};
    }

    bool startsWith(std::string_view s) const { return xml_.substr(pos_, s.size()) == s; }

    // Whitespace, the XML declaration, processing instructions, comments.
    void skipMisc() {
        for (;;) {
            while (pos_ < xml_.size() &&
                   std::string_view(" \t\r\n").find(xml_[pos_]) != std::string_view::npos)
                ++pos_;
            if (startsWith("<?")) {
                skipPast("?>");
            } else if (startsWith("<!--")) {
                skipPast("-->");
            } else {
                return;
            }
        }
    }

    void skipPast(std::string_view end) {
        const size_t at = xml_.find(end, pos_);
        if (at == std::string_view::npos) fail(pos_, "expected '" + std::string(end) + "'");
        pos_ = at + end.size();
    }

    std::string_view tagName() const {
        size_t end = pos_ + 1;
        while (end < xml_.size() &&
               std::string_view(" \t\r\n/>").find(xml_[end]) == std::string_view::npos)
            ++end;
        return xml_.substr(pos_ + 1, end - pos_ - 1);
    }

    // Consumes <NAME ...> (or <NAME .../>); returns true when self-closed.
    bool openTag(std::string_view name) {
        if (!startsWith("<") || tagName() != name) return false;
        pos_ += 1 + name.size();
        char quote = 0;
        for (; pos_ < xml_.size(); ++pos_) {
            const char c = xml_[pos_];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                ++pos_;
                return xml_[pos_ - 2] == '/';
            }
        }
        fail(pos_, "expected '>' to end <" + std::string(name) + ">");
    }

    bool expectOpen(std::string_view name) {
        const size_t at = pos_;
        if (!startsWith("<") || tagName() != name) fail(at, "expected <" + std::string(name) + ">");
        return openTag(name);
    }

    bool atClose(std::string_view name) {
        const std::string close = "</" + std::string(name);
        if (!startsWith(close)) return false;
        pos_ += close.size();
        while (pos_ < xml_.size() && xml_[pos_] != '>')
            ++pos_;
        if (pos_ == xml_.size()) fail(pos_, "expected '>' to end " + close + ">");
        ++pos_;
        return true;
    }

    QueryNode readQuery() {
        const size_t at = pos_;
        if (expectOpen("Query")) fail(at, "a <Query> needs at least one <Select>");
        std::vector<QueryNode> selects, suppresses;
        for (;;) {
            skipMisc();
            if (atClose("Query")) break;
            const size_t elementAt = pos_;
            const bool select = startsWith("<") && tagName() == "Select";
            const bool suppress = startsWith("<") && tagName() == "Suppress";
            if (!select && !suppress) fail(elementAt, "expected <Select>, <Suppress> or </Query>");
            const std::string_view name = select ? "Select" : "Suppress";
            if (openTag(name)) fail(elementAt, "<" + std::string(name) + "/> holds no XPath");
            (select ? selects : suppresses).push_back(readXPath(name));
        }
        if (selects.empty()) fail(at, "a <Query> needs at least one <Select>");
        QueryNode selected = joinNodes(QueryNode::Kind::Or, std::move(selects));
        if (suppresses.empty()) return selected;
        std::vector<QueryNode> both;
        both.push_back(std::move(selected));
        both.push_back(notNode(joinNodes(QueryNode::Kind::Or, std::move(suppresses))));
        return joinNodes(QueryNode::Kind::And, std::move(both));
    }

    // The element's text with entities decoded, parsed as XPath; error
    // positions are mapped back to the XML.
    QueryNode readXPath(std::string_view element) {
        std::string text;
        std::vector<size_t> origin; // XML offset of each decoded byte
        while (pos_ < xml_.size() && xml_[pos_] != '<') {
            if (xml_[pos_] != '&') {
                origin.push_back(pos_);
                text += xml_[pos_++];
                continue;
            }
            const size_t semi = xml_.find(';', pos_);
            if (semi == std::string_view::npos) fail(pos_, "expected ';' to end the entity");
            const std::string_view entity = xml_.substr(pos_ + 1, semi - pos_ - 1);
            char decoded = 0;
            if (entity == "lt")
                decoded = '<';
            else if (entity == "gt")
                decoded = '>';
            else if (entity == "amp")
                decoded = '&';
            else if (entity == "quot")
                decoded = '"';
            else if (entity == "apos")
                decoded = '\'';
            else if (entity.size() > 1 && entity[0] == '#') {
                const bool hex = entity[1] == 'x';
                unsigned long code =
                    std::stoul(std::string(entity.substr(hex ? 2 : 1)), nullptr, hex ? 16 : 10);
                if (code < 128) decoded = char(code);
            }
            if (!decoded) fail(pos_, "unsupported entity '&" + std::string(entity) + ";'");
            origin.push_back(pos_);
            text += decoded;
            pos_ = semi + 1;
        }
        origin.push_back(pos_);
        if (!atClose(element)) fail(pos_, "expected </" + std::string(element) + ">");
        QueryError error;
        auto node = parseEventXPath(text, now_, error);
        if (!node) fail(origin[std::min(error.position, origin.size() - 1)], error.message);
        return std::move(*node);
    }

    std::string_view xml_;
    size_t pos_ = 0;
    uint64_t now_;
};

} // namespace

std::optional<QueryNode> parseQueryListXml(std::string_view xml, uint64_t now, QueryError& error) {
    try {
        return QueryListReader(xml, now).read();
    } catch (const XmlFailure& f) {
        error.position = f.position;
        error.message = f.message;
        return std::nullopt;
    } catch (const std::exception&) { // a numeric entity out of range
        error.position = 0;
        error.message = "bad character reference";
        return std::nullopt;
    }
}

} // namespace evtx
