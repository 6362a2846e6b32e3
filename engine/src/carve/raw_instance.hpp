// The top of a record's BinXML read without its template definition: which
// template it instantiates, and (when the definition is lost) its values.
#pragma once

#include "evtx/carve/carve.hpp"

namespace evtx::recover {

// The template instance a record starts with (after an optional fragment
// header), when it starts with one.
struct InstancePrefix {
    uint32_t templateId = 0;
    uint32_t definitionOffset = 0;
    bool inlineDefinition = false; // the definition follows in this record
};
std::optional<InstancePrefix> readInstancePrefix(Bytes chunk, const RecordHeader& rec);

// Is the definition a record refers to still where the record that first
// used it put it? That record held `0x0c, u8, template id, offset` right
// before the definition, the offset pointing at itself.
bool definitionInPlace(Bytes chunk, const InstancePrefix& p);

// Reads the value descriptors and values of the record's template instance;
// they must end the record (only an end-of-fragment token and alignment
// padding may follow). Returns an empty string or the reason it failed.
std::string readRawInstance(Bytes chunk, const RecordHeader& rec, RawTemplateInstance& out);

} // namespace evtx::recover
