#pragma once
// An editable list of URL patterns (url_whitelist / url_blacklist): a pattern is checked by UrlPattern
// as it is typed and can be added only once it passes, so the list never holds one the config rejects.

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace wpm {

class PatternListEditor : public QWidget {
    Q_OBJECT
public:
    explicit PatternListEditor(QWidget* parent = nullptr);

    QStringList patterns() const;
    void setPatterns(const QStringList& patterns);

    QLineEdit* input() const { return m_input; }
    QPushButton* addButton() const { return m_add; }
    QString problem() const; // why the typed pattern is rejected; empty when it passes or nothing is typed

Q_SIGNALS:
    void patternsChanged();

private:
    void check();
    void add();

    QListWidget* m_list;
    QLineEdit* m_input;
    QPushButton* m_add;
    QPushButton* m_remove;
    QLabel* m_problem;
};

} // namespace wpm
