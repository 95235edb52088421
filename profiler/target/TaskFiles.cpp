#include "TaskFiles.h"

#include "ProcText.h"

#include <algorithm>
#include <atomic>
#include <cstdio>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace wpm {
namespace {

constexpr const char* kFileNames[] = { "stat", "syscall" };

// Descriptors kept open by every TaskFiles together (against descriptorBudget()).
std::atomic<int> g_keptDescriptors { 0 };

bool takeDescriptor()
{
    if (g_keptDescriptors.fetch_add(1) < TaskFiles::descriptorBudget())
        return true;
    g_keptDescriptors.fetch_sub(1);
    return false;
}

} // namespace

bool readIds(DIR* directory, std::vector<pid_t>& ids)
{
    ids.clear();
    if (!directory)
        return false;
    rewinddir(directory);
    errno = 0;
    while (const dirent* entry = readdir(directory)) {
        if (const pid_t id = parseId(entry->d_name))
            ids.push_back(id);
    }
    if (errno != 0)
        return false;
    std::sort(ids.begin(), ids.end());
    return true;
}

int TaskFiles::descriptorBudget()
{
    static const int budget = [] {
        rlimit limit {};
        if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
            return 1024;
        return int(std::min<rlim_t>(limit.rlim_cur / 4, 1024));
    }();
    return budget;
}

TaskFiles::TaskFiles(pid_t pid)
    : m_pid(pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/task", pid);
    if (pid > 0)
        m_taskDirectory = opendir(path);
}

TaskFiles::~TaskFiles()
{
    for (Descriptors& descriptors : m_kept)
        close(descriptors);
    if (m_taskDirectory)
        closedir(m_taskDirectory);
}

qsizetype TaskFiles::keptDescriptors() const
{
    qsizetype count = 0;
    for (const Descriptors& descriptors : m_kept)
        count += std::count_if(std::begin(descriptors.fd), std::end(descriptors.fd), [](int fd) { return fd >= 0; });
    return count;
}

bool TaskFiles::listThreads(std::vector<pid_t>& tids)
{
    // A process that is gone lists no thread (the directory stays bound to it, not to a new process of its pid).
    if (!readIds(m_taskDirectory, tids) || tids.empty())
        return false;
    for (auto it = m_kept.begin(); it != m_kept.end();) {
        if (std::binary_search(tids.begin(), tids.end(), it.key())) {
            ++it;
            continue;
        }
        close(it.value());
        it = m_kept.erase(it);
    }
    return true;
}

std::optional<ThreadStat> TaskFiles::stat(pid_t tid)
{
    char text[1024];
    const ssize_t length = read(tid, Stat, text, sizeof text);
    if (length <= 0)
        return std::nullopt;
    return parseThreadStat(std::string_view(text, size_t(length)), StatName::Skip);
}

SyscallPosition TaskFiles::syscallPosition(pid_t tid)
{
    char text[256];
    const ssize_t length = read(tid, Syscall, text, sizeof text);
    if (length <= 0)
        return {};
    return parseSyscallPosition(std::string_view(text, size_t(length))).value_or(SyscallPosition {});
}

int TaskFiles::open(pid_t tid, File file) const
{
    if (!m_taskDirectory)
        return -1;
    char path[48];
    std::snprintf(path, sizeof path, "%d/%s", tid, kFileNames[file]);
    return ::openat(dirfd(m_taskDirectory), path, O_RDONLY | O_CLOEXEC);
}

void TaskFiles::close(Descriptors& descriptors)
{
    for (int& fd : descriptors.fd) {
        if (fd < 0)
            continue;
        ::close(fd);
        fd = -1;
        g_keptDescriptors.fetch_sub(1);
    }
}

ssize_t TaskFiles::read(pid_t tid, File file, char* buffer, size_t size)
{
    if (tid <= 0)
        return -1;
    auto kept = m_kept.find(tid);
    if (kept != m_kept.end() && kept->fd[file] >= 0) {
        const ssize_t length = ::pread(kept->fd[file], buffer, size, 0);
        if (length > 0)
            return length;
        // Gone, or its id now names another thread: the open below tells which.
        ::close(kept->fd[file]);
        kept->fd[file] = -1;
        g_keptDescriptors.fetch_sub(1);
    }
    const int fd = open(tid, file);
    if (fd < 0)
        return -1;
    const ssize_t length = ::pread(fd, buffer, size, 0);
    if (length > 0 && takeDescriptor()) {
        if (kept == m_kept.end())
            kept = m_kept.insert(tid, Descriptors {});
        kept->fd[file] = fd;
    } else {
        ::close(fd);
    }
    return length;
}

} // namespace wpm
