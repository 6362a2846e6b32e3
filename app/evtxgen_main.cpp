// evtxgen: writes the deterministic demo log (samples/demo.evtx is made
// with it; see samples/README.md).
#include "evtx/demo/demo_log.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>

int main(int argc, char** argv) {
    CLI::App app{"Generate a realistic demo .evtx log (deterministic for a given seed)", "evtxgen"};
    std::string output;
    evtx::writer::DemoOptions opt;
    bool quiet = false;
    app.add_option("-o,--output", output, "the .evtx file to write")->required();
    app.add_option("--records", opt.records, "number of records")->capture_default_str();
    app.add_option("--seed", opt.seed, "random seed")->capture_default_str();
    app.add_flag("-q,--quiet", quiet, "no summary on standard error");
    CLI11_PARSE(app, argc, argv);

    std::string error;
    auto log = evtx::writer::generateDemoLog(opt, error);
    if (!log) {
        std::fprintf(stderr, "evtxgen: %s\n", error.c_str());
        return 1;
    }
    FILE* out = std::fopen(output.c_str(), "wb");
    if (!out) {
        std::fprintf(stderr, "evtxgen: cannot write '%s'\n", output.c_str());
        return 1;
    }
    const bool ok = std::fwrite(log->file.data(), 1, log->file.size(), out) == log->file.size();
    if (std::fclose(out) != 0 || !ok) {
        std::fprintf(stderr, "evtxgen: write error on '%s'\n", output.c_str());
        return 1;
    }
    if (!quiet)
        std::fprintf(stderr,
                     "evtxgen: %s: %llu records, %llu chunks, %llu templates (%llu definitions), "
                     "%zu bytes\n",
                     output.c_str(), (unsigned long long)log->stats.records,
                     (unsigned long long)log->stats.chunks,
                     (unsigned long long)log->stats.distinctTemplates,
                     (unsigned long long)log->stats.templateDefinitions, log->file.size());
    return 0;
}
