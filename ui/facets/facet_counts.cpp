#include "facets/facet_counts.hpp"

#include "filter/query_text.hpp"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace evtxui {

QString facetTitle(Facet f) {
    static const char* const titles[kFacetCount] = {"Level",   "Provider", "Event ID",
                                                    "Channel", "Computer", "Task"};
    return QCoreApplication::translate("Facets", titles[int(f)]);
}

QString facetFieldName(Facet f) {
    static const char* const names[kFacetCount] = {"Level",   "Provider", "EventID",
                                                   "Channel", "Computer", "Task"};
    return QString::fromLatin1(names[int(f)]);
}

namespace {

QString levelName(uint64_t level) {
    static const char* const names[] = {"LogAlways", "Critical",    "Error",
                                        "Warning",   "Information", "Verbose"};
    return level < 6 ? QStringLiteral("%1 (%2)").arg(QString::fromLatin1(names[level])).arg(level)
                     : QString::number(level);
}

// Counts per value of a small numeric column.
template <typename Read>
void countNumbers(std::vector<uint64_t>& counts, const std::vector<uint32_t>* rows, size_t size,
                  Read read) {
    if (rows)
        for (uint32_t r : *rows)
            ++counts[read(r)];
    else
        for (size_t r = 0; r < size; ++r)
            ++counts[read(r)];
}

std::vector<FacetValue> topValues(const std::vector<uint64_t>& counts, size_t maxValues,
                                  const auto& describe) {
    std::vector<std::pair<uint64_t, size_t>> present; // count, value
    for (size_t v = 0; v < counts.size(); ++v)
        if (counts[v]) present.emplace_back(counts[v], v);
    std::sort(present.begin(), present.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (present.size() > maxValues) present.resize(maxValues);
    std::vector<FacetValue> out;
    out.reserve(present.size());
    for (const auto& [count, v] : present) {
        FacetValue fv = describe(v);
        fv.count = count;
        out.push_back(std::move(fv));
    }
    return out;
}

} // namespace

FacetCounts countFacets(const evtx::RecordIndex& index, const std::vector<uint32_t>* rows,
                        size_t maxValues) {
    const evtx::IndexColumns& c = index.columns();
    const size_t n = index.size();
    const size_t strings = index.strings().size();
    std::vector<uint64_t> level(256), eventId(65536), task(65536), provider(strings),
        channel(strings), computer(strings);
    countNumbers(level, rows, n, [&](size_t r) { return c.level(r); });
    countNumbers(eventId, rows, n, [&](size_t r) { return c.eventId(r); });
    countNumbers(task, rows, n, [&](size_t r) { return c.task(r); });
    countNumbers(provider, rows, n, [&](size_t r) { return c.provider(r); });
    countNumbers(channel, rows, n, [&](size_t r) { return c.channel(r); });
    countNumbers(computer, rows, n, [&](size_t r) { return c.computer(r); });

    const auto number = [](auto label) {
        return [label](size_t v) { return FacetValue{label(v), QString::number(v), 0}; };
    };
    const auto text = [&index](size_t id) {
        const QString s = QString::fromStdString(index.text(uint32_t(id)));
        return FacetValue{s.isEmpty() ? QStringLiteral("(empty)") : s, quotedFilterValue(s), 0};
    };
    FacetCounts out;
    out[int(Facet::Level)] = topValues(level, maxValues, number(levelName));
    out[int(Facet::Provider)] = topValues(provider, maxValues, text);
    out[int(Facet::EventId)] =
        topValues(eventId, maxValues, number([](size_t v) { return QString::number(v); }));
    out[int(Facet::Channel)] = topValues(channel, maxValues, text);
    out[int(Facet::Computer)] = topValues(computer, maxValues, text);
    out[int(Facet::Task)] =
        topValues(task, maxValues, number([](size_t v) { return QString::number(v); }));
    return out;
}

QString facetConditionText(const std::vector<FacetChoice>& choices) {
    QStringList parts;
    for (int f = 0; f < kFacetCount; ++f) {
        const QString field = facetFieldName(Facet(f));
        QStringList included;
        for (const FacetChoice& c : choices) {
            if (int(c.facet) != f) continue;
            if (c.exclude)
                parts << field + QStringLiteral(" != ") + c.literal;
            else
                included << field + QStringLiteral(" == ") + c.literal;
        }
        if (included.size() == 1) parts << included.first();
        if (included.size() > 1)
            parts << QLatin1Char('(') + included.join(QStringLiteral(" or ")) + QLatin1Char(')');
    }
    return parts.join(QStringLiteral(" and "));
}

QString facetChoiceText(const FacetChoice& choice) {
    return facetTitle(choice.facet) +
           (choice.exclude ? QStringLiteral(" ≠ ") : QStringLiteral(" = ")) + choice.label;
}

} // namespace evtxui
