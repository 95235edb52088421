<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>wpm::AboutDialog</name>
    <message>
        <source>About web-perfmonitor</source>
        <translation>关于 web-perfmonitor</translation>
    </message>
    <message>
        <source>&lt;h2&gt;web-perfmonitor %1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;web-perfmonitor %1&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>A profiling workbench for web servers: it samples your server from outside, times every request and explains each slow one with its own call tree.</source>
        <translation>Web 服务器性能分析工作台：从进程外部对服务器采样，为每个请求计时，并用请求自己的调用树解释每个慢请求。</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>库</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
</context>
<context>
    <name>wpm::AttachCheck</name>
    <message>
        <source>No process with PID %1 is running; pick a running process or let the workbench launch the server.</source>
        <translation>没有 PID 为 %1 的进程在运行；请选择一个正在运行的进程，或让工作台启动服务器。</translation>
    </message>
    <message>
        <source>PID %1 is the workbench itself, which cannot profile itself; pick the server&apos;s process.</source>
        <translation>PID %1 是工作台自身，无法分析自己；请选择服务器的进程。</translation>
    </message>
    <message>
        <source>Process %1 has exited and only its exit status remains (a zombie), so there is nothing to profile; restart the server and pick its new PID.</source>
        <translation>进程 %1 已退出，只剩下退出状态（僵尸进程），没有可分析的内容；请重启服务器并选择新的 PID。</translation>
    </message>
    <message>
        <source>PID %1 is a kernel thread, not a program, and cannot be profiled; pick the server&apos;s process instead.</source>
        <translation>PID %1 是内核线程而不是程序，无法分析；请改选服务器的进程。</translation>
    </message>
    <message>
        <source>Process %1 is already being profiled by this workbench; stop that session before attaching again.</source>
        <translation>进程 %1 已经在被本工作台分析；请先停止那个会话再重新附加。</translation>
    </message>
    <message>
        <source>Process %1 is already traced by process %2, for example a debugger or another profiler, and a process can have only one tracer; detach or close %2 and try again.</source>
        <translation>进程 %1 已被进程 %2（例如调试器或其他分析器）跟踪，而一个进程只能有一个跟踪者；请分离或关闭 %2 后重试。</translation>
    </message>
    <message>
        <source>Process %1 cannot be profiled: kernel.yama.ptrace_scope is 3, which forbids tracing any process until the next reboot. Set kernel.yama.ptrace_scope=0 in /etc/sysctl.d/ and reboot, then try again.</source>
        <translation>无法分析进程 %1：kernel.yama.ptrace_scope 为 3，在下次重启前禁止跟踪任何进程。请在 /etc/sysctl.d/ 中设置 kernel.yama.ptrace_scope=0 并重启，然后重试。</translation>
    </message>
    <message>
        <source>Process %1 cannot be profiled: kernel.yama.ptrace_scope is 2, which lets only programs with CAP_SYS_PTRACE trace others. Set kernel.yama.ptrace_scope=0 (sudo sysctl kernel.yama.ptrace_scope=0) or grant the workbench CAP_SYS_PTRACE (sudo setcap cap_sys_ptrace+ep on its executable).</source>
        <translation>无法分析进程 %1：kernel.yama.ptrace_scope 为 2，只有具备 CAP_SYS_PTRACE 的程序才能跟踪其他进程。请设置 kernel.yama.ptrace_scope=0（sudo sysctl kernel.yama.ptrace_scope=0），或授予工作台 CAP_SYS_PTRACE（对其可执行文件执行 sudo setcap cap_sys_ptrace+ep）。</translation>
    </message>
    <message>
        <source>Process %1 cannot be profiled: kernel.yama.ptrace_scope is 1, which lets a program trace only the processes it started. Set kernel.yama.ptrace_scope=0 (sudo sysctl kernel.yama.ptrace_scope=0), grant CAP_SYS_PTRACE, or let the workbench launch the server.</source>
        <translation>无法分析进程 %1：kernel.yama.ptrace_scope 为 1，程序只能跟踪由它启动的进程。请设置 kernel.yama.ptrace_scope=0（sudo sysctl kernel.yama.ptrace_scope=0）、授予 CAP_SYS_PTRACE，或让工作台启动服务器。</translation>
    </message>
    <message>
        <source>Process %1 runs as another user (uid %2), and the kernel lets you trace only your own processes. Run the workbench as that user, grant it CAP_SYS_PTRACE, or let the workbench launch the server.</source>
        <translation>进程 %1 以其他用户（uid %2）运行，内核只允许跟踪您自己的进程。请以该用户运行工作台、授予其 CAP_SYS_PTRACE，或让工作台启动服务器。</translation>
    </message>
    <message>
        <source>Process %1 is no longer under the workbench&apos;s control: it or one of its threads exited, or it was not stopped when the sampler read it. Restart profiling; if the server has exited, launch it again.</source>
        <translation>进程 %1 已不在工作台的控制之下：它或它的某个线程已退出，或者采样器读取时它未处于停止状态。请重新开始分析；如果服务器已退出，请重新启动它。</translation>
    </message>
    <message>
        <source>The kernel refused to let the workbench trace process %1 (operation not permitted). The program may forbid tracing (a setuid program, or prctl PR_SET_DUMPABLE 0), or a security module or container forbids ptrace (with Docker, add --cap-add=SYS_PTRACE). Set kernel.yama.ptrace_scope=0 (sudo sysctl kernel.yama.ptrace_scope=0), grant CAP_SYS_PTRACE, or let the workbench launch the server.</source>
        <translation>内核拒绝让工作台跟踪进程 %1（操作不允许）。该程序可能禁止被跟踪（setuid 程序，或 prctl PR_SET_DUMPABLE 0），或者安全模块或容器禁止 ptrace（使用 Docker 时请加上 --cap-add=SYS_PTRACE）。请设置 kernel.yama.ptrace_scope=0（sudo sysctl kernel.yama.ptrace_scope=0）、授予 CAP_SYS_PTRACE，或让工作台启动服务器。</translation>
    </message>
    <message>
        <source>Process %1 is busy with another tracer (the kernel answered EBUSY); close any debugger or profiler attached to it and try again.</source>
        <translation>进程 %1 正被另一个跟踪者占用（内核返回 EBUSY）；请关闭附加在它上面的调试器或分析器后重试。</translation>
    </message>
    <message>
        <source>Tracing process %1 failed: %2. Restart profiling; if it keeps failing, let the workbench launch the server.</source>
        <translation>跟踪进程 %1 失败：%2。请重新开始分析；如果仍然失败，请让工作台启动服务器。</translation>
    </message>
</context>
<context>
    <name>wpm::CommandLine</name>
    <message>
        <source>Show version information.</source>
        <translation>显示版本信息。</translation>
    </message>
    <message>
        <source>Read the configuration from a JSON file.</source>
        <translation>从 JSON 文件读取配置。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>User-interface language: %1.</source>
        <translation>界面语言：%1。</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Optional command, see above.</source>
        <translation>可选命令，见上文。</translation>
    </message>
    <message>
        <source>pid</source>
        <translation>pid</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>sample, record: the process to attach to.</source>
        <translation>sample、record：要附加的进程。</translation>
    </message>
    <message>
        <source>sample, record: how long to run (sample: default 10; record: until Ctrl+C).</source>
        <translation>sample、record：运行时长（sample 默认 10 秒；record 默认直到按下 Ctrl+C）。</translation>
    </message>
    <message>
        <source>workbench: launch the embedded demo server at start.</source>
        <translation>工作台：启动时运行内置的演示服务器。</translation>
    </message>
    <message>
        <source>sample: where to write the folded stacks; report export: the zip file.</source>
        <translation>sample：折叠栈的输出位置；report export：zip 文件。</translation>
    </message>
    <message>
        <source>report list: print JSON instead of a table.</source>
        <translation>report list：输出 JSON 而不是表格。</translation>
    </message>
    <message>
        <source>Profiling workbench for web servers.

Commands:
  (none)        open the workbench window
  config show   print the effective configuration as JSON (secrets masked)
  config check  validate the configuration and exit (status 2 when invalid)
  config keys   list every configuration key with its variable, flag and default
  sample --pid PID | sample -- COMMAND...
                sample a running server, or launch one, for --duration seconds; write its
                call stacks as folded stacks (--output, default: in log_path)
  record --pid PID | record -- COMMAND...
                put the recording proxy in front of the server and write a report of
                every request slower than threshold_seconds to log_path
  report list [--json]        the reports in log_path, oldest first
  report show ID              one report: request, files, notifications
  report export ID -o FILE    one report&apos;s files in a zip
  report reindex              rebuild the history database from the report files
  notify test   send a test notification through every notifier in notice_list
  notify set-secret NAME
                store a token or password read from standard input in the keychain
                (or a 0600 file); write it in notice_list as &quot;keychain:NAME&quot;
  notify options  list every notifier type&apos;s options

Configuration precedence: built-in defaults &lt; --config file &lt; PERF_* environment &lt; flags.</source>
        <translation>Web 服务器性能分析工作台。

命令：
  （无）        打开工作台窗口
  config show   以 JSON 打印生效的配置（隐藏密钥）
  config check  校验配置后退出（无效时退出状态为 2）
  config keys   列出每个配置项及其环境变量、命令行参数和默认值
  sample --pid PID | sample -- COMMAND...
                对运行中的服务器采样，或启动一个服务器并采样 --duration 秒；
                将其调用栈写为折叠栈（--output，默认写入 log_path）
  record --pid PID | record -- COMMAND...
                在服务器前放置录制代理，把每个慢于 threshold_seconds 的请求
                写成报告保存到 log_path
  report list [--json]        log_path 中的报告，最早的在前
  report show ID              单个报告：请求、文件、通知
  report export ID -o FILE    把单个报告的文件打包成 zip
  report reindex              根据报告文件重建历史数据库
  notify test   通过 notice_list 中的每个通知渠道发送一条测试通知
  notify set-secret NAME
                把从标准输入读取的令牌或密码保存到系统钥匙串
                （或 0600 文件）；在 notice_list 中写作 &quot;keychain:NAME&quot;
  notify options  列出每种通知渠道的选项

配置优先级：内置默认值 &lt; --config 文件 &lt; PERF_* 环境变量 &lt; 命令行参数。</translation>
    </message>
</context>
<context>
    <name>wpm::CommandNotifier</name>
    <message>
        <source>the command &quot;%1&quot; could not be started (%2); check &quot;argv&quot;</source>
        <translation>命令“%1”无法启动（%2）；请检查 &quot;argv&quot;</translation>
    </message>
    <message>
        <source>the command &quot;%1&quot; was still running after %2 s and was killed</source>
        <translation>命令“%1”在 %2 秒后仍在运行，已被终止</translation>
    </message>
    <message>
        <source>the command &quot;%1&quot; crashed</source>
        <translation>命令“%1”崩溃了</translation>
    </message>
    <message>
        <source>the command &quot;%1&quot; exited with status %2: %3</source>
        <translation>命令“%1”以状态 %2 退出：%3</translation>
    </message>
</context>
<context>
    <name>wpm::Commands</name>
    <message>
        <source>web-perfmonitor: no display is available (neither DISPLAY nor WAYLAND_DISPLAY is set).
  Run it inside a desktop session, under xvfb-run, or with QT_QPA_PLATFORM=offscreen.
  Headless commands need no display: see &apos;web-perfmonitor --help&apos;.</source>
        <translation>web-perfmonitor：没有可用的显示器（DISPLAY 和 WAYLAND_DISPLAY 都未设置）。
  请在桌面会话中运行，或使用 xvfb-run，或设置 QT_QPA_PLATFORM=offscreen。
  无界面命令不需要显示器：见 &apos;web-perfmonitor --help&apos;。</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>| key | environment | flag | default | accepted |</source>
        <translation>| 配置项 | 环境变量 | 命令行参数 | 默认值 | 可接受的值 |</translation>
    </message>
    <message>
        <source>Usage: web-perfmonitor config show|check|keys [options]; see --help.</source>
        <translation>用法：web-perfmonitor config show|check|keys [选项]；见 --help。</translation>
    </message>
    <message>
        <source>The configuration is valid.</source>
        <translation>配置有效。</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;; see --help.</source>
        <translation>未知命令“%1”；见 --help。</translation>
    </message>
    <message>
        <source>web-perfmonitor</source>
        <translation>web-perfmonitor</translation>
    </message>
</context>
<context>
    <name>wpm::ConfigChecks</name>
    <message>
        <source>a JSON boolean</source>
        <translation>JSON 布尔值</translation>
    </message>
    <message>
        <source>a JSON number</source>
        <translation>JSON 数字</translation>
    </message>
    <message>
        <source>a JSON string</source>
        <translation>JSON 字符串</translation>
    </message>
    <message>
        <source>a JSON array</source>
        <translation>JSON 数组</translation>
    </message>
    <message>
        <source>a JSON object</source>
        <translation>JSON 对象</translation>
    </message>
    <message>
        <source>JSON null</source>
        <translation>JSON null</translation>
    </message>
    <message>
        <source>it is %1, not %2</source>
        <translation>它是%1，而不是%2</translation>
    </message>
    <message>
        <source>it is a JSON string; write the number without quotes</source>
        <translation>它是 JSON 字符串；请去掉引号直接写数字</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>it is not a whole number</source>
        <translation>它不是整数</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>the path is empty</source>
        <translation>路径为空</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a directory</source>
        <translation>“%1”不是目录</translation>
    </message>
    <message>
        <source>files cannot be created in &quot;%1&quot;</source>
        <translation>无法在“%1”中创建文件</translation>
    </message>
    <message>
        <source>it cannot be created because &quot;%1&quot; is not a directory</source>
        <translation>无法创建，因为“%1”不是目录</translation>
    </message>
    <message>
        <source>it cannot be created because &quot;%1&quot; does not allow new entries</source>
        <translation>无法创建，因为“%1”不允许新建条目</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>字符串数组</translation>
    </message>
    <message>
        <source>an item is %1, not a string</source>
        <translation>某一项是%1，而不是字符串</translation>
    </message>
    <message>
        <source>an array of objects</source>
        <translation>对象数组</translation>
    </message>
    <message>
        <source>%1 is %2, not an object</source>
        <translation>%1 是%2，而不是对象</translation>
    </message>
    <message>
        <source>%1 has no &quot;type&quot;</source>
        <translation>%1 缺少 &quot;type&quot;</translation>
    </message>
    <message>
        <source>the &quot;type&quot; of %1 is %2, not a string</source>
        <translation>%1 的 &quot;type&quot; 是%2，而不是字符串</translation>
    </message>
    <message>
        <source>the type &quot;%1&quot; of %2 is not one of %3</source>
        <translation>%2 的类型“%1”不在 %3 之中</translation>
    </message>
    <message>
        <source>%1 at line %2, column %3</source>
        <translation>%1，位于第 %2 行第 %3 列</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>%1 has no &quot;function&quot; string</source>
        <translation>%1 缺少字符串 &quot;function&quot;</translation>
    </message>
    <message>
        <source>%1 has unknown fields: %2</source>
        <translation>%1 有未知字段：%2</translation>
    </message>
    <message>
        <source>%1 is %2, not a string or an object</source>
        <translation>%1 是%2，而不是字符串或对象</translation>
    </message>
    <message>
        <source>%1 needs a function name of 1 to %2 characters</source>
        <translation>%1 需要 1 到 %2 个字符的函数名</translation>
    </message>
    <message>
        <source>the threshold of %1 is not a number of seconds from 0 to 86400</source>
        <translation>%1 的阈值不是 0 到 86400 之间的秒数</translation>
    </message>
    <message>
        <source>did you mean &quot;%1&quot;?</source>
        <translation>您是想写“%1”吗？</translation>
    </message>
</context>
<context>
    <name>wpm::ConfigFile</name>
    <message>
        <source>Cannot read the configuration file %1: it is a directory.</source>
        <translation>无法读取配置文件 %1：它是一个目录。</translation>
    </message>
    <message>
        <source>Cannot read the configuration file %1: %2.</source>
        <translation>无法读取配置文件 %1：%2。</translation>
    </message>
    <message>
        <source>The configuration file %1 is larger than 1 MiB; is it the right file?</source>
        <translation>配置文件 %1 超过 1 MiB；确定是正确的文件吗？</translation>
    </message>
    <message>
        <source>The configuration file %1 is not valid JSON: %2.</source>
        <translation>配置文件 %1 不是有效的 JSON：%2。</translation>
    </message>
    <message>
        <source>The configuration file %1 must hold a JSON object, e.g. {&quot;threshold_seconds&quot;: 0.5}.</source>
        <translation>配置文件 %1 必须是一个 JSON 对象，例如 {&quot;threshold_seconds&quot;: 0.5}。</translation>
    </message>
    <message>
        <source>Cannot write the configuration file %1: %2.</source>
        <translation>无法写入配置文件 %1：%2。</translation>
    </message>
</context>
<context>
    <name>wpm::ConfigKeys</name>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Requests slower than this are profiled and reported; 0 reports every request.</source>
        <translation>慢于此值的请求会被分析并生成报告；0 表示报告每个请求。</translation>
    </message>
    <message>
        <source>a number of seconds from 0 to 86400, e.g. 0.5</source>
        <translation>0 到 86400 之间的秒数，例如 0.5</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>A slow endpoint is reported again only after this many days; 0 reports it every time.</source>
        <translation>同一个慢接口在这么多天后才会再次通知；0 表示每次都通知。</translation>
    </message>
    <message>
        <source>a whole number of days from 0 to 3650, e.g. 7</source>
        <translation>0 到 3650 之间的整数天数，例如 7</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Largest share of the server&apos;s time that profiling may cost; sampling slows down to stay below it.</source>
        <translation>性能分析允许占用服务器时间的最大比例；采样会自动降速以保持在此之下。</translation>
    </message>
    <message>
        <source>a number greater than 0 and less than 1, e.g. 0.05 for 5%</source>
        <translation>大于 0 且小于 1 的数，例如 0.05 表示 5%</translation>
    </message>
    <message>
        <source>directory</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Directory where the HTML and Markdown reports are written.</source>
        <translation>保存 HTML 和 Markdown 报告的目录。</translation>
    </message>
    <message>
        <source>a directory that can be written to, or created, e.g. /var/log/perf-reports</source>
        <translation>可写入或可创建的目录，例如 /var/log/perf-reports</translation>
    </message>
    <message>
        <source>patterns</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Only requests whose path matches one of these patterns are monitored; the whitelist wins over the blacklist.</source>
        <translation>只监控路径匹配这些模式之一的请求；白名单优先于黑名单。</translation>
    </message>
    <message>
        <source>URL patterns starting with / or * (* any text, ? one character, [a-z] a class), as a JSON array in the file and separated by commas elsewhere, e.g. /api/*,/v1/users</source>
        <translation>以 / 或 * 开头的 URL 模式（* 任意文本，? 单个字符，[a-z] 字符类），在文件中写成 JSON 数组，其他地方用逗号分隔，例如 /api/*,/v1/users</translation>
    </message>
    <message>
        <source>Requests whose path matches one of these patterns are not monitored, e.g. health checks.</source>
        <translation>路径匹配这些模式之一的请求不被监控，例如健康检查。</translation>
    </message>
    <message>
        <source>URL patterns starting with / or * (* any text, ? one character, [a-z] a class), as a JSON array in the file and separated by commas elsewhere, e.g. /health,/static/*</source>
        <translation>以 / 或 * 开头的 URL 模式（* 任意文本，? 单个字符，[a-z] 字符类），在文件中写成 JSON 数组，其他地方用逗号分隔，例如 /health,/static/*</translation>
    </message>
    <message>
        <source>json</source>
        <translation>json</translation>
    </message>
    <message>
        <source>External notifiers told about each slow request; reports are always saved to log_path.</source>
        <translation>每个慢请求要通知的外部通知渠道；报告总是保存到 log_path。</translation>
    </message>
    <message>
        <source>How long sending one notification may take before it is given up.</source>
        <translation>发送一条通知最多可用的时间，超时即放弃。</translation>
    </message>
    <message>
        <source>a number of seconds greater than 0 and up to 3600, e.g. 30</source>
        <translation>大于 0 且不超过 3600 的秒数，例如 30</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>How many notifications may wait to be sent.</source>
        <translation>最多可以排队等待发送的通知数。</translation>
    </message>
    <message>
        <source>a whole number from 1 to 1000000, e.g. 1000</source>
        <translation>1 到 1000000 之间的整数，例如 1000</translation>
    </message>
    <message>
        <source>a number of seconds from 0 to 600, e.g. 5</source>
        <translation>0 到 600 之间的秒数，例如 5</translation>
    </message>
    <message>
        <source>hz</source>
        <translation>hz</translation>
    </message>
    <message>
        <source>How many call-stack samples are taken from the server per second.</source>
        <translation>每秒从服务器采集的调用栈样本数。</translation>
    </message>
    <message>
        <source>a whole number of samples per second from 1 to 10000, e.g. 100</source>
        <translation>每秒 1 到 10000 之间的整数样本数，例如 100</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>主机:端口</translation>
    </message>
    <message>
        <source>Address the recording proxy listens on; port 0 picks a free port.</source>
        <translation>录制代理监听的地址；端口 0 表示自动选择空闲端口。</translation>
    </message>
    <message>
        <source>host:port with an IPv4 address, localhost or [IPv6] and a port from 0 to 65535, e.g. 127.0.0.1:8080</source>
        <translation>主机:端口，主机为 IPv4 地址、localhost 或 [IPv6]，端口为 0 到 65535，例如 127.0.0.1:8080</translation>
    </message>
    <message>
        <source>Address of the server the proxy forwards to; empty detects it from the launched server.</source>
        <translation>代理转发到的服务器地址；为空时从启动的服务器自动检测。</translation>
    </message>
    <message>
        <source>empty, or host:port or http://host:port with a port from 1 to 65535, e.g. 127.0.0.1:5000</source>
        <translation>为空，或 主机:端口 或 http://主机:端口，端口为 1 到 65535，例如 127.0.0.1:5000</translation>
    </message>
    <message>
        <source>it is not valid JSON: %1</source>
        <translation>它不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>When the workbench stops: how long pending notifications may still take, and how long a launched server may take to exit after SIGTERM before it gets SIGKILL.</source>
        <translation>工作台停止时：待发送通知最多还可使用的时间，以及启动的服务器在收到 SIGTERM 后、被 SIGKILL 之前可用于退出的时间。</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>Memory the recorded samples may use; beyond it the oldest samples are dropped first.</source>
        <translation>已记录样本可使用的内存；超出后最早的样本先被丢弃。</translation>
    </message>
    <message>
        <source>a whole number of MiB from 16 to 65536, e.g. 256</source>
        <translation>16 到 65536 之间的整数 MiB，例如 256</translation>
    </message>
    <message>
        <source>Reports older than this are removed from log_path and the history; 0 keeps them.</source>
        <translation>早于此天数的报告会从 log_path 和历史中删除；0 表示保留。</translation>
    </message>
    <message>
        <source>a whole number of days from 0 (unlimited) to 36500, e.g. 30</source>
        <translation>0（不限）到 36500 之间的整数天数，例如 30</translation>
    </message>
    <message>
        <source>Beyond this many reports the oldest are removed from log_path and the history; 0 keeps all.</source>
        <translation>报告数超过此值时，最早的报告会从 log_path 和历史中删除；0 表示全部保留。</translation>
    </message>
    <message>
        <source>a whole number from 0 (unlimited) to 10000000, e.g. 1000</source>
        <translation>0（不限）到 10000000 之间的整数，例如 1000</translation>
    </message>
    <message>
        <source>Beyond this many MiB of report files the oldest reports are removed; 0 keeps all.</source>
        <translation>报告文件超过这么多 MiB 时删除最早的报告；0 表示全部保留。</translation>
    </message>
    <message>
        <source>a whole number of MiB from 0 (unlimited) to 10000000, e.g. 500</source>
        <translation>0（不限）到 10000000 之间的整数 MiB，例如 500</translation>
    </message>
    <message>
        <source>a JSON array of objects, each with a &quot;type&quot; among mattermost, email, webhook, command and that type&apos;s options (see Notifications), e.g. [{&quot;type&quot;: &quot;webhook&quot;, &quot;url&quot;: &quot;https://example.com/hook&quot;}]</source>
        <translation>对象组成的 JSON 数组，每个对象的 &quot;type&quot; 为 mattermost、email、webhook、command 之一，并带有该类型的选项（见“通知”一节），例如 [{&quot;type&quot;: &quot;webhook&quot;, &quot;url&quot;: &quot;https://example.com/hook&quot;}]</translation>
    </message>
    <message>
        <source>function[=seconds]</source>
        <translation>函数[=秒]</translation>
    </message>
    <message>
        <source>native symbols (ns::f or ns::f(int)) or Python module:qualname, each with an optional =seconds, separated by commas (a flag may be repeated); in the file, a JSON array of such strings or of {&quot;function&quot;: ..., &quot;threshold_seconds&quot;: ...} objects, e.g. app::render=0.2</source>
        <translation>原生符号（ns::f 或 ns::f(int)）或 Python 的 module:qualname，每个可带可选的 =秒，用逗号分隔（参数可重复）；在文件中写成这类字符串或 {&quot;function&quot;: ..., &quot;threshold_seconds&quot;: ...} 对象组成的 JSON 数组，例如 app::render=0.2</translation>
    </message>
    <message>
        <source>Functions to watch, the decorator-free @profile(threshold=...): a report whenever one call stays on a thread&apos;s stack longer than its threshold (default: threshold_seconds). A name with one colon, module:qualname, matches Python frames of that qualified name whose file path ends as the module says (app.views: .../app/views.py or .../app/views/__init__.py); any other name matches native frames.</source>
        <translation>要监视的函数，即无需装饰器的 @profile(threshold=...)：某次调用在线程栈上停留超过其阈值（默认：threshold_seconds）时生成报告。带一个冒号的名称 module:qualname 匹配该限定名的 Python 帧，且其文件路径须与模块名相符（app.views：.../app/views.py 或 .../app/views/__init__.py）；其他名称匹配原生帧。</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>How the Python frames of a CPython server are read: mixed stops each thread in turn and merges its Python frames with its native ones; gil_holder stops only the thread holding the GIL; nonblocking stops none (Python frames only, the lightest on the server).</source>
        <translation>如何读取 CPython 服务器的 Python 帧：mixed 依次暂停每个线程，并把其 Python 帧与原生帧合并；gil_holder 只暂停持有 GIL 的线程；nonblocking 不暂停任何线程（只有 Python 帧，对服务器影响最小）。</translation>
    </message>
    <message>
        <source>one of mixed, gil_holder, nonblocking, e.g. nonblocking</source>
        <translation>mixed、gil_holder、nonblocking 之一，例如 nonblocking</translation>
    </message>
    <message>
        <source>How the running threads of a server without Python are sampled: kernel has the kernel copy their stacks without stopping them (perf_event_open; where the kernel refuses, they are stopped and the reason is said once); ptrace stops each in turn, as blocked threads always are. On the VM it was measured on, kernel cost the server a third of what ptrace did; compare on yours with bench_sampler.</source>
        <translation>不含 Python 的服务器中正在运行的线程如何采样：kernel 由内核复制其调用栈而不暂停线程（perf_event_open；内核拒绝时改为暂停线程，并说明一次原因）；ptrace 依次暂停每个线程，阻塞的线程始终如此。在测量所用的虚拟机上，kernel 对服务器的开销约为 ptrace 的三分之一；请用 bench_sampler 在您的机器上比较。</translation>
    </message>
    <message>
        <source>one of ptrace, kernel, e.g. ptrace</source>
        <translation>ptrace、kernel 之一，例如 ptrace</translation>
    </message>
</context>
<context>
    <name>wpm::ConfigLoader</name>
    <message>
        <source>%1: unknown key &quot;%2&quot;; the accepted keys are %3</source>
        <translation>%1：未知配置项“%2”；可接受的配置项为 %3</translation>
    </message>
    <message>
        <source>%1: unknown key &quot;%2&quot;; did you mean &quot;%3&quot;? The accepted keys are %4</source>
        <translation>%1：未知配置项“%2”；您是指“%3”吗？可接受的配置项为 %4</translation>
    </message>
    <message>
        <source>%1 holds notifier secrets (tokens, passwords) in plain text; make sure only you can read it (chmod 600).</source>
        <translation>%1 以明文保存了通知渠道的密钥（令牌、密码）；请确保只有您能读取它（chmod 600）。</translation>
    </message>
    <message>
        <source>The environment variable %1 is not a web-perfmonitor setting and is ignored; did you mean %2?</source>
        <translation>环境变量 %1 不是 web-perfmonitor 的设置，已忽略；您是指 %2 吗？</translation>
    </message>
    <message>
        <source>unknown option --%1</source>
        <translation>未知选项 --%1</translation>
    </message>
    <message>
        <source>unknown option --%1; did you mean --%2?</source>
        <translation>未知选项 --%1；您是指 --%2 吗？</translation>
    </message>
    <message numerus="yes">
        <source>(%n characters of text, not shown as they may hold secrets)</source>
        <translation>
            <numerusform>（%n 个字符的文本，可能包含密钥，故不显示）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 (from %3) is not accepted: expected %4</source>
        <translation>%1：%2（来自 %3）不被接受：应为%4</translation>
    </message>
    <message>
        <source>%1: %2 (from %3) is not accepted: %4; expected %5</source>
        <translation>%1：%2（来自 %3）不被接受：%4；应为%5</translation>
    </message>
</context>
<context>
    <name>wpm::ConsoleView</name>
    <message>
        <source>Search the console</source>
        <translation>搜索控制台</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message numerus="yes">
        <source>%n matching line(s)</source>
        <translation>
            <numerusform>%n 行匹配</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wpm::CurlRequest</name>
    <message>
        <source>%1: cancelled by the shutdown</source>
        <translation>%1：因关闭而取消</translation>
    </message>
    <message>
        <source>%1: no answer within %2 s (notice_timeout_seconds); the server may be overloaded or unreachable</source>
        <translation>%1：%2 秒内无响应（notice_timeout_seconds）；服务器可能过载或无法访问</translation>
    </message>
    <message>
        <source>%1: could not connect (%2); check that the server runs and the host and port are right</source>
        <translation>%1：无法连接（%2）；请检查服务器是否在运行、主机和端口是否正确</translation>
    </message>
    <message>
        <source>%1: the server&apos;s TLS certificate was not accepted (%2); give its CA with &quot;ca_file&quot; or fix the host name</source>
        <translation>%1：服务器的 TLS 证书未被接受（%2）；请用 &quot;ca_file&quot; 指定其 CA，或修正主机名</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: HTTP %2 %3</source>
        <translation>%1：HTTP %2 %3</translation>
    </message>
    <message>
        <source>%1 (a server error; will be retried)</source>
        <translation>%1（服务器错误；将重试）</translation>
    </message>
</context>
<context>
    <name>wpm::DemoServer</name>
    <message>
        <source>Cannot write the demo server to %1: %2. Check that the folder can be written to.</source>
        <translation>无法把演示服务器写入 %1：%2。请检查该文件夹是否可写。</translation>
    </message>
    <message>
        <source>The demo server needs python3, which is not on PATH. Install it (Debian: apt install python3).</source>
        <translation>演示服务器需要 python3，但 PATH 中找不到它。请安装（Debian：apt install python3）。</translation>
    </message>
</context>
<context>
    <name>wpm::DurationChart</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) over %1 s</source>
        <translation>
            <numerusform>%1 秒内共 %n 个请求</numerusform>
        </translation>
    </message>
    <message>
        <source>No requests yet</source>
        <translation>暂无请求</translation>
    </message>
</context>
<context>
    <name>wpm::ElfImage</name>
    <message>
        <source>Cannot read the executable file %1: %2.</source>
        <translation>无法读取可执行文件 %1：%2。</translation>
    </message>
</context>
<context>
    <name>wpm::EmailNotifier</name>
    <message>
        <source>the report zip &quot;%1&quot; cannot be read</source>
        <translation>无法读取报告 zip“%1”</translation>
    </message>
    <message>
        <source>sending e-mail through %1:%2</source>
        <translation>通过 %1:%2 发送邮件</translation>
    </message>
    <message>
        <source>%1: the server refused the login of &quot;%2&quot;; check &quot;username&quot; and &quot;password&quot;</source>
        <translation>%1：服务器拒绝了“%2”的登录；请检查 &quot;username&quot; 和 &quot;password&quot;</translation>
    </message>
    <message>
        <source>%1: the server offers no STARTTLS; set &quot;use_ssl&quot; for port 465, or &quot;use_tls&quot;: false if the mail may go in the clear</source>
        <translation>%1：服务器不支持 STARTTLS；端口 465 请设置 &quot;use_ssl&quot;，如果允许明文发送邮件请设置 &quot;use_tls&quot;: false</translation>
    </message>
    <message>
        <source>%1: the server answered %2 (%3)</source>
        <translation>%1：服务器返回 %2（%3）</translation>
    </message>
</context>
<context>
    <name>wpm::FoldedStacks</name>
    <message>
        <source>it has no sample count after the last space</source>
        <translation>最后一个空格之后没有样本数</translation>
    </message>
    <message>
        <source>the sample count &quot;%1&quot; is negative</source>
        <translation>样本数“%1”为负数</translation>
    </message>
    <message>
        <source>the sample count &quot;%1&quot; is not a whole number</source>
        <translation>样本数“%1”不是整数</translation>
    </message>
    <message>
        <source>the sample count &quot;%1&quot; is too large</source>
        <translation>样本数“%1”太大</translation>
    </message>
    <message>
        <source>it has a sample count but no frames</source>
        <translation>有样本数但没有栈帧</translation>
    </message>
    <message>
        <source>Line %1 of the folded stacks is invalid: %2. Each line must be &quot;frame;frame;frame COUNT&quot;; the line reads &quot;%3&quot;.</source>
        <translation>折叠栈第 %1 行无效：%2。每行必须是 &quot;frame;frame;frame COUNT&quot;；该行内容为“%3”。</translation>
    </message>
</context>
<context>
    <name>wpm::HistoryDatabase</name>
    <message>
        <source>The history database %1 failed: %2. Check that log_path is writable; &apos;web-perfmonitor report reindex&apos; rebuilds the database from the report files.</source>
        <translation>历史数据库 %1 出错：%2。请检查 log_path 是否可写；&apos;web-perfmonitor report reindex&apos; 可根据报告文件重建数据库。</translation>
    </message>
    <message>
        <source>it is damaged and could not be moved aside to %1</source>
        <translation>它已损坏，且无法移到 %1</translation>
    </message>
</context>
<context>
    <name>wpm::HistoryModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>notified</source>
        <translation>已通知</translation>
    </message>
    <message>
        <source>de-duplicated until %1</source>
        <translation>去重抑制到 %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>接口</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>通知</translation>
    </message>
</context>
<context>
    <name>wpm::HistoryPage</name>
    <message>
        <source>All endpoints</source>
        <translation>全部接口</translation>
    </message>
    <message>
        <source>Search endpoint or URL</source>
        <translation>搜索接口或 URL</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>任意日期</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>2xx success</source>
        <translation>2xx 成功</translation>
    </message>
    <message>
        <source>3xx redirect</source>
        <translation>3xx 重定向</translation>
    </message>
    <message>
        <source>4xx client error</source>
        <translation>4xx 客户端错误</translation>
    </message>
    <message>
        <source>5xx server error</source>
        <translation>5xx 服务器错误</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Export &amp;zip…</source>
        <translation>导出 zip(&amp;Z)…</translation>
    </message>
    <message>
        <source>Open containing &amp;folder</source>
        <translation>打开所在文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Reindex</source>
        <translation>重建索引(&amp;R)</translation>
    </message>
    <message>
        <source>Rebuild the history from the report files in the log path</source>
        <translation>根据 log_path 中的报告文件重建历史</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>Reindexed %n report(s).</source>
        <translation>
            <numerusform>已重建 %n 份报告的索引。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reindexed %n report(s); skipped: %1</source>
        <translation>
            <numerusform>已重建 %n 份报告的索引；跳过：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>已删除 %1</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>正在删除 %1…</translation>
    </message>
    <message>
        <source>Delete report</source>
        <translation>删除报告</translation>
    </message>
    <message>
        <source>Delete the report %1 (its HTML, Markdown, speedscope and folded files) and its history?</source>
        <translation>删除报告 %1（其 HTML、Markdown、speedscope 和折叠栈文件）及其历史记录？</translation>
    </message>
    <message>
        <source>Reindexing…</source>
        <translation>正在重建索引…</translation>
    </message>
</context>
<context>
    <name>wpm::HostPort</name>
    <message>
        <source>write only host:port, without &quot;%1&quot;</source>
        <translation>只写 主机:端口，不要“%1”</translation>
    </message>
    <message>
        <source>only http:// is supported: the proxy talks plain HTTP to the server</source>
        <translation>只支持 http://：代理与服务器之间使用明文 HTTP</translation>
    </message>
    <message>
        <source>a path after the port is not supported</source>
        <translation>不支持端口之后的路径</translation>
    </message>
    <message>
        <source>the &quot;[&quot; of the IPv6 address is not closed with &quot;]&quot;</source>
        <translation>IPv6 地址的“[”没有用“]”闭合</translation>
    </message>
    <message>
        <source>the port is missing, e.g. [::1]:8080</source>
        <translation>缺少端口，例如 [::1]:8080</translation>
    </message>
    <message>
        <source>the port is missing, e.g. 127.0.0.1:8080</source>
        <translation>缺少端口，例如 127.0.0.1:8080</translation>
    </message>
    <message>
        <source>an IPv6 address needs brackets, e.g. [::1]:8080</source>
        <translation>IPv6 地址需要方括号，例如 [::1]:8080</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv6 address</source>
        <translation>“%1”不是 IPv6 地址</translation>
    </message>
    <message>
        <source>the host is missing, e.g. 127.0.0.1:8080</source>
        <translation>缺少主机，例如 127.0.0.1:8080</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv4 address, localhost or a bracketed IPv6 address</source>
        <translation>“%1”不是 IPv4 地址、localhost 或带方括号的 IPv6 地址</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a host name or an IP address</source>
        <translation>“%1”不是主机名或 IP 地址</translation>
    </message>
    <message>
        <source>the port &quot;%1&quot; is not a number from %2 to 65535</source>
        <translation>端口“%1”不是 %2 到 65535 之间的数字</translation>
    </message>
</context>
<context>
    <name>wpm::HtmlReport</name>
    <message>
        <source>The report template %1 is missing from the program. Rebuild or reinstall web-perfmonitor.</source>
        <translation>程序中缺少报告模板 %1。请重新构建或重新安装 web-perfmonitor。</translation>
    </message>
    <message>
        <source>The report assets cannot be inlined: they contain a closing tag. Rebuild web-perfmonitor.</source>
        <translation>报告资源无法内联：其中包含结束标签。请重新构建 web-perfmonitor。</translation>
    </message>
</context>
<context>
    <name>wpm::HttpProxy</name>
    <message>
        <source>The proxy is already running.</source>
        <translation>代理已在运行。</translation>
    </message>
</context>
<context>
    <name>wpm::KernelSampler</name>
    <message>
        <source>The kernel did not let the sampler watch the threads of process %1 (perf_event_open: %2; kernel.perf_event_paranoid is %3), so its running threads are stopped for each sample, which costs them more. Running the workbench as root, or `sysctl kernel.perf_event_paranoid=2`, lets the kernel take those samples.</source>
        <translation>内核不允许采样器监视进程 %1 的线程（perf_event_open：%2；kernel.perf_event_paranoid 为 %3），因此每次采样都会暂停其运行中的线程，开销更大。以 root 运行工作台，或执行 `sysctl kernel.perf_event_paranoid=2`，即可由内核采集这些样本。</translation>
    </message>
    <message>
        <source>The kernel did not give the sampler memory to watch the threads of process %1 (%2: see kernel.perf_event_mlock_kb and `ulimit -l`), so its running threads are stopped for each sample, which costs them more.</source>
        <translation>内核没有给采样器足够的内存来监视进程 %1 的线程（%2：参见 kernel.perf_event_mlock_kb 和 `ulimit -l`），因此每次采样都会暂停其运行中的线程，开销更大。</translation>
    </message>
</context>
<context>
    <name>wpm::LaunchedProcess</name>
    <message>
        <source>Cannot launch %1: the working directory %2 does not exist. Create it or choose another one.</source>
        <translation>无法启动 %1：工作目录 %2 不存在。请创建它或选择其他目录。</translation>
    </message>
    <message>
        <source>Cannot launch %1: the working directory %2 is not a directory. Choose a directory.</source>
        <translation>无法启动 %1：工作目录 %2 不是目录。请选择一个目录。</translation>
    </message>
    <message>
        <source>Cannot launch %1: the working directory %2 cannot be entered (permission denied). Fix its permissions or choose another one.</source>
        <translation>无法启动 %1：无法进入工作目录 %2（权限不足）。请修改其权限或选择其他目录。</translation>
    </message>
    <message>
        <source>Cannot launch %1: no such program was found in PATH (%2). Check its spelling, install it, or give its full path.</source>
        <translation>无法启动 %1：在 PATH（%2）中找不到该程序。请检查拼写、安装它，或给出完整路径。</translation>
    </message>
    <message>
        <source>Cannot launch %1: %2 does not exist (looked from %3). Check the path.</source>
        <translation>无法启动 %1：%2 不存在（从 %3 查找）。请检查路径。</translation>
    </message>
    <message>
        <source>Cannot launch %1: %2 is not an executable program. Make it executable (chmod +x %2) or run it through its interpreter (for example python3 %2).</source>
        <translation>无法启动 %1：%2 不是可执行程序。请使其可执行（chmod +x %2），或通过解释器运行（例如 python3 %2）。</translation>
    </message>
    <message>
        <source>Cannot launch %1: the workbench is already running %2 (PID %3). Stop it first.</source>
        <translation>无法启动 %1：工作台已在运行 %2（PID %3）。请先停止它。</translation>
    </message>
    <message>
        <source>Cannot launch the server: its command is empty. Give the command that starts it, for example python3 app.py.</source>
        <translation>无法启动服务器：命令为空。请给出启动它的命令，例如 python3 app.py。</translation>
    </message>
    <message>
        <source>Cannot launch %1 in %2: %3. Check that it is a program this system can run.</source>
        <translation>无法在 %2 中启动 %1：%3。请检查它是否为本系统可运行的程序。</translation>
    </message>
    <message>
        <source>%1 was stopped by the workbench with signal %2.</source>
        <translation>%1 已被工作台用信号 %2 停止。</translation>
    </message>
    <message>
        <source>%1 was killed by signal %2.</source>
        <translation>%1 被信号 %2 终止。</translation>
    </message>
    <message>
        <source>%1 exited with status %2.</source>
        <translation>%1 已退出，状态为 %2。</translation>
    </message>
</context>
<context>
    <name>wpm::LivePage</name>
    <message>
        <source>All samples</source>
        <translation>全部样本</translation>
    </message>
    <message>
        <source>Selected request</source>
        <translation>所选请求</translation>
    </message>
    <message>
        <source>Selected thread</source>
        <translation>所选线程</translation>
    </message>
    <message>
        <source>Flame graph of:</source>
        <translation>火焰图范围：</translation>
    </message>
    <message>
        <source>thread %1</source>
        <translation>线程 %1</translation>
    </message>
    <message>
        <source>Select a request to see its call tree.</source>
        <translation>选择一个请求以查看其调用树。</translation>
    </message>
    <message>
        <source>Writing this request&apos;s report…</source>
        <translation>正在写入此请求的报告…</translation>
    </message>
    <message>
        <source>Requests faster than the threshold get no report. Choose &quot;Selected request&quot; above to see the samples of its time window.</source>
        <translation>快于阈值的请求不生成报告。在上方选择“所选请求”可查看其时间窗口内的样本。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Go on</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Symbolizing %1 of %2 frames</source>
        <translation>正在解析符号：第 %1 帧，共 %2 帧</translation>
    </message>
    <message>
        <source>Symbolization cancelled: the flame graph stays as it was.</source>
        <translation>符号解析已取消：火焰图保持原样。</translation>
    </message>
    <message>
        <source>Symbolizing the report of %1: %2 of %3 frames</source>
        <translation>正在解析 %1 报告的符号：第 %2 帧，共 %3 帧</translation>
    </message>
    <message>
        <source>Symbolization of the report of %1 was cancelled: the report was written with %2 frames shown as module and file offset (0x...) instead of function names.</source>
        <translation>%1 报告的符号解析已取消：报告已写出，其中 %2 帧显示为模块和文件偏移（0x...），而非函数名。</translation>
    </message>
</context>
<context>
    <name>wpm::MainWindow</name>
    <message>
        <source>web-perfmonitor</source>
        <translation>web-perfmonitor</translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation>未在录制</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About web-perfmonitor</source>
        <translation>关于 web-perfmonitor(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Target</source>
        <translation>目标(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>实时(&amp;L)</translation>
    </message>
    <message>
        <source>Demo traffic: %1 answered, %2 failed.</source>
        <translation>演示流量：%1 个已响应，%2 个失败。</translation>
    </message>
    <message>
        <source>Launch &amp;demo</source>
        <translation>启动演示(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Recording</source>
        <translation>录制(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Send demo &amp;traffic</source>
        <translation>发送演示流量(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>New here? Launch the demo web app and send it some traffic: its slow requests show up in the Live page with their call trees (threshold %1 s).</source>
        <translation>第一次使用？启动演示 Web 应用并向它发送一些流量：它的慢请求会连同调用树显示在“实时”页面中（阈值 %1 秒）。</translation>
    </message>
    <message>
        <source>Launch demo</source>
        <translation>启动演示</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Attaching to PID %1…</source>
        <translation>正在附加到 PID %1…</translation>
    </message>
    <message>
        <source>Launching %1…</source>
        <translation>正在启动 %1…</translation>
    </message>
    <message>
        <source>Sampling PID %1; waiting for it to listen…</source>
        <translation>正在对 PID %1 采样；等待它开始监听…</translation>
    </message>
    <message>
        <source>Recording: send requests to http://%1/</source>
        <translation>正在录制：请把请求发送到 http://%1/</translation>
    </message>
    <message>
        <source>stopped from the workbench</source>
        <translation>已从工作台停止</translation>
    </message>
    <message>
        <source>Not recording (%1)</source>
        <translation>未在录制（%1）</translation>
    </message>
    <message>
        <source>Sending demo traffic: %1</source>
        <translation>正在发送演示流量：%1</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Settings saved; they apply to the next recording.</source>
        <translation>设置已保存；将在下次录制时生效。</translation>
    </message>
    <message>
        <source>web-perfmonitor: %1</source>
        <translation>web-perfmonitor：%1</translation>
    </message>
    <message>
        <source>&amp;Export report as zip…</source>
        <translation>导出报告为 zip(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Select a report in the history to export it.</source>
        <translation>请先在历史中选择一份报告再导出。</translation>
    </message>
</context>
<context>
    <name>wpm::MattermostNotifier</name>
    <message>
        <source>the report zip &quot;%1&quot; cannot be read</source>
        <translation>无法读取报告 zip“%1”</translation>
    </message>
    <message>
        <source>uploading the report zip to Mattermost</source>
        <translation>正在把报告 zip 上传到 Mattermost</translation>
    </message>
    <message>
        <source>%1: the server refused the %2-byte zip as too large (HTTP 413); raise its maximum file size (FileSettings.MaxFileSize)</source>
        <translation>%1：服务器认为 %2 字节的 zip 过大而拒绝（HTTP 413）；请调高其最大文件大小（FileSettings.MaxFileSize）</translation>
    </message>
    <message>
        <source>%1: the answer holds no file id; is %2 a Mattermost server?</source>
        <translation>%1：响应中没有文件 ID；%2 是 Mattermost 服务器吗？</translation>
    </message>
    <message>
        <source>%1: the token was refused (HTTP 401); check &quot;token&quot; or make a new one</source>
        <translation>%1：令牌被拒绝（HTTP 401）；请检查 &quot;token&quot; 或新建一个</translation>
    </message>
    <message>
        <source>%1: the token may not post in channel &quot;%2&quot; (HTTP 403); add its user to the channel</source>
        <translation>%1：该令牌无权在频道“%2”中发帖（HTTP 403）；请把它的用户加入该频道</translation>
    </message>
    <message>
        <source>posting to Mattermost</source>
        <translation>正在发帖到 Mattermost</translation>
    </message>
    <message>
        <source>post %1</source>
        <translation>发帖 %1</translation>
    </message>
</context>
<context>
    <name>wpm::ModuleMap</name>
    <message>
        <source>Cannot read the memory map of process %1 (%2); it may have exited.</source>
        <translation>无法读取进程 %1 的内存映射（%2）；它可能已经退出。</translation>
    </message>
</context>
<context>
    <name>wpm::NotificationOutcomeText</name>
    <message>
        <source>Mattermost</source>
        <translation>Mattermost</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>%1: sent</source>
        <translation>%1：已发送</translation>
    </message>
    <message>
        <source>%1: failed - %2</source>
        <translation>%1：失败 - %2</translation>
    </message>
    <message>
        <source>%1: dropped (the notification queue was full)</source>
        <translation>%1：已丢弃（通知队列已满）</translation>
    </message>
    <message>
        <source>%1: suppressed by the alert window</source>
        <translation>%1：在告警窗口内，已抑制</translation>
    </message>
    <message>
        <source>%1: not sent - %2</source>
        <translation>%1：未发送 - %2</translation>
    </message>
</context>
<context>
    <name>wpm::NotificationQueue</name>
    <message>
        <source>the notification queue was already shut down</source>
        <translation>通知队列已关闭</translation>
    </message>
    <message>
        <source>the notification queue was full (notice_queue_size %1), so its oldest entry was dropped; raise notice_queue_size or notice fewer requests</source>
        <translation>通知队列已满（notice_queue_size %1），最早的一条已被丢弃；请调高 notice_queue_size 或减少要通知的请求</translation>
    </message>
    <message>
        <source>still queued when the shutdown bound (graceful_shutdown_seconds, %1 s) ran out</source>
        <translation>关闭时限（graceful_shutdown_seconds，%1 秒）用完时仍在队列中</translation>
    </message>
    <message>
        <source>the shutdown bound (graceful_shutdown_seconds) ran out</source>
        <translation>关闭时限（graceful_shutdown_seconds）已用完</translation>
    </message>
    <message numerus="yes">
        <source>%1 (gave up after %n attempts)</source>
        <translation>
            <numerusform>%1（尝试 %n 次后放弃）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wpm::NotificationText</name>
    <message>
        <source>%1
Endpoint: %2
URL: %3
Duration: %4 s (threshold %5 s)
Report: %6</source>
        <translation>%1
接口：%2
URL：%3
耗时：%4 秒（阈值 %5 秒）
报告：%6</translation>
    </message>
    <message>
        <source>(cut here; the full report is in the attached zip)</source>
        <translation>（此处截断；完整报告在附件 zip 中）</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>接口</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>The HTML report with the flame graph is in the attached zip.</source>
        <translation>带火焰图的 HTML 报告在附件 zip 中。</translation>
    </message>
</context>
<context>
    <name>wpm::NotifierForm</name>
    <message>
        <source>Notifier: %1</source>
        <translation>通知渠道：%1</translation>
    </message>
    <message>
        <source>kept in the secret store as %1; type to replace</source>
        <translation>已作为 %1 保存在密钥存储中；输入新值可替换</translation>
    </message>
    <message>
        <source>set in the configuration; type to replace</source>
        <translation>已在配置中设置；输入新值可替换</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>逗号分隔</translation>
    </message>
</context>
<context>
    <name>wpm::NotifierListEditor</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Send test notification</source>
        <translation>发送测试通知</translation>
    </message>
    <message>
        <source>The secret %1 is in the system keychain.</source>
        <translation>密钥 %1 保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>No keychain service answered: the secret %1 is in %2 (readable by you only).</source>
        <translation>没有钥匙串服务响应：密钥 %1 保存在 %2 中（只有您可以读取）。</translation>
    </message>
    <message>
        <source>%1: the test notification was sent.</source>
        <translation>%1：测试通知已发送。</translation>
    </message>
    <message>
        <source>%1: the test notification was not sent: %2</source>
        <translation>%1：测试通知未发送：%2</translation>
    </message>
    <message>
        <source>Sending a test notification…</source>
        <translation>正在发送测试通知…</translation>
    </message>
    <message>
        <source>web-perfmonitor test notification</source>
        <translation>web-perfmonitor 测试通知</translation>
    </message>
    <message>
        <source>This message checks that the notifier reaches you. No request was slow.</source>
        <translation>这条消息用于确认该通知渠道能通知到您。没有慢请求。</translation>
    </message>
</context>
<context>
    <name>wpm::NotifierOption</name>
    <message>
        <source>the program and its arguments as an array, e.g. [&quot;/usr/local/bin/on-slow&quot;, &quot;--team&quot;, &quot;web&quot;]; the HTML and zip paths follow</source>
        <translation>程序及其参数组成的数组，例如 [&quot;/usr/local/bin/on-slow&quot;, &quot;--team&quot;, &quot;web&quot;]；其后附上 HTML 和 zip 路径</translation>
    </message>
    <message>
        <source>what goes to standard input: the Markdown report or a short summary</source>
        <translation>写入标准输入的内容：Markdown 报告或简短摘要</translation>
    </message>
    <message>
        <source>the SMTP server</source>
        <translation>SMTP 服务器</translation>
    </message>
    <message>
        <source>its port</source>
        <translation>其端口</translation>
    </message>
    <message>
        <source>the SMTP login; no AUTH without it</source>
        <translation>SMTP 登录名；没有则不进行 AUTH</translation>
    </message>
    <message>
        <source>the SMTP password</source>
        <translation>SMTP 密码</translation>
    </message>
    <message>
        <source>the From address</source>
        <translation>发件人地址</translation>
    </message>
    <message>
        <source>the To addresses, an array</source>
        <translation>收件人地址，数组</translation>
    </message>
    <message>
        <source>STARTTLS, required: the mail is not sent in the clear</source>
        <translation>STARTTLS，必需：邮件不以明文发送</translation>
    </message>
    <message>
        <source>TLS from the first byte (port 465); wins over use_tls</source>
        <translation>从第一个字节起使用 TLS（端口 465）；优先于 use_tls</translation>
    </message>
    <message>
        <source>the body: an HTML summary with the Markdown report, or plain text</source>
        <translation>正文：带 Markdown 报告的 HTML 摘要，或纯文本</translation>
    </message>
    <message>
        <source>put before the title in the subject</source>
        <translation>放在邮件主题标题之前</translation>
    </message>
    <message>
        <source>PEM certificates to trust instead of the system&apos;s, for a private CA</source>
        <translation>用于私有 CA 的 PEM 证书，代替系统证书被信任</translation>
    </message>
    <message>
        <source>the Mattermost server, e.g. https://mattermost.example.com</source>
        <translation>Mattermost 服务器，例如 https://mattermost.example.com</translation>
    </message>
    <message>
        <source>a bot or personal access token that may post in the channel</source>
        <translation>可以在该频道发帖的机器人令牌或个人访问令牌</translation>
    </message>
    <message>
        <source>the channel&apos;s id (not its name)</source>
        <translation>频道的 ID（不是名称）</translation>
    </message>
    <message>
        <source>markdown: the report as the message; text: a short summary</source>
        <translation>markdown：以报告作为消息；text：简短摘要</translation>
    </message>
    <message>
        <source>the incoming webhook&apos;s URL</source>
        <translation>传入 webhook 的 URL</translation>
    </message>
</context>
<context>
    <name>wpm::NotifierOptionCheck</name>
    <message>
        <source>a non-empty string</source>
        <translation>非空字符串</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an http:// or https:// URL</source>
        <translation>http:// 或 https:// URL</translation>
    </message>
    <message>
        <source>a port number from 1 to 65535</source>
        <translation>1 到 65535 之间的端口号</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a non-empty array of non-empty strings</source>
        <translation>由非空字符串组成的非空数组</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>%1 之一</translation>
    </message>
    <message>
        <source>the secret, or &quot;keychain:NAME&quot; for one kept by the secret store</source>
        <translation>密钥本身，或用 &quot;keychain:NAME&quot; 引用密钥存储中的密钥</translation>
    </message>
    <message>
        <source>the path of a readable file</source>
        <translation>可读文件的路径</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2; expected %3</source>
        <translation>&quot;%1&quot; 是%2；应为%3</translation>
    </message>
    <message>
        <source>%1 (%2) has no &quot;%3&quot;; expected %4</source>
        <translation>%1（%2）缺少 &quot;%3&quot;；应为%4</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source>%1 (%2) has an unknown option &quot;%3&quot;; %2 accepts %4</source>
        <translation>%1（%2）有未知选项“%3”；%2 接受 %4</translation>
    </message>
    <message>
        <source>%1 (%2) has an unknown option &quot;%3&quot;; did you mean &quot;%4&quot;?</source>
        <translation>%1（%2）有未知选项“%3”；您是指“%4”吗？</translation>
    </message>
    <message>
        <source>%1 (%2) has no &quot;%3&quot;; store it with: web-perfmonitor notify set-secret NAME, then set &quot;%3&quot;: &quot;keychain:NAME&quot;</source>
        <translation>%1（%2）缺少 &quot;%3&quot;；请用 web-perfmonitor notify set-secret NAME 保存它，然后设置 &quot;%3&quot;: &quot;keychain:NAME&quot;</translation>
    </message>
</context>
<context>
    <name>wpm::NotifierRegistry</name>
    <message>
        <source>there is no notifier of type &quot;%1&quot;; known types: %2</source>
        <translation>没有类型为“%1”的通知渠道；已知类型：%2</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
</context>
<context>
    <name>wpm::NotifyCommand</name>
    <message>
        <source>web-perfmonitor test notification</source>
        <translation>web-perfmonitor 测试通知</translation>
    </message>
    <message>
        <source>This message checks that notice_list reaches you. No request was slow.</source>
        <translation>这条消息用于确认 notice_list 能通知到您。没有慢请求。</translation>
    </message>
    <message>
        <source>%1: sent</source>
        <translation>%1：已发送</translation>
    </message>
    <message>
        <source>%1: failed: %2</source>
        <translation>%1：失败：%2</translation>
    </message>
    <message>
        <source>%1: dropped: %2</source>
        <translation>%1：已丢弃：%2</translation>
    </message>
    <message>
        <source>%1: suppressed: %2</source>
        <translation>%1：已抑制：%2</translation>
    </message>
    <message>
        <source>%1: not sent: %2</source>
        <translation>%1：未发送：%2</translation>
    </message>
    <message>
        <source>notice_list is empty: there is no notifier to test. Add one to the configuration file (see README: Notifications) and pass it with --config.</source>
        <translation>notice_list 为空：没有可测试的通知渠道。请在配置文件中添加一个（见 README 的“通知”一节），并用 --config 传入。</translation>
    </message>
    <message numerus="yes">
        <source>Sending a test notification through %n notifier(s)...</source>
        <translation>
            <numerusform>正在通过 %n 个通知渠道发送测试通知...</numerusform>
        </translation>
    </message>
    <message>
        <source>| type | option | required | default | accepted | meaning |</source>
        <translation>| 类型 | 选项 | 必需 | 默认值 | 可接受的值 | 含义 |</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>standard input cannot be read</source>
        <translation>无法读取标准输入</translation>
    </message>
    <message>
        <source>no secret on standard input; run e.g.: web-perfmonitor notify set-secret %1 &lt; token.txt</source>
        <translation>标准输入中没有密钥；请运行例如：web-perfmonitor notify set-secret %1 &lt; token.txt</translation>
    </message>
    <message>
        <source>Stored secret &quot;%1&quot; in the system keychain.</source>
        <translation>已把密钥“%1”保存到系统钥匙串。</translation>
    </message>
    <message>
        <source>Stored secret &quot;%1&quot; in %2, readable only by you (no keychain service is running).</source>
        <translation>已把密钥“%1”保存到 %2，只有您可以读取（没有运行中的钥匙串服务）。</translation>
    </message>
    <message>
        <source>Use it in notice_list as &quot;keychain:%1&quot;.</source>
        <translation>在 notice_list 中以 &quot;keychain:%1&quot; 使用它。</translation>
    </message>
    <message>
        <source>Usage: web-perfmonitor notify test [--config FILE] | notify set-secret NAME | notify options; see --help.</source>
        <translation>用法：web-perfmonitor notify test [--config 文件] | notify set-secret NAME | notify options；见 --help。</translation>
    </message>
</context>
<context>
    <name>wpm::PatternListEditor</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>wpm::ProcessListModel</name>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
</context>
<context>
    <name>wpm::ProcessPickerDialog</name>
    <message>
        <source>Attach to a process</source>
        <translation>附加到进程</translation>
    </message>
    <message>
        <source>Filter by PID, name or command line</source>
        <translation>按 PID、名称或命令行筛选</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>附加</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Select the process to attach to.</source>
        <translation>请选择要附加的进程。</translation>
    </message>
</context>
<context>
    <name>wpm::ProcessSampler</name>
    <message>
        <source>python_sampling is %1, but process %2 runs no CPython that can be read: its threads are stopped in turn for native stacks instead (python_sampling=mixed says so without this warning).</source>
        <translation>python_sampling 为 %1，但进程 %2 中没有可读取的 CPython：改为依次暂停其线程以获取原生栈（python_sampling=mixed 时同样如此，但不显示此警告）。</translation>
    </message>
    <message>
        <source>Process %1 runs code from files that cannot be read as it loaded them (deleted or replaced since, or out of reach in its container): %2. Frames in them show as addresses, and their callers may be missing. Restarting the server after an upgrade or a rebuild, or sampling as root, gets them named.</source>
        <translation>进程 %1 运行的代码来自无法按其加载时的样子读取的文件（此后已被删除或替换，或在其容器中无法访问）：%2。这些文件中的帧显示为地址，其调用者可能缺失。在升级或重新构建后重启服务器，或以 root 身份采样，即可显示其名称。</translation>
    </message>
</context>
<context>
    <name>wpm::ProxyConnection</name>
    <message>
        <source>the client closed the connection before the response ended</source>
        <translation>客户端在响应结束前关闭了连接</translation>
    </message>
    <message>
        <source>The request&apos;s headers are larger than %1 bytes.</source>
        <translation>请求头超过 %1 字节。</translation>
    </message>
    <message>
        <source>The request is not valid HTTP/1.x: %1.</source>
        <translation>请求不是有效的 HTTP/1.x：%1。</translation>
    </message>
    <message>
        <source>The server at %1 sent a response that is not valid HTTP/1.x: %2.</source>
        <translation>位于 %1 的服务器发送的响应不是有效的 HTTP/1.x：%2。</translation>
    </message>
    <message>
        <source>The server at %1 closed the connection before it finished answering.</source>
        <translation>位于 %1 的服务器在完成响应前关闭了连接。</translation>
    </message>
    <message>
        <source>The request&apos;s headers did not arrive within %1 s.</source>
        <translation>请求头未在 %1 秒内到达。</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1 (%2). Is it running and listening there?</source>
        <translation>无法连接到位于 %1 的服务器（%2）。它是否在运行并在该地址监听？</translation>
    </message>
</context>
<context>
    <name>wpm::ProxyServer</name>
    <message>
        <source>not an IP address</source>
        <translation>不是 IP 地址</translation>
    </message>
    <message>
        <source>The proxy cannot listen on %1:%2: %3. Choose another address with --proxy-listen (port 0 picks a free one).</source>
        <translation>代理无法在 %1:%2 上监听：%3。请用 --proxy-listen 选择其他地址（端口 0 表示自动选择空闲端口）。</translation>
    </message>
    <message>
        <source>The proxy cannot watch its sockets: %1. Raise the limit of open files (ulimit -n).</source>
        <translation>代理无法监视其套接字：%1。请提高打开文件数的上限（ulimit -n）。</translation>
    </message>
</context>
<context>
    <name>wpm::PythonInterpreterLocator</name>
    <message>
        <source>Cannot read the memory of process %1 (%2): it has exited, or attaching needs ptrace permission (set kernel.yama.ptrace_scope=0, or let the workbench launch the server).</source>
        <translation>无法读取进程 %1 的内存（%2）：它已退出，或者附加需要 ptrace 权限（设置 kernel.yama.ptrace_scope=0，或让工作台启动服务器）。</translation>
    </message>
    <message>
        <source>Process %1 runs CPython from %2, but its version cannot be told (no Py_Version symbol, no version in the file name). Python frames are not sampled.</source>
        <translation>进程 %1 运行来自 %2 的 CPython，但无法确定其版本（没有 Py_Version 符号，文件名中也没有版本）。不采集 Python 栈帧。</translation>
    </message>
    <message>
        <source>Unsupported Python %1.%2 in process %3 (%4): Python frames can be read from CPython 3.9 to 3.13. Native sampling continues.</source>
        <translation>进程 %3（%4）中的 Python %1.%2 不受支持：只能读取 CPython 3.9 到 3.13 的 Python 栈帧。原生采样继续进行。</translation>
    </message>
    <message>
        <source>Cannot read _PyRuntime in process %1: it may have exited.</source>
        <translation>无法读取进程 %1 中的 _PyRuntime：它可能已经退出。</translation>
    </message>
    <message>
        <source>CPython %1 in process %2 (%3) lacks the symbols PyCode_Type, PyUnicode_Type or PyBytes_Type: Python frames are not sampled.</source>
        <translation>进程 %2（%3）中的 CPython %1 缺少 PyCode_Type、PyUnicode_Type 或 PyBytes_Type 符号：不采集 Python 栈帧。</translation>
    </message>
    <message>
        <source>CPython %1 in process %2 (%3) lacks the symbol PyFrame_Type: Python frames are not sampled.</source>
        <translation>进程 %2（%3）中的 CPython %1 缺少 PyFrame_Type 符号：不采集 Python 栈帧。</translation>
    </message>
    <message>
        <source>Unsupported Python %1.%2 in process %3: Python frames can be read from CPython 3.9 to 3.13. Native sampling continues.</source>
        <translation>进程 %3 中的 Python %1.%2 不受支持：只能读取 CPython 3.9 到 3.13 的 Python 栈帧。原生采样继续进行。</translation>
    </message>
    <message>
        <source>Process %1 runs no CPython interpreter (no _PyRuntime in its executable or a libpython it maps): only native frames are sampled.</source>
        <translation>进程 %1 没有运行 CPython 解释器（其可执行文件及其映射的 libpython 中都没有 _PyRuntime）：只采集原生栈帧。</translation>
    </message>
</context>
<context>
    <name>wpm::PythonLayout</name>
    <message>
        <source>Cannot read the Python 3.13+ debug offsets: %1. Python frames are not sampled; native sampling continues.</source>
        <translation>无法读取 Python 3.13+ 的调试偏移：%1。不采集 Python 栈帧；原生采样继续进行。</translation>
    </message>
    <message>
        <source>the block is truncated</source>
        <translation>数据块被截断</translation>
    </message>
    <message>
        <source>the cookie &quot;xdebugpy&quot; is missing</source>
        <translation>缺少 cookie &quot;xdebugpy&quot;</translation>
    </message>
    <message>
        <source>free-threaded builds are not supported</source>
        <translation>不支持自由线程（free-threaded）构建</translation>
    </message>
    <message>
        <source>the offsets are implausible</source>
        <translation>偏移值不合理</translation>
    </message>
</context>
<context>
    <name>wpm::PythonStackReader</name>
    <message>
        <source>Cannot read the memory of process %1: reading it needs ptrace permission (set kernel.yama.ptrace_scope=0, or let the workbench launch the server).</source>
        <translation>无法读取进程 %1 的内存：读取需要 ptrace 权限（设置 kernel.yama.ptrace_scope=0，或让工作台启动服务器）。</translation>
    </message>
    <message>
        <source>Cannot read the Python stacks of process %1: it has exited (%2).</source>
        <translation>无法读取进程 %1 的 Python 栈：它已退出（%2）。</translation>
    </message>
</context>
<context>
    <name>wpm::RecordSession</name>
    <message>
        <source>duration reached</source>
        <translation>已达到运行时长</translation>
    </message>
    <message>
        <source>Recording: send requests to http://%1 (forwarded to %2:%3). Requests slower than %4 s are reported in %5. Ctrl+C stops.</source>
        <translation>正在录制：请把请求发送到 http://%1（转发到 %2:%3）。慢于 %4 秒的请求的报告保存在 %5。按 Ctrl+C 停止。</translation>
    </message>
    <message>
        <source>interrupted by signal %1</source>
        <translation>被信号 %1 中断</translation>
    </message>
    <message>
        <source>%1 requests, %2 slower than the threshold, %3 left out by the URL filters, %4 reports.</source>
        <translation>共 %1 个请求，%2 个慢于阈值，%3 个被 URL 过滤排除，生成 %4 份报告。</translation>
    </message>
    <message>
        <source>Slow: %1 %2 took %3 s (status %4); %5 samples from thread(s) %6: %7</source>
        <translation>慢请求：%1 %2 耗时 %3 秒（状态 %4）；%5 个样本，来自线程 %6：%7</translation>
    </message>
    <message>
        <source>Long call: %1 stayed %2 s on thread %3 (threshold %4 s); %5 samples: %6</source>
        <translation>长调用：%1 在线程 %3 上停留 %2 秒（阈值 %4 秒）；%5 个样本：%6</translation>
    </message>
    <message>
        <source>  notified %1: %2</source>
        <translation>  通知 %1：%2</translation>
    </message>
    <message>
        <source>  notified %1: %2: %3</source>
        <translation>  通知 %1：%2：%3</translation>
    </message>
</context>
<context>
    <name>wpm::Recording</name>
    <message>
        <source>The server (PID %1) is not listening on any TCP port after %2 s. Give its address with --upstream HOST:PORT.</source>
        <translation>服务器（PID %1）在 %2 秒后仍未监听任何 TCP 端口。请用 --upstream HOST:PORT 指定它的地址。</translation>
    </message>
</context>
<context>
    <name>wpm::ReportCommand</name>
    <message>
        <source>notify</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>suppressed until %1</source>
        <translation>抑制到 %1</translation>
    </message>
    <message>
        <source>No reports in %1 yet: &apos;web-perfmonitor record&apos; writes one for every slow request.</source>
        <translation>%1 中还没有报告：&apos;web-perfmonitor record&apos; 会为每个慢请求写一份报告。</translation>
    </message>
    <message>
        <source>ID      TIME (UTC)           STATUS  DURATION  NOTIFY      ENDPOINT</source>
        <translation>ID      TIME (UTC)           STATUS  DURATION  NOTIFY      ENDPOINT</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>suppressed</source>
        <translation>已抑制</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) in %1. &apos;report show ID&apos; for one of them.</source>
        <translation>
            <numerusform>%1 中共 %n 份报告。用 &apos;report show ID&apos; 查看其中一份。</numerusform>
        </translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>endpoint</source>
        <translation>接口</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>%1 s (threshold %2 s)</source>
        <translation>%1 秒（阈值 %2 秒）</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>notification</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>notified</source>
        <translation>已通知</translation>
    </message>
    <message>
        <source>Usage: web-perfmonitor report export ID -o FILE.zip</source>
        <translation>用法：web-perfmonitor report export ID -o 文件.zip</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 bytes): the HTML, Markdown, speedscope and folded files of %3.</source>
        <translation>已写入 %1（%2 字节）：%3 的 HTML、Markdown、speedscope 和折叠栈文件。</translation>
    </message>
    <message>
        <source>Reading reports: %1 of %2</source>
        <translation>正在读取报告：%1 / %2</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message numerus="yes">
        <source>Indexed %n report(s) into %1.</source>
        <translation>
            <numerusform>已将 %n 份报告索引到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: web-perfmonitor report list [--json] | show ID | export ID -o FILE.zip | reindex, with --log-path DIR; see --help.</source>
        <translation>用法：web-perfmonitor report list [--json] | show ID | export ID -o 文件.zip | reindex，可加 --log-path 目录；见 --help。</translation>
    </message>
</context>
<context>
    <name>wpm::ReportHistory</name>
    <message>
        <source>Could not create the report directory %1. Check the log path setting and its permissions.</source>
        <translation>无法创建报告目录 %1。请检查 log_path 设置及其权限。</translation>
    </message>
    <message numerus="yes">
        <source>The history database was damaged: it was moved to %1 and rebuilt from %n report(s).</source>
        <translation>
            <numerusform>历史数据库已损坏：已移到 %1，并根据 %n 份报告重建。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The history database was missing: it was rebuilt from %n report(s).</source>
        <translation>
            <numerusform>历史数据库不存在：已根据 %n 份报告重建。</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no report &quot;%1&quot; in this log path. &apos;web-perfmonitor report list&apos; shows the ids.</source>
        <translation>此 log_path 中没有报告“%1”。&apos;web-perfmonitor report list&apos; 会列出所有 ID。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; ends more than one report&apos;s id; give the whole id (see &apos;web-perfmonitor report list&apos;).</source>
        <translation>有多个报告的 ID 以“%1”结尾；请给出完整 ID（见 &apos;web-perfmonitor report list&apos;）。</translation>
    </message>
    <message>
        <source>%1 was reported less than alert_window_days ago; next notification from %2</source>
        <translation>%1 在 alert_window_days 内已报告过；下次通知从 %2 起</translation>
    </message>
    <message>
        <source>Could not remove the old report %1 that the retention settings (history_max_*) drop. Check the permissions of the log path.</source>
        <translation>无法删除保留策略（history_max_*）要删除的旧报告 %1。请检查 log_path 的权限。</translation>
    </message>
    <message>
        <source>Reindexing %1 was cancelled; the history is unchanged.</source>
        <translation>%1 的重建索引已取消；历史未改变。</translation>
    </message>
    <message>
        <source>Could not delete %1. Check the permissions of the log path.</source>
        <translation>无法删除 %1。请检查 log_path 的权限。</translation>
    </message>
</context>
<context>
    <name>wpm::ReportKeeper</name>
    <message numerus="yes">
        <source>  not notified: %1 was reported less than %n day(s) ago (alert_window_days); next from %2.</source>
        <translation>
            <numerusform>  未通知：%1 在不到 %n 天前已报告过（alert_window_days）；下次通知从 %2 起。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  retention (history_max_*) removed %n old report(s).</source>
        <translation>
            <numerusform>  保留策略（history_max_*）删除了 %n 份旧报告。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wpm::ReportNotifications</name>
    <message>
        <source>Slow request: %1 took %2 s</source>
        <translation>慢请求：%1 耗时 %2 秒</translation>
    </message>
</context>
<context>
    <name>wpm::ReportScan</name>
    <message>
        <source>Could not read the report %1: %2.</source>
        <translation>无法读取报告 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is not a web-perfmonitor report (its embedded profile data is missing or damaged); it is left out of the history.</source>
        <translation>%1 不是 web-perfmonitor 报告（其内嵌的分析数据缺失或损坏）；已从历史中排除。</translation>
    </message>
</context>
<context>
    <name>wpm::ReportTexts</name>
    <message>
        <source>en</source>
        <extracomment>The report page&apos;s HTML lang attribute: the language&apos;s BCP 47 tag.</extracomment>
        <translation>zh-CN</translation>
    </message>
    <message>
        <source>Slow request</source>
        <translation>慢请求</translation>
    </message>
    <message>
        <source>The flame graph, call trees and function table need JavaScript.</source>
        <translation>火焰图、调用树和函数表需要启用 JavaScript。</translation>
    </message>
    <message>
        <source>Flame graph</source>
        <translation>火焰图</translation>
    </message>
    <message>
        <source>Search functions</source>
        <translation>搜索函数</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>Call tree (top-down)</source>
        <translation>调用树（自顶向下）</translation>
    </message>
    <message>
        <source>Fold library frames</source>
        <translation>折叠库函数帧</translation>
    </message>
    <message>
        <source>Bottom-up (where time was spent, and its callers)</source>
        <translation>自底向上（耗时所在及其调用者）</translation>
    </message>
    <message>
        <source>Top functions</source>
        <translation>耗时最多的函数</translation>
    </message>
    <message>
        <source>Self</source>
        <translation>自身</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Self samples</source>
        <translation>自身样本数</translation>
    </message>
    <message>
        <source>Total samples</source>
        <translation>总样本数</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>[%1 library frames]</source>
        <translation>[%1 个库函数帧]</translation>
    </message>
    <message>
        <source>%1 (self %2)</source>
        <translation>%1（自身 %2）</translation>
    </message>
    <message>
        <source>%1 frames, %2 of samples</source>
        <translation>%1 个帧，占样本的 %2</translation>
    </message>
    <message>
        <source>total: %1 samples (%2)</source>
        <translation>总计：%1 个样本（%2）</translation>
    </message>
    <message>
        <source>self: %1 samples (%2)</source>
        <translation>自身：%1 个样本（%2）</translation>
    </message>
    <message>
        <source>Waiting for samples</source>
        <translation>等待样本</translation>
    </message>
    <message>
        <source>%1 samples</source>
        <translation>%1 个样本</translation>
    </message>
    <message>
        <source>%1; &quot;%2&quot;: %3 frames, %4</source>
        <translation>%1；“%2”：%3 个帧，%4</translation>
    </message>
    <message>
        <source>Hottest path</source>
        <translation>最热路径</translation>
    </message>
    <message>
        <source>No samples.</source>
        <translation>没有样本。</translation>
    </message>
    <message>
        <source>Call tree</source>
        <translation>调用树</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>(cut here; the HTML report has the whole tree)</source>
        <translation>（在此截断；HTML 报告中有完整的树）</translation>
    </message>
    <message>
        <source>%1 more call(s), each below the cut-off or too deep</source>
        <translation>另有 %1 个调用，均低于阈值或层级过深</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>%1 (threshold %2)</source>
        <translation>%1（阈值 %2）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>%1 at %2 Hz</source>
        <translation>%1 个，%2 Hz</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>性能开销</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>wpm::ReportWriter</name>
    <message>
        <source>Could not write the report file %1: %2. Check that the log path is writable and the disk is not full.</source>
        <translation>无法写入报告文件 %1：%2。请检查 log_path 是否可写、磁盘是否已满。</translation>
    </message>
    <message>
        <source>Could not create the report directory %1. Check the log path setting and its permissions.</source>
        <translation>无法创建报告目录 %1。请检查 log_path 设置及其权限。</translation>
    </message>
    <message>
        <source>Could not find a free report file name in %1.</source>
        <translation>在 %1 中找不到可用的报告文件名。</translation>
    </message>
</context>
<context>
    <name>wpm::ReportZip</name>
    <message>
        <source>Could not create the report zip: %1.</source>
        <translation>无法创建报告 zip：%1。</translation>
    </message>
    <message>
        <source>%1 cannot be read (%2)</source>
        <translation>%1 无法读取（%2）</translation>
    </message>
    <message>
        <source>%1 cannot be written (%2); choose another output file</source>
        <translation>%1 无法写入（%2）；请选择其他输出文件</translation>
    </message>
</context>
<context>
    <name>wpm::RequestsModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>慢</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Slow</source>
        <translation>慢请求</translation>
    </message>
</context>
<context>
    <name>wpm::SampleSession</name>
    <message>
        <source>duration reached</source>
        <translation>已达到采样时长</translation>
    </message>
    <message>
        <source>Sampling PID %1 at %2 Hz for %3 s; Ctrl+C stops early.</source>
        <translation>正在以 %2 Hz 对 PID %1 采样 %3 秒；按 Ctrl+C 可提前停止。</translation>
    </message>
    <message>
        <source>interrupted by signal %1</source>
        <translation>被信号 %1 中断</translation>
    </message>
    <message>
        <source>Interrupted before sampling started.</source>
        <translation>采样开始前被中断。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
    <message>
        <source>Top functions by samples in themselves:</source>
        <translation>自身样本数最多的函数：</translation>
    </message>
    <message>
        <source>Folded stacks written to %1</source>
        <translation>折叠栈已写入 %1</translation>
    </message>
    <message>
        <source>%1 samples of %2 threads in %3 s; achieved %4 Hz (asked %5 Hz), overhead %6%, stop %7 µs and unwind %8 µs (medians), %9% complete stacks; %10 samples of running threads taken by the kernel without stopping them.</source>
        <translation>%3 秒内采集 %2 个线程的 %1 个样本；实际 %4 Hz（请求 %5 Hz），开销 %6%，暂停 %7 µs、回溯 %8 µs（中位数），完整调用栈占 %9%；其中 %10 个运行中线程的样本由内核采集，未暂停线程。</translation>
    </message>
</context>
<context>
    <name>wpm::Sampler</name>
    <message>
        <source>The sampler is already running; stop it first.</source>
        <translation>采样器已在运行；请先停止它。</translation>
    </message>
</context>
<context>
    <name>wpm::SamplingStatusWidget</name>
    <message>
        <source>⚠ falling behind</source>
        <translation>⚠ 采样跟不上</translation>
    </message>
    <message>
        <source>The sampler takes fewer samples than asked: the machine is busy, or the target has many threads. Lower sampling_rate_hz or close other programs.</source>
        <translation>采样器采集的样本少于要求：机器繁忙，或目标线程很多。请降低 sampling_rate_hz 或关闭其他程序。</translation>
    </message>
    <message>
        <source>%1 Hz of %2 Hz</source>
        <translation>%1 Hz / %2 Hz</translation>
    </message>
    <message>
        <source>Sampling rate achieved, and asked for; the adaptive rate is %1 Hz now.</source>
        <translation>实际达到的采样率和要求的采样率；当前自适应采样率为 %1 Hz。</translation>
    </message>
    <message>
        <source>overhead %1%</source>
        <translation>开销 %1%</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s)</source>
        <translation>
            <numerusform>%n 个样本</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wpm::SecretStore</name>
    <message>
        <source>the system keychain refused access to the web-perfmonitor secrets; allow it in the keychain&apos;s prompt or settings</source>
        <translation>系统钥匙串拒绝访问 web-perfmonitor 的密钥；请在钥匙串的提示或设置中允许</translation>
    </message>
    <message>
        <source>the secrets file %1 cannot be read: %2</source>
        <translation>无法读取密钥文件 %1：%2</translation>
    </message>
    <message>
        <source>the secrets file %1 may be read by others; run chmod 600 %1</source>
        <translation>密钥文件 %1 可能被他人读取；请运行 chmod 600 %1</translation>
    </message>
    <message>
        <source>the secrets file %1 is not a JSON object; fix or remove it</source>
        <translation>密钥文件 %1 不是 JSON 对象；请修复或删除它</translation>
    </message>
    <message>
        <source>the directory %1 cannot be created for the secrets file</source>
        <translation>无法为密钥文件创建目录 %1</translation>
    </message>
    <message>
        <source>the secrets file %1 cannot be written: %2</source>
        <translation>无法写入密钥文件 %1：%2</translation>
    </message>
    <message>
        <source>no secret named &quot;%1&quot; is stored; store it with: web-perfmonitor notify set-secret %1 (the value is read from standard input)</source>
        <translation>没有保存名为“%1”的密钥；请用 web-perfmonitor notify set-secret %1 保存（从标准输入读取值）</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2</source>
        <translation>&quot;%1&quot;：%2</translation>
    </message>
</context>
<context>
    <name>wpm::ServerSession</name>
    <message>
        <source>the server exited</source>
        <translation>服务器已退出</translation>
    </message>
</context>
<context>
    <name>wpm::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>URL whitelist</source>
        <translation>URL 白名单</translation>
    </message>
    <message>
        <source>URL blacklist</source>
        <translation>URL 黑名单</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Language (at the next start)</source>
        <translation>语言（下次启动时生效）</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>Notifiers</source>
        <translation>通知渠道</translation>
    </message>
</context>
<context>
    <name>wpm::SymbolizationJob</name>
    <message>
        <source>Symbolization was cancelled after %1 of %2 frames; start it again to go on from there.</source>
        <translation>符号解析在 %2 帧中的第 %1 帧后被取消；重新开始即可从该处继续。</translation>
    </message>
</context>
<context>
    <name>wpm::TargetArguments</name>
    <message>
        <source>Usage: web-perfmonitor %1 --pid PID [options], or web-perfmonitor %1 [options] -- COMMAND [ARGUMENTS...]: give a process to attach to or a command to launch, not both.</source>
        <translation>用法：web-perfmonitor %1 --pid PID [选项]，或 web-perfmonitor %1 [选项] -- 命令 [参数...]：给出要附加的进程或要启动的命令，二者只能选一。</translation>
    </message>
    <message>
        <source>--duration: &quot;%1&quot; is not accepted: expected a number of seconds greater than 0 and up to %2, e.g. 30.</source>
        <translation>--duration：“%1”不被接受：应为大于 0 且不超过 %2 的秒数，例如 30。</translation>
    </message>
    <message>
        <source>Stopped: %1.</source>
        <translation>已停止：%1。</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
</context>
<context>
    <name>wpm::TargetPage</name>
    <message>
        <source>&amp;Launch a server</source>
        <translation>启动服务器(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Attach to a running process</source>
        <translation>附加到运行中的进程(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Start recording</source>
        <translation>开始录制(&amp;S)</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Open in &amp;browser</source>
        <translation>在浏览器中打开(&amp;B)</translation>
    </message>
    <message>
        <source>Server console</source>
        <translation>服务器控制台</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Projects launched before, most recent first</source>
        <translation>以前启动过的项目，最近的在前</translation>
    </message>
    <message>
        <source>e.g. python3 app.py --port 5000</source>
        <translation>例如 python3 app.py --port 5000</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>NAME=value, one per line</source>
        <translation>NAME=value，每行一个</translation>
    </message>
    <message>
        <source>Choose process…</source>
        <translation>选择进程…</translation>
    </message>
    <message>
        <source>Recent projects:</source>
        <translation>最近的项目：</translation>
    </message>
    <message>
        <source>Command line:</source>
        <translation>命令行：</translation>
    </message>
    <message>
        <source>Working directory:</source>
        <translation>工作目录：</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>环境变量：</translation>
    </message>
    <message>
        <source>Process ID:</source>
        <translation>进程 ID：</translation>
    </message>
    <message>
        <source>Send your requests to</source>
        <translation>请把请求发送到</translation>
    </message>
    <message>
        <source>Type the command that starts your server, e.g. python3 app.py.</source>
        <translation>请输入启动服务器的命令，例如 python3 app.py。</translation>
    </message>
    <message>
        <source>The environment line &quot;%1&quot; is not NAME=value.</source>
        <translation>环境变量行“%1”不是 NAME=value 格式。</translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation>工作目录</translation>
    </message>
    <message>
        <source>The proxy starts once the server listens.</source>
        <translation>服务器开始监听后代理才会启动。</translation>
    </message>
</context>
<context>
    <name>wpm::Translations</name>
    <message>
        <source>Unknown language &quot;%1&quot;: available languages are %2.</source>
        <translation>未知语言“%1”：可用的语言为 %2。</translation>
    </message>
    <message>
        <source>The %1 translation is missing from this build: rebuild with Qt&apos;s LinguistTools installed.</source>
        <translation>此构建缺少 %1 翻译：请安装 Qt 的 LinguistTools 后重新构建。</translation>
    </message>
</context>
<context>
    <name>wpm::UrlPattern</name>
    <message>
        <source>URL pattern &quot;%1&quot; is not valid: %2</source>
        <translation>URL 模式“%1”无效：%2</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>它为空</translation>
    </message>
    <message>
        <source>it starts or ends with white space</source>
        <translation>它以空白字符开头或结尾</translation>
    </message>
    <message>
        <source>it contains a control character at position %1</source>
        <translation>它在位置 %1 含有控制字符</translation>
    </message>
    <message>
        <source>it must start with / or *, e.g. /api/*</source>
        <translation>它必须以 / 或 * 开头，例如 /api/*</translation>
    </message>
    <message>
        <source>it ends with a lone \; write \\ to match a backslash</source>
        <translation>它以单独的 \ 结尾；要匹配反斜杠请写 \\</translation>
    </message>
    <message>
        <source>the range %1-%2 is reversed</source>
        <translation>范围 %1-%2 是反向的</translation>
    </message>
    <message>
        <source>the [ at position %1 is not closed with ]</source>
        <translation>位置 %1 的 [ 没有用 ] 闭合</translation>
    </message>
    <message>
        <source>the character class at position %1 is empty</source>
        <translation>位置 %1 的字符类为空</translation>
    </message>
</context>
<context>
    <name>wpm::WebhookNotifier</name>
    <message>
        <source>posting to the webhook at %1</source>
        <translation>正在向 %1 的 webhook 发送</translation>
    </message>
</context>
<context>
    <name>wpm::WorkbenchSettings</name>
    <message>
        <source>expected %1</source>
        <translation>应为%1</translation>
    </message>
    <message>
        <source>%1; expected %2</source>
        <translation>%1；应为%2</translation>
    </message>
    <message>
        <source>%1 (from the settings): %2</source>
        <translation>%1（来自设置）：%2</translation>
    </message>
</context>
</TS>
