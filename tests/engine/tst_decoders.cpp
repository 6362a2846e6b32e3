// The knowledge stage's value decoders against hand-checked values: each
// decoder by its registered name, known and unknown values, the spellings
// records use (decimal, hex of either case, %%NNNN lists), and garbage,
// which must decode to "" without throwing.
#include "evtx/knowledge/decoders.hpp"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <random>
#include <set>
#include <string>

using namespace evtx::knowledge;

namespace {

QString decoded(const char* name, const std::string& raw) {
    const DecodeFn decode = findDecoder(name);
    if (!decode) return QStringLiteral("<no decoder %1>").arg(name);
    return QString::fromStdString(decode(raw));
}

struct Case {
    const char* decoder;
    const char* raw;
    const char* meaning;
};

// Every row was checked by hand against the tables' sources.
constexpr Case cases[] = {
    {"logon_type", "3", "Network"},
    {"logon_type", " 10 ", "RemoteInteractive"},
    {"logon_type", "0x3", "Network"},
    {"logon_type", "0", "System"},
    {"logon_type", "13", "CachedUnlock"},
    {"logon_type", "6", ""},
    {"logon_type", "abc", ""},
    {"insert_string", "%%1833", "Impersonation"},
    {"insert_string", "%%1840", "Delegation"},
    {"insert_string", "%%2313", "Unknown user name or bad password."},
    {"insert_string", "%%4416 %%4419", "ReadData (or ListDirectory), ReadEA"},
    {"insert_string", "%%8449, %%8451", "Success Added, Failure added"},
    {"insert_string", "%%1537\r\n\t\t\t\t%%9999", "DELETE, %%9999"},
    {"insert_string", "%%1936", "TokenElevationTypeDefault (1)"},
    {"insert_string", "%%4484", "Read from process memory"},
    {"insert_string", "%%7188", "Start the service"},
    {"insert_string", "%%14339", "Kerberos Authentication Service"},
    {"insert_string", "%%9999", ""},
    {"insert_string", "abc", ""},
    {"insert_string", "%%", ""},
    {"ntstatus", "0xc000006d", "STATUS_LOGON_FAILURE: bad user name or password"},
    {"ntstatus", "0xC000006A", "STATUS_WRONG_PASSWORD: wrong password"},
    {"ntstatus", "0xC0000234", "STATUS_ACCOUNT_LOCKED_OUT: account locked out"},
    {"ntstatus", "0x0", "STATUS_SUCCESS: success"},
    {"ntstatus", "3221225578", "STATUS_WRONG_PASSWORD: wrong password"},
    {"ntstatus", "0xdeadbeef", ""},
    {"ntstatus", "-", ""},
    {"kerberos_status", "0x18", "KDC_ERR_PREAUTH_FAILED: pre-authentication failed (bad password)"},
    {"kerberos_status", "0x6", "KDC_ERR_C_PRINCIPAL_UNKNOWN: client not found (unknown user name)"},
    {"kerberos_status", "0x25", "KRB_AP_ERR_SKEW: clock skew too great"},
    {"kerberos_status", "0x1e", ""},
    {"kerberos_ticket_options", "0x40810010", "Forwardable, Renewable, Canonicalize, Renewable-ok"},
    {"kerberos_ticket_options", "0x60810010",
     "Forwardable, Forwarded, Renewable, Canonicalize, Renewable-ok"},
    {"kerberos_ticket_options", "0x40100000", "Forwardable, other bits 0x100000"},
    {"kerberos_ticket_options", "0x0", ""},
    {"kerberos_ticket_options", "0x100000000", ""},
    {"kerberos_encryption", "0x12", "AES256-CTS-HMAC-SHA1-96"},
    {"kerberos_encryption", "0x17", "RC4-HMAC"},
    {"kerberos_encryption", "0xFFFFFFFF", "Failure (no ticket issued)"},
    {"kerberos_encryption", "0x2", ""},
    {"kerberos_preauth", "2", "PA-ENC-TIMESTAMP"},
    {"kerberos_preauth", "0", "Logon without pre-authentication"},
    {"kerberos_preauth", "138", "PA-ENCRYPTED-CHALLENGE"},
    {"kerberos_preauth", "-", ""},
    {"access_mask", "0x10", "WriteEA"},
    {"access_mask", "0x100081", "ReadData (or ListDirectory), ReadAttributes, SYNCHRONIZE"},
    {"access_mask", "0X80000000", "GENERIC_READ"},
    {"access_mask", "0x1010", "WriteEA, other bits 0x1000"},
    {"access_mask", "0x0", ""},
    {"uac", "0x15", "Account Disabled, Password Not Required, Normal Account"},
    {"uac", "0x210", "Normal Account, Don't Expire Password"},
    {"uac", "512", "Normal account"},
    {"uac", "66050", "Account disabled, Normal account, Password never expires"},
    {"uac", "\n\t\t%%2080\n\t\t%%2082\n\t\t%%2084",
     "Account Disabled, 'Password Not Required' - Enabled, 'Normal Account' - Enabled"},
    {"uac", "%%2048", "Account Enabled"},
    {"uac", "%%2096", "'Don't Require Preauth' - Enabled"},
    {"uac", "%%2090", "Account Locked"},
    {"uac", "%%2058", "Account Unlocked"},
    {"uac", "%%2100", "'Undefined UserAccountControl Bit 20' - Enabled"},
    {"uac", "0x0", ""},
    {"uac", "-", ""},
    {"sid", "S-1-5-18", "Local System"},
    {"sid", "s-1-5-32-544", "Administrators"},
    {"sid", "S-1-5-21-1-2-3-500", "Administrator"},
    {"sid", "S-1-5-21-3623811015-3361044348-30300820-512", "Domain Admins"},
    {"sid", "S-1-5-21-1-2-3-1104", ""},
    {"sid", "S-1-5-21-1-2-500", ""},
    {"sid", "S-1-5-96-0-1", "Font Driver Host (UMFD) session account"},
    {"sid", "S-1-5-90-0", "Windows Manager Group"},
    {"sid", "S-1-5-96-0-", ""},
    {"hashes", "SHA1=AB12,MD5=CD34,SHA256=EF56,IMPHASH=0A1B",
     "SHA1 AB12, MD5 CD34, SHA256 EF56, IMPHASH 0A1B"},
    {"hashes", "SHA256=xyz", ""},
    {"hashes", "hello", ""},
    {"boolean", "%%1842", "Yes"},
    {"boolean", "%%1843", "No"},
    {"boolean", "TRUE", "Yes"},
    {"boolean", "0", "No"},
    {"boolean", "no", "No"},
    {"boolean", "maybe", ""},
    {"hex_to_decimal", "0x1F4", "500"},
    {"hex_to_decimal", "0x1f4", "500"},
    {"hex_to_decimal", "0xFFFFFFFFFFFFFFFF", "18446744073709551615"},
    {"hex_to_decimal", "0x1FFFFFFFFFFFFFFFF", ""},
    {"hex_to_decimal", "500", ""},
    {"hex_to_decimal", "0x", ""},
};

std::vector<std::string> garbageInputs() {
    std::vector<std::string> inputs = {
        "",          " \t\r\n", "%%",  "%%%%%%",          "0x", "0xZZ", "-", "\xff\xfe", "S-1-",
        "S-1-5-21-", "=,=,",    ",,,", "%%99999999999999"};
    inputs.emplace_back(100000, '9');
    inputs.emplace_back(std::string(1, '\0') + "3");
    std::mt19937 random(20240601);
    for (int i = 0; i < 200; ++i) {
        std::string bytes(size_t(random() % 64), '\0');
        for (char& c : bytes)
            c = char(random() % 256);
        inputs.push_back(bytes);
    }
    return inputs;
}

} // namespace

class TestDecoders : public QObject {
    Q_OBJECT

  private slots:
    void decodes_data() {
        QTest::addColumn<QString>("decoder");
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("meaning");
        for (const Case& c : cases) {
            const QString row = QStringLiteral("%1 %2").arg(c.decoder, QString(c.raw).simplified());
            QTest::newRow(row.toUtf8().constData()) << c.decoder << c.raw << c.meaning;
        }
    }

    void decodes() {
        QFETCH(QString, decoder);
        QFETCH(QString, raw);
        QFETCH(QString, meaning);
        QCOMPARE(decoded(decoder.toUtf8().constData(), raw.toStdString()), meaning);
    }

    void insertStringTextByCode() {
        QCOMPARE(insertStringText(1833), std::string_view("Impersonation"));
        QCOMPARE(insertStringText(1842), std::string_view("Yes"));
        QCOMPARE(insertStringText(2080), std::string_view("Account Disabled"));
        QCOMPARE(insertStringText(2087), std::string_view("'Workstation Trust Account' - Enabled"));
        QCOMPARE(insertStringText(2049), std::string_view("'Home Directory Required' - Disabled"));
        QCOMPARE(insertStringText(8448), std::string_view("Success removed"));
        QVERIFY(insertStringText(0).empty());
        QVERIFY(insertStringText(2112).empty());
        QVERIFY(insertStringText(~0u).empty());
    }

    void expandsInsertStringsInsideText() {
        QCOMPARE(expandInsertStrings("Level %%1833 and %%9999 and %%"),
                 std::string("Level Impersonation and %%9999 and %%"));
        QCOMPARE(expandInsertStrings("%%1842%%1843"), std::string("YesNo"));
        QCOMPARE(expandInsertStrings("100%% sure"), std::string("100%% sure"));
        QCOMPARE(expandInsertStrings(""), std::string());
    }

    void namesWellKnownSids() {
        QCOMPARE(wellKnownSidName("S-1-5-19"), std::string_view("Local Service"));
        QCOMPARE(wellKnownSidName(" S-1-5-20 "), std::string_view("Network Service"));
        QCOMPARE(wellKnownSidName("S-1-5-21-1-2-3-502"), std::string_view("krbtgt"));
        QVERIFY(wellKnownSidName("S-1-5-21-x-2-3-500").empty());
        QVERIFY(wellKnownSidName("not a sid").empty());
    }

    void everyNameResolves() {
        const auto names = decoderNames();
        QVERIFY(names.size() >= 13);
        for (std::string_view name : names)
            QVERIFY2(findDecoder(name), name.data());
        QVERIFY(!findDecoder("no_such_decoder"));
        QVERIFY(!findDecoder(""));
    }

    // The README's decoder table and decoderNames() list the same names.
    void readmeTableMatchesRegistry() {
        QFile readme(EVTX_SOURCE_DIR "/resources/knowledge/README.md");
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        static const QRegularExpression row(QStringLiteral("^\\| `([a-z_]+)` \\|"),
                                            QRegularExpression::MultilineOption);
        std::set<std::string> documented;
        for (auto match = row.globalMatch(text); match.hasNext();)
            documented.insert(match.next().captured(1).toStdString());
        QVERIFY(documented.size() >= 13);
        std::set<std::string> registered;
        for (std::string_view name : decoderNames())
            registered.emplace(name);
        QCOMPARE(documented, registered);
    }

    void garbageNeverThrows() {
        const auto inputs = garbageInputs();
        for (std::string_view name : decoderNames()) {
            const DecodeFn decode = findDecoder(name);
            for (const std::string& input : inputs) {
                try {
                    (void)decode(input);
                } catch (...) {
                    QFAIL(qPrintable(QStringLiteral("%1 threw").arg(QString::fromUtf8(name))));
                }
            }
        }
        for (const std::string& input : inputs) {
            (void)expandInsertStrings(input);
            (void)wellKnownSidName(input);
        }
    }

    void garbageDecodesToNothing() {
        for (std::string_view name : decoderNames()) {
            const DecodeFn decode = findDecoder(name);
            for (const char* input : {"", "   ", "%%", "0xZZ", "-", "S-1-", "=,=,"})
                QVERIFY2(decode(input).empty(), qPrintable(QString::fromUtf8(name) + ": " + input));
        }
    }

    // A long %%-list decodes whole: nothing is cut off or capped.
    void longListsDecodeWhole() {
        std::string list;
        for (int i = 0; i < 1000; ++i)
            list += "%%1537\n\t\t";
        const std::string meaning = findDecoder("insert_string")(list);
        QCOMPARE(meaning.size(), 1000 * std::string("DELETE, ").size() - 2);
    }
};

QTEST_GUILESS_MAIN(TestDecoders)
#include "tst_decoders.moc"
