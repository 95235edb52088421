#include "WidgetStates.h"

#include <QHeaderView>
#include <QSettings>
#include <QSplitter>

namespace wpm {
namespace {

// findChildren() lists widgets of one kind in creation order, the same each time the window is built.
template <typename Widget> void saveKind(const QWidget* root, QSettings& settings, const QString& key)
{
    QVariantList states;
    for (const Widget* widget : root->template findChildren<Widget*>())
        states.append(widget->saveState());
    settings.setValue(key, states);
}

template <typename Widget> void restoreKind(QWidget* root, const QSettings& settings, const QString& key)
{
    const QVariantList states = settings.value(key).toList();
    const QList<Widget*> widgets = root->template findChildren<Widget*>();
    if (states.size() != widgets.size())
        return;
    for (qsizetype i = 0; i < widgets.size(); ++i)
        widgets[i]->restoreState(states[i].toByteArray());
}

} // namespace

void saveWidgetStates(const QWidget* root, QSettings& settings, const QString& group)
{
    saveKind<QSplitter>(root, settings, group + QStringLiteral("/splitters"));
    saveKind<QHeaderView>(root, settings, group + QStringLiteral("/headers"));
}

void restoreWidgetStates(QWidget* root, const QSettings& settings, const QString& group)
{
    restoreKind<QSplitter>(root, settings, group + QStringLiteral("/splitters"));
    restoreKind<QHeaderView>(root, settings, group + QStringLiteral("/headers"));
}

} // namespace wpm
