#include "knowledge/brace_template.hpp"

#include "knowledge/event_path.hpp"

namespace evtx::knowledge {
namespace {

bool parsePlaceholder(std::string_view inner, TextTemplate::Piece& piece, std::string& error) {
    std::string_view field = inner;
    if (const size_t colon = inner.rfind(':');
        colon != std::string_view::npos && inner.substr(colon + 1) == "meaning") {
        field = inner.substr(0, colon);
        piece.format.show = FieldFormat::Show::Meaning;
    }
    if (field.empty()) {
        error = "empty placeholder {}";
        return false;
    }
    piece.hasField = true;
    if (field.substr(0, 7) == "/Event/") return parseEventPath(field, piece.field, error);
    if (field.find_first_of("{}/\\ ") != std::string_view::npos) {
        error = "placeholder {" + std::string(inner) + "} is not a field name or an /Event/ path";
        return false;
    }
    piece.field.name = std::string(field);
    return true;
}

} // namespace

bool parseBraceTemplate(std::string_view text, TextTemplate& out, std::string& error) {
    out.pieces.clear();
    TextTemplate::Piece piece;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // "{{" and "}}" are literal braces ("DOMAIN\\{User}" keeps its backslash).
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            piece.literal += text[++i];
            continue;
        }
        if (c == '}') {
            error = "unmatched } in \"" + std::string(text) + "\"";
            return false;
        }
        if (c != '{') {
            piece.literal += c;
            continue;
        }
        const size_t close = text.find('}', i);
        if (close == std::string_view::npos) {
            error = "unclosed { in \"" + std::string(text) + "\"";
            return false;
        }
        if (!parsePlaceholder(text.substr(i + 1, close - i - 1), piece, error)) return false;
        out.pieces.push_back(std::move(piece));
        piece = TextTemplate::Piece{};
        i = close;
    }
    if (!piece.literal.empty()) out.pieces.push_back(std::move(piece));
    return true;
}

} // namespace evtx::knowledge
