// The zh_CN translation is complete, up to date with the sources, and consistent with them
// (same placeholders, same keyboard accelerators), and it is compiled into the build.

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context;
    QString source;
    QString translation;
    QString translationType;
};

QList<Message> readTs(const QString& path)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.isStartElement() && xml.name() == QLatin1String("message"))
            current = Message { context, {}, {}, {} };
        else if (xml.isStartElement() && xml.name() == QLatin1String("source"))
            current.source = xml.readElementText();
        else if (xml.isStartElement() && xml.name() == QLatin1String("translation")) {
            current.translationType = xml.attributes().value(QLatin1String("type")).toString();
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message"))
            messages.append(current);
    }
    return messages;
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("%\\d+"));
    QStringList found;
    for (const QRegularExpressionMatch& match : pattern.globalMatch(text))
        found.append(match.captured());
    found.sort();
    return found;
}

bool hasAccelerator(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("&[^&\\s]"));
    return pattern.match(text).hasMatch();
}

const QString kTsFile = QStringLiteral(WPM_SOURCE_DIR "/translations/web-perfmonitor_zh_CN.ts");

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyMessageIsTranslated()
    {
        const QList<Message> messages = readTs(kTsFile);
        QVERIFY2(messages.size() > 20, "the .ts file is missing or nearly empty");
        for (const Message& message : messages) {
            const QByteArray where = (message.context + QLatin1String(": ") + message.source).toUtf8();
            QVERIFY2(message.translationType.isEmpty(), where.constData()); // not unfinished, obsolete or vanished
            QVERIFY2(!message.translation.trimmed().isEmpty(), where.constData());
            QCOMPARE(placeholders(message.translation), placeholders(message.source));
            QVERIFY2(hasAccelerator(message.translation) == hasAccelerator(message.source), where.constData());
        }
    }

    void translationMatchesTheSources()
    {
        // lupdate over the sources today must find exactly the messages the .ts file holds.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fresh = dir.filePath(QStringLiteral("fresh_zh_CN.ts"));
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(WPM_LUPDATE),
            { QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                QStringLiteral(WPM_SOURCE_DIR "/profiler"), QStringLiteral(WPM_SOURCE_DIR "/views"),
                QStringLiteral(WPM_SOURCE_DIR "/app"), QStringLiteral("-ts"), fresh });
        QVERIFY(lupdate.waitForFinished(60000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());

        QSet<QString> inSources;
        for (const Message& message : readTs(fresh))
            inSources.insert(message.context + QLatin1Char('\x1f') + message.source);
        QSet<QString> inTs;
        for (const Message& message : readTs(kTsFile))
            inTs.insert(message.context + QLatin1Char('\x1f') + message.source);

        QStringList missing;
        for (const QString& key : inSources)
            if (!inTs.contains(key))
                missing.append(QString(key).replace(QLatin1Char('\x1f'), QLatin1String(": ")));
        QStringList stale;
        for (const QString& key : inTs)
            if (!inSources.contains(key))
                stale.append(QString(key).replace(QLatin1Char('\x1f'), QLatin1String(": ")));
        QVERIFY2(missing.isEmpty(),
            qPrintable(QStringLiteral("not in the .ts file (run the update_translations target and "
                                      "translate):\n")
                + missing.join(QLatin1Char('\n'))));
        QVERIFY2(stale.isEmpty(), qPrintable(QStringLiteral("no longer in the sources:\n") + stale.join('\n')));
    }

    void compiledIntoTheResources()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/web-perfmonitor_zh_CN.qm")));
        QCOMPARE(translator.translate("wpm::MainWindow", "&File"), QStringLiteral("文件(&F)"));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
