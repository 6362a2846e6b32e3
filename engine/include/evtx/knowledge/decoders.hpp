// Value decoders shared by the knowledge base and the viewer: each turns a
// field's raw text into its meaning ("3" -> "Network"), or "" when the
// value is not one it knows. A decoded value is shown beside the raw one,
// never instead of it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace evtx::knowledge {

using DecodeFn = std::string (*)(std::string_view raw);

// The decoder registered under `name` (see resources/knowledge/README.md for
// the list: logon_type, insert_string, ntstatus, kerberos_status,
// kerberos_ticket_options, kerberos_encryption, kerberos_preauth,
// access_mask, uac, sid, hashes, ...), or null.
DecodeFn findDecoder(std::string_view name);
std::vector<std::string_view> decoderNames();

// The text of a "%%NNNN" insert string (Security message parameters:
// "%%1833" -> "Impersonation"), or "" when unknown.
std::string_view insertStringText(unsigned code);
// `text` with every known "%%NNNN" replaced by its text (unknown ones stay).
std::string expandInsertStrings(std::string_view text);
// The name of a well-known SID ("S-1-5-18" -> "Local System"), or "".
std::string_view wellKnownSidName(std::string_view sid);

} // namespace evtx::knowledge
