// wpm_native_target's optional threads (see native_target.cpp): "clock" (--clock), which spins on clock_gettime in
// the kernel's vDSO, and "inhandler" (--in-handler), which waits for ever inside a signal handler, so that its stack
// goes through the kernel's signal frame.

#include "native_target.h"

#include <cerrno>
#include <csignal>
#include <ctime>

#include <pthread.h>
#include <sys/prctl.h>

namespace wpm_target {

WPM_KEEP void readClockForever()
{
    for (;;) {
        timespec now {};
        clock_gettime(CLOCK_MONOTONIC, &now);
        g_sink = g_sink + static_cast<unsigned long>(now.tv_nsec);
    }
}

WPM_KEEP void waitInSignalHandler(int)
{
    g_started->count_down(); // the thread is announced once it waits here
    for (;;) {
        timespec request { 1, 0 };
        while (nanosleep(&request, &request) == -1 && errno == EINTR) { }
    }
}

WPM_KEEP void raiseSignalToSelf()
{
    struct sigaction action { };
    action.sa_handler = waitInSignalHandler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGUSR2, &action, nullptr);
    pthread_kill(pthread_self(), SIGUSR2);
    g_sink = g_sink + 1; // never reached: the handler does not return
}

WPM_KEEP void* inHandlerThread(void*)
{
    prctl(PR_SET_NAME, "inhandler");
    raiseSignalToSelf();
    return nullptr;
}

WPM_KEEP void* clockThread(void*)
{
    announceThread("clock");
    readClockForever();
    return nullptr;
}

} // namespace wpm_target
