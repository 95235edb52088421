#pragma once
// The /proc files that sampling reads for every thread of a process on every tick, kept open between ticks.
// Listing /proc/PID/task with QDir (a stat per entry) and opening two files per thread by path cost more than the
// reads themselves; a kept descriptor is read again from offset 0, and the kernel formats the file afresh.
// A kept descriptor also keeps naming the thread it was opened for: a reused id reads as gone, and is opened anew.

#include "ProcFs.h"

#include <QHash>

#include <optional>
#include <vector>

#include <dirent.h>

namespace wpm {

// The positive numeric entries of an open directory, sorted, into `ids` (cleared first): pids in /proc, tids in
// /proc/PID/task. False when the directory cannot be read.
bool readIds(DIR* directory, std::vector<pid_t>& ids);

class TaskFiles {
public:
    explicit TaskFiles(pid_t pid);
    ~TaskFiles();
    TaskFiles(const TaskFiles&) = delete;
    TaskFiles& operator=(const TaskFiles&) = delete;

    // The ids of the process's threads, sorted, into `tids`; false when the process is gone or cannot be read.
    // The files of threads no longer listed are closed.
    bool listThreads(std::vector<pid_t>& tids);
    // The thread's stat without its name (ThreadStat::name stays empty); nullopt when the thread is gone.
    std::optional<ThreadStat> stat(pid_t tid);
    // Where the thread is blocked; number -2 (unknown) when it is gone or not ours to inspect.
    SyscallPosition syscallPosition(pid_t tid);

    // The descriptors this object keeps open.
    qsizetype keptDescriptors() const;
    // How many descriptors all of them together may keep: a quarter of the open-file limit when first asked, at most
    // 1024. With the usual soft limit of 1024, 128 threads are read through kept files, and any more by opening
    // their files each time.
    static int descriptorBudget();

private:
    enum File { Stat, Syscall, FileCount };
    struct Descriptors {
        int fd[FileCount] = { -1, -1 };
    };
    // `file` of `tid` into `buffer`: its length, or -1 when it cannot be read.
    ssize_t read(pid_t tid, File file, char* buffer, size_t size);
    int open(pid_t tid, File file) const;
    void close(Descriptors& descriptors);

    pid_t m_pid;
    DIR* m_taskDirectory = nullptr;
    QHash<pid_t, Descriptors> m_kept;
};

} // namespace wpm
