#include "evtxdump/sigma_rules.hpp"

#include <algorithm>
#include <array>
#include <numeric>

namespace evtxdump {

int sigmaLevelRank(std::string_view level) {
    static constexpr std::array<std::string_view, 5> kLevels{"informational", "low", "medium",
                                                             "high", "critical"};
    const auto it = std::find(kLevels.begin(), kLevels.end(), level);
    return it == kLevels.end() ? -1 : int(it - kLevels.begin());
}

std::unique_ptr<SigmaDetections> loadSigma(const Options& o, std::string& error) {
    evtx::sigma::RuleSet set = evtx::sigma::loadRules(o.sigma, evtx::sigma::LogSources::builtin());
    for (const auto& u : set.unsupported)
        std::fprintf(stderr, "evtxdump: sigma: %s: %s\n", u.file.c_str(), u.reason.c_str());
    const size_t loaded = set.rules.size();
    if (!o.minLevel.empty()) {
        // A rule without a known level is below every --min-level.
        const int min = sigmaLevelRank(o.minLevel);
        std::erase_if(set.rules, [&](const evtx::sigma::Rule& r) {
            return sigmaLevelRank(r.info().level) < min;
        });
    }
    std::fprintf(stderr, "evtxdump: sigma: %zu rules loaded, %zu unsupported", loaded,
                 set.unsupported.size());
    if (!o.minLevel.empty())
        std::fprintf(stderr, ", %zu at or above %s", set.rules.size(), o.minLevel.c_str());
    std::fprintf(stderr, "\n");
    if (set.rules.empty()) {
        error = "sigma: no rule to apply";
        return nullptr;
    }
    auto d = std::make_unique<SigmaDetections>(std::move(set.rules));
    d->summaryOnly = o.sigmaSummary;
    return d;
}

void printSigmaSummary(FILE* out, const SigmaDetections& d) {
    std::vector<size_t> order(d.rules.size());
    std::iota(order.begin(), order.end(), size_t(0));
    auto count = [&](size_t i) { return d.counts[i].load(std::memory_order_relaxed); };
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (count(a) != count(b)) return count(a) > count(b);
        return d.rules[a].info().id < d.rules[b].info().id;
    });
    for (size_t i : order) {
        if (count(i) == 0) break;
        const auto& info = d.rules[i].info();
        std::fprintf(out, "%llu\t%s\t%s\t%s\n", (unsigned long long)count(i), info.level.c_str(),
                     info.id.c_str(), info.title.c_str());
    }
}

} // namespace evtxdump
