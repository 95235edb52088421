#include "QuietSignalMask.h"

#include <cerrno>
#include <pthread.h>

namespace {

thread_local int t_quietDepth = 0;
thread_local sigset_t t_mask; // the thread's mask when it went quiet
thread_local quint64 t_answered = 0;

} // namespace

// Defined by the executable, this one is what libunwind's calls reach (the C library's own calls do not go through
// the symbol). Outside a QuietSignalMask it does what the C library's does: pthread_sigmask with errno set.
extern "C" int sigprocmask(int how, const sigset_t* set, sigset_t* old)
{
    if (t_quietDepth > 0) {
        if (old != nullptr)
            *old = t_mask;
        ++t_answered;
        return 0;
    }
    const int error = pthread_sigmask(how, set, old);
    if (error == 0)
        return 0;
    errno = error;
    return -1;
}

namespace wpm {

QuietSignalMask::QuietSignalMask()
{
    if (t_quietDepth++ == 0)
        pthread_sigmask(SIG_SETMASK, nullptr, &t_mask);
}

QuietSignalMask::~QuietSignalMask()
{
    --t_quietDepth;
}

quint64 QuietSignalMask::answeredCalls()
{
    return t_answered;
}

} // namespace wpm
