#pragma once
// The adaptive sampling rate: from the time each capture keeps a thread stopped, the highest
// rate (up to the one asked for) at which a sampled thread spends at most the overhead budget
// stopped. The mean of the stops is a moving average that follows a lasting rise within a few
// stops. It weighs rises and falls alike: the share of time spent stopped, over a run, is the budget
// times the mean stop over the mean of this estimate, so any bias of the estimate misses the budget
// (one that followed rises faster than falls kept a server with 3% of 3 ms stops at a quarter of it).

#include <algorithm>

namespace wpm {

class RateController {
public:
    RateController(double requestedHz, double overheadBudget, bool adaptive)
        : m_requestedHz(requestedHz)
        , m_budget(overheadBudget)
        , m_adaptive(adaptive)
    {
    }

    void addStop(double stopNs)
    {
        if (m_meanStopNs < 0) {
            m_meanStopNs = stopNs;
            return;
        }
        m_meanStopNs = (1 - kWeight) * m_meanStopNs + kWeight * stopNs;
    }

    double rateHz() const
    {
        if (!m_adaptive || m_meanStopNs <= 0)
            return m_requestedHz;
        // Aim below the budget so that noise around the mean stays within it.
        return std::clamp(kTargetShare * m_budget * 1e9 / m_meanStopNs, kMinimumHz, m_requestedHz);
    }

    double meanStopNs() const { return std::max(0.0, m_meanStopNs); }

private:
    static constexpr double kWeight = 0.25;
    static constexpr double kTargetShare = 0.8;
    static constexpr double kMinimumHz = 1.0;

    double m_requestedHz;
    double m_budget;
    bool m_adaptive;
    double m_meanStopNs = -1;
};

} // namespace wpm
