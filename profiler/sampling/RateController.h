#pragma once
// The adaptive sampling rate: from the time each capture keeps a thread stopped, the highest
// rate (up to the one asked for) at which a sampled thread spends at most the overhead budget
// stopped. The mean follows a slower stop quickly (the rate comes down at once) and a faster one
// gradually (the rate recovers slowly), so bursts of slow stops on a busy machine stay within the budget.

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
        const double weight = stopNs > m_meanStopNs ? kRisingWeight : kFallingWeight;
        m_meanStopNs = (1 - weight) * m_meanStopNs + weight * stopNs;
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
    static constexpr double kRisingWeight = 0.25;
    static constexpr double kFallingWeight = 0.05;
    static constexpr double kTargetShare = 0.8;
    static constexpr double kMinimumHz = 1.0;

    double m_requestedHz;
    double m_budget;
    bool m_adaptive;
    double m_meanStopNs = -1;
};

} // namespace wpm
