#include "evtx/case/discovery.hpp"
#include "evtx/format/file_header.hpp"
#include "evtx/format/input.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <sys/stat.h>
#include <utility>

namespace evtx {

namespace {

namespace fs = std::filesystem;
using FileId = std::pair<dev_t, ino_t>;

// Classifies inputs and walks folders; each folder and each log is taken
// once, by device and inode, so links neither loop nor read a log twice.
class Walker {
  public:
    explicit Walker(LogDiscovery& out) : out_(out) {}

    void input(const std::string& path) {
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
            folders_.insert({st.st_dev, st.st_ino});
            std::vector<std::string> files;
            collect(path, files);
            std::sort(files.begin(), files.end());
            for (const std::string& file : files)
                examine(file, false);
        } else {
            examine(path, true);
        }
    }

  private:
    void note(bool report, const std::string& path, std::string reason) {
        (report ? out_.skipped : out_.ignored).push_back({path, std::move(reason)});
    }

    // The regular files below `root`, depth first (sorted later).
    void collect(const std::string& root, std::vector<std::string>& files) {
        std::vector<std::string> pending{root};
        while (!pending.empty()) {
            const std::string dir = std::move(pending.back());
            pending.pop_back();
            std::error_code ec;
            for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
                entry(it->path().string(), files, pending);
            if (ec) note(true, dir, "cannot read folder: " + ec.message());
        }
    }

    void entry(const std::string& path, std::vector<std::string>& files,
               std::vector<std::string>& pending) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) // a broken link, or gone
            note(hasEvtxExtension(path), path, std::string("cannot open: ") + std::strerror(errno));
        else if (S_ISDIR(st.st_mode) && folders_.insert({st.st_dev, st.st_ino}).second)
            pending.push_back(path);
        else if (S_ISDIR(st.st_mode))
            note(false, path, "a folder already walked (a link loop)");
        else if (S_ISREG(st.st_mode))
            files.push_back(path);
        else // never opened: reading a FIFO would block
            note(hasEvtxExtension(path), path, "not a regular file");
    }

    // `named`: the user gave this path, so whatever it is gets reported.
    void examine(const std::string& path, bool named) {
        const bool report = named || hasEvtxExtension(path);
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0)
            return note(true, path, std::string("cannot open: ") + std::strerror(errno));
        if (!S_ISREG(st.st_mode)) return note(true, path, "not a regular file");
        const auto seen = logs_.find({st.st_dev, st.st_ino});
        if (seen != logs_.end()) return note(true, path, "the same file as " + seen->second);
        std::string error;
        const auto in = Input::openFile(path, error);
        // Unreadable may still be a log: always reported.
        if (!in) return note(true, path, "cannot open: " + error.substr(error.rfind("': ") + 3));
        const Bytes bytes = in->bytes();
        if (bytes.empty()) return note(report, path, "empty file");
        static constexpr char kMagic[8] = {'E', 'l', 'f', 'F', 'i', 'l', 'e', '\0'};
        if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
            return note(report, path, "not an EVTX file (no 'ElfFile' header)");
        if (!parseFileHeader(bytes, error)) return damaged(path, error);
        logs_.emplace(FileId{st.st_dev, st.st_ino}, path);
        out_.logs.push_back({path, logDisplayName(path), uint64_t(bytes.size())});
    }

    void damaged(const std::string& path, std::string error) {
        static constexpr std::string_view kPrefix = "not an EVTX file: ";
        if (error.starts_with(kPrefix)) error.erase(0, kPrefix.size());
        note(true, path, "damaged file header: " + error);
    }

    LogDiscovery& out_;
    std::set<FileId> folders_;
    std::map<FileId, std::string> logs_;
};

} // namespace

LogDiscovery discoverLogs(const std::vector<std::string>& paths) {
    LogDiscovery out;
    Walker walker(out);
    for (const std::string& path : paths)
        walker.input(path);
    return out;
}

} // namespace evtx
