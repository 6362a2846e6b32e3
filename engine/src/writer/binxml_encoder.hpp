// Encodes BinXML into a chunk: template instances (with the definition
// inline the first time a template is used in the chunk), element trees,
// and the value array with its descriptors.
#pragma once

#include "writer/chunk_encoder.hpp"

#include <string>

namespace evtx::writer {

class BinXmlEncoder {
  public:
    explicit BinXmlEncoder(ChunkEncoder& chunk) : c_(chunk) {}

    // Fragment header, the template instance, end of fragment. Returns an
    // empty string or why the instance cannot be encoded.
    std::string fragment(const Instance& instance);
    // Fragment header, a plain element tree (no substitutions), end.
    std::string fragment(const Element& element);

  private:
    std::string instance(const Instance& inst);
    std::string element(const Element& e, bool inTemplate);
    std::string content(const Node& n, bool inTemplate);
    std::string values(const std::vector<Value>& values);

    ChunkEncoder& c_;
    int depth_ = 0;
};

} // namespace evtx::writer
