#include "details/highlighting.hpp"

#include "details/syntax_highlighters.hpp"

#include <QTextDocument>

#ifdef EVTX_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

namespace evtxui {

#ifdef EVTX_HAVE_KSYNTAXHIGHLIGHTING

namespace {
KSyntaxHighlighting::Repository& repository() {
    static KSyntaxHighlighting::Repository repo;
    return repo;
}
} // namespace

void applyHighlighting(QTextDocument* document, HighlightLanguage language,
                       const QPalette& palette) {
    auto* h = document->findChild<KSyntaxHighlighting::SyntaxHighlighter*>();
    if (!h) {
        h = new KSyntaxHighlighting::SyntaxHighlighter(document);
        h->setDefinition(repository().definitionForName(
            language == HighlightLanguage::Xml ? QStringLiteral("XML") : QStringLiteral("JSON")));
    }
    h->setTheme(repository().themeForPalette(palette));
    h->rehighlight();
}

const char* highlightingBackend() {
    return "KSyntaxHighlighting";
}

#else

void applyHighlighting(QTextDocument* document, HighlightLanguage language,
                       const QPalette& palette) {
    const HighlightColors colors = HighlightColors::forPalette(palette);
    if (language == HighlightLanguage::Xml) {
        auto* h = document->findChild<XmlHighlighter*>();
        if (!h) h = new XmlHighlighter(document);
        h->setColors(colors);
    } else {
        auto* h = document->findChild<JsonHighlighter*>();
        if (!h) h = new JsonHighlighter(document);
        h->setColors(colors);
    }
}

const char* highlightingBackend() {
    return "built-in";
}

#endif

} // namespace evtxui
