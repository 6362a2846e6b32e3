// The decoder registry: each decoder name of the knowledge files (see
// resources/knowledge/README.md) and the function that decodes it.
#include "evtx/knowledge/decoders.hpp"

#include "decoder_support.hpp"

#include <array>

namespace evtx::knowledge {

namespace {

struct NamedDecoder {
    std::string_view name;
    DecodeFn decode;
};

constexpr std::array decoders{
    NamedDecoder{"logon_type", detail::decodeLogonType},
    NamedDecoder{"insert_string", detail::decodeInsertString},
    NamedDecoder{"ntstatus", detail::decodeNtStatus},
    NamedDecoder{"kerberos_status", detail::decodeKerberosStatus},
    NamedDecoder{"kerberos_ticket_options", detail::decodeTicketOptions},
    NamedDecoder{"kerberos_encryption", detail::decodeEncryptionType},
    NamedDecoder{"kerberos_preauth", detail::decodePreauthType},
    NamedDecoder{"access_mask", detail::decodeAccessMask},
    NamedDecoder{"uac", detail::decodeUserAccountControl},
    NamedDecoder{"sid", detail::decodeSid},
    NamedDecoder{"hashes", detail::decodeHashes},
    NamedDecoder{"boolean", detail::decodeBoolean},
    NamedDecoder{"hex_to_decimal", detail::decodeHexToDecimal},
};

} // namespace

DecodeFn findDecoder(std::string_view name) {
    for (const NamedDecoder& decoder : decoders) {
        if (decoder.name == name) return decoder.decode;
    }
    return nullptr;
}

std::vector<std::string_view> decoderNames() {
    std::vector<std::string_view> names;
    names.reserve(decoders.size());
    for (const NamedDecoder& decoder : decoders)
        names.push_back(decoder.name);
    return names;
}

} // namespace evtx::knowledge
