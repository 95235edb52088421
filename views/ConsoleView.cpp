#include "ConsoleView.h"

#include "PaletteColours.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace wpm {
namespace {

constexpr int kErrorLine = 1; // QTextBlock::userState of a stderr line

} // namespace

ConsoleView::ConsoleView(QWidget* parent)
    : QWidget(parent)
    , m_text(new QPlainTextEdit(this))
    , m_search(new QLineEdit(this))
    , m_matches(new QLabel(this))
{
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setMaximumBlockCount(defaultMaxLines); // the oldest lines go first
    m_search->setPlaceholderText(tr("Search the console"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { findNext(); });
    connect(m_search, &QLineEdit::textChanged, this, &ConsoleView::updateMatchCount);

    auto* previous = new QToolButton(this);
    previous->setText(tr("Previous"));
    connect(previous, &QToolButton::clicked, this, [this] { findNext(true); });
    auto* next = new QToolButton(this);
    next->setText(tr("Next"));
    connect(next, &QToolButton::clicked, this, [this] { findNext(); });

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(previous);
    bar->addWidget(next);
    bar->addWidget(m_matches);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_text);
}

void ConsoleView::appendLine(const QString& line, bool isError)
{
    QScrollBar* scroll = m_text->verticalScrollBar();
    const bool following = scroll->value() == scroll->maximum();
    QTextCharFormat format;
    if (isError)
        format.setForeground(errorColour(palette()));
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_text->document()->isEmpty())
        cursor.insertBlock();
    cursor.block().setUserState(isError ? kErrorLine : -1); // recoloured when the palette changes
    cursor.insertText(line, format);
    if (following) // keep the newest line in view unless the user scrolled back
        scroll->setValue(scroll->maximum());
}

void ConsoleView::clear()
{
    m_text->clear();
    updateMatchCount();
}

void ConsoleView::setMaxLines(int lines)
{
    m_text->setMaximumBlockCount(lines);
}

bool ConsoleView::findNext(bool backward)
{
    const QString needle = m_search->text();
    if (needle.isEmpty())
        return false;
    const QTextDocument::FindFlags flags = backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_text->find(needle, flags))
        return true;
    // Wrap around once.
    QTextCursor cursor = m_text->textCursor();
    cursor.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
    m_text->setTextCursor(cursor);
    return m_text->find(needle, flags);
}

QString ConsoleView::text() const
{
    return m_text->toPlainText();
}

int ConsoleView::lineCount() const
{
    return m_text->document()->isEmpty() ? 0 : m_text->document()->blockCount();
}

void ConsoleView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        recolourErrorLines();
    QWidget::changeEvent(event);
}

void ConsoleView::recolourErrorLines()
{
    QTextCharFormat format;
    format.setForeground(errorColour(palette())); // the text edit's own palette changes after this event
    for (QTextBlock block = m_text->document()->begin(); block.isValid(); block = block.next()) {
        if (block.userState() != kErrorLine)
            continue;
        QTextCursor cursor(block);
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(format);
    }
}

void ConsoleView::updateMatchCount()
{
    const QString needle = m_search->text();
    if (needle.isEmpty()) {
        m_matches->clear();
        return;
    }
    int lines = 0;
    for (QTextBlock block = m_text->document()->begin(); block.isValid(); block = block.next())
        lines += block.text().contains(needle, Qt::CaseInsensitive) ? 1 : 0;
    m_matches->setText(tr("%n matching line(s)", nullptr, lines));
}

} // namespace wpm
