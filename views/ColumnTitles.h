#pragma once

#include <QStringList>
#include <QVariant>

namespace wpm {

// headerData() of a table model whose columns have one title each, in the order of its Columns enum.
inline QVariant columnTitle(int section, Qt::Orientation orientation, int role, const QStringList& titles)
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= titles.size())
        return {};
    return titles.at(section);
}

} // namespace wpm
