#include "PatternListEditor.h"

#include "config/UrlPattern.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

namespace wpm {

PatternListEditor::PatternListEditor(QWidget* parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_input(new QLineEdit(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_problem(new QLabel(this))
{
    m_list->setMaximumHeight(90);
    m_input->setPlaceholderText(QStringLiteral("/api/*"));
    m_problem->setWordWrap(true);
    m_problem->setForegroundRole(QPalette::PlaceholderText);
    connect(m_input, &QLineEdit::textChanged, this, &PatternListEditor::check);
    connect(m_input, &QLineEdit::returnPressed, this, &PatternListEditor::add);
    connect(m_add, &QPushButton::clicked, this, &PatternListEditor::add);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        delete m_list->currentItem();
        Q_EMIT patternsChanged();
    });
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 0, 0, 1, 2);
    layout->addWidget(m_remove, 0, 2, Qt::AlignTop);
    layout->addWidget(m_input, 1, 0, 1, 2);
    layout->addWidget(m_add, 1, 2);
    layout->addWidget(m_problem, 2, 0, 1, 3);
    check();
}

QStringList PatternListEditor::patterns() const
{
    QStringList result;
    for (int row = 0; row < m_list->count(); ++row)
        result.append(m_list->item(row)->text());
    return result;
}

void PatternListEditor::setPatterns(const QStringList& patterns)
{
    m_list->clear();
    m_list->addItems(patterns);
}

QString PatternListEditor::problem() const
{
    if (m_input->text().isEmpty())
        return {};
    const Result<UrlPattern> parsed = UrlPattern::parse(m_input->text());
    return parsed ? QString() : parsed.error().message;
}

void PatternListEditor::check()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_add->setEnabled(!m_input->text().isEmpty() && why.isEmpty());
}

void PatternListEditor::add()
{
    if (!m_add->isEnabled())
        return;
    m_list->addItem(m_input->text());
    m_input->clear();
    Q_EMIT patternsChanged();
}

} // namespace wpm
