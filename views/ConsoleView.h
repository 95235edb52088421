#pragma once
// The server's console: its stdout and stderr lines (stderr in red), bounded to the newest lines,
// with a search field that finds the next and previous match. stderr's red follows the palette's scheme.

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace wpm {

class ConsoleView : public QWidget {
    Q_OBJECT
public:
    static constexpr int defaultMaxLines = 5000;

    explicit ConsoleView(QWidget* parent = nullptr);

    void appendLine(const QString& line, bool isError);
    void clear();
    void setMaxLines(int lines);

    // Selects the next (or previous) occurrence of the search text; false when there is none.
    bool findNext(bool backward = false);

    QString text() const;
    int lineCount() const;
    QLineEdit* searchEdit() const { return m_search; }
    QPlainTextEdit* textEdit() const { return m_text; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateMatchCount();
    void recolourErrorLines();

    QPlainTextEdit* m_text;
    QLineEdit* m_search;
    QLabel* m_matches;
};

} // namespace wpm
