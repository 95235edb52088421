#pragma once
// Request durations over time, one dot per request of a RequestsModel (slow ones red), with the
// threshold as a dashed line. Painted from the model, so it follows what the table shows.

#include <QWidget>

namespace wpm {

class RequestsModel;

class DurationChart : public QWidget {
    Q_OBJECT
public:
    explicit DurationChart(RequestsModel* model, QWidget* parent = nullptr);

    QSize sizeHint() const override { return { 400, 140 }; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    RequestsModel* m_model;
};

} // namespace wpm
